// Herald's explanations of a failed SMTP attempt (lib/mail/explain.ts), by key: the English the
// API, the CLI, the mail log and the outbox store, and the key under "smtpCheck.explain" in the
// catalogs (messages/*.json) that the console shows in the reader's language. ICU messages; the
// catalog test holds the English catalog to exactly these texts. Server replies and raw error
// messages are only ever values ({response}, {message}): they stay verbatim in every language.
// `{at}` is "host:port", or `server` below when no host is known. Pure.
export const SMTP_EXPLAIN_TEXTS = {
  server: "the mail server",
  someHost: "the host",
  explain: {
    configIncomplete: {
      title: "Mail settings are incomplete",
      explanation: "{message, select, none {The mail settings are not valid.} other {{message}}} Check the Mail Service settings.",
    },
    invalidAddress: {
      title: "Invalid sender or recipient",
      explanation: "{message}. Addresses must be plain email addresses without line breaks or angle brackets.",
    },
    passwordMissing: {
      title: "Password missing",
      explanation: "A user name is set but no password. Enter the SMTP password, or turn on the OAuth flow to log in with OAuth2.",
    },
    oauthInvalidGrant: {
      title: "OAuth2 authorization expired or was revoked",
      explanation: "The provider rejected the refresh token (invalid_grant): it expired, was revoked, or the password or consent changed. Open the OAuth2 settings and authorize again to get a new refresh token.",
    },
    oauthNoToken: {
      title: "No valid OAuth2 access token",
      explanation: "Herald could not get an access token for XOAUTH2 (none stored, or it expired and could not be refreshed). Authorize the mail account again in the OAuth2 settings.",
    },
    certExpired: {
      title: "The server's certificate has expired",
      explanation: "The TLS certificate presented by {at} is past its expiry date, so the connection is not trusted. The mail server's administrator must renew it; check the system clock of the Herald host too.",
    },
    certNotYetValid: {
      title: "The server's certificate is not valid yet",
      explanation: "The TLS certificate presented by {at} starts in the future. Check the clock of the Herald host and of the mail server.",
    },
    certHostMismatch: {
      title: "Certificate does not match the host name",
      explanation: "The certificate presented by {at} is issued for a different name ({reason}). Use the host name the certificate is issued for in smtp.host (not an IP address or an alias).",
    },
    certSelfSigned: {
      title: "The server uses a self-signed certificate",
      explanation: "{at} presented a certificate that no trusted authority signed. Install a certificate from a public CA on the mail server, or add the server's (or your company's) CA certificate to Herald's trusted certificates.",
    },
    certUntrusted: {
      title: "The server's certificate is not trusted",
      explanation: "The certificate chain presented by {at} could not be verified ({reason}). The server may be missing an intermediate certificate, or it is signed by a private CA that Herald does not trust yet.",
    },
    tlsNotTls: {
      title: "TLS handshake failed",
      explanation: "Herald started a TLS handshake and {at} answered with something that is not TLS ({reason}). Check the host, port and StartTLS settings.",
    },
    sslOnPlainPort: {
      title: "SSL is on, but the server does not speak SSL on this port",
      explanation: "Herald started a TLS handshake and {at} answered in plain text (OpenSSL: \"wrong version number\"). This port expects a plain connection, usually upgraded with StartTLS (port 587 or 25). Turn off SSL and turn on StartTLS, or use the SSL port (usually 465).",
    },
    tlsVersion: {
      title: "No common TLS version",
      explanation: "{at} only offers TLS versions that Herald refuses as insecure (TLS 1.0/1.1), or the reverse. The mail server must support TLS 1.2 or newer.",
    },
    tlsHandshake: {
      title: "TLS handshake failed",
      explanation: "Herald and {at} could not agree on TLS settings ({message}). The server may require a client certificate or only offer outdated ciphers.",
    },
    starttlsRefused: {
      title: "The server does not offer StartTLS",
      explanation: "{at} refused the STARTTLS command ({response}).{requireTls, select, yes { \"Require TLS\" is on, so Herald will not send without encryption.} other {}} Use the port that supports StartTLS (usually 587), switch to SSL on port 465, or — only on a trusted network — turn off StartTLS and \"Require TLS\".",
    },
    requireTlsUnsupported: {
      title: "REQUIRETLS is not supported",
      explanation: "{message}. The server does not support the REQUIRETLS extension (RFC 8689).",
    },
    tlsUpgradeFailed: {
      title: "Encryption could not be set up",
      explanation: "The TLS upgrade with {at} failed ({message}). Check the SSL / StartTLS settings against what the server expects on this port: 465 is SSL on connect, 587 and 25 use StartTLS.",
    },
    dnsTimeout: {
      title: "The host name could not be looked up",
      explanation: "The DNS lookup for {host} did not answer in time. Check the Herald host's DNS settings and network connection, then try again.",
    },
    dnsNotFound: {
      title: "Host not found",
      explanation: "The host name {host} does not exist in DNS. Check smtp.host for typos (e.g. smtp.office365.com, smtp.gmail.com).",
    },
    refused: {
      title: "Connection refused",
      explanation: "Nothing accepts connections on {at}. Check the port (usually 587 for StartTLS, 465 for SSL, 25 for server-to-server) and that the mail server is running and reachable from Herald.",
    },
    unreachable: {
      title: "Mail server unreachable",
      explanation: "There is no network route from Herald to {at} ({errorCode}). Check the host, the network and firewall rules.",
    },
    noGreeting: {
      title: "The server never said hello",
      explanation: "The connection to {at} opened, but the server sent no SMTP greeting.{hint, select, ssl465 { Port 465 expects SSL from the first byte: turn on SSL (smtp.ssl), or use port 587 with StartTLS.} checkSsl { If this port expects SSL on connect (usually 465), turn on SSL; otherwise check that the host and port are right.} other {}} Some servers also stay silent when they block or throttle the Herald host.",
    },
    tlsTimeout: {
      title: "The TLS handshake did not finish",
      explanation: "{at} did not complete the encryption handshake in time. Check that SSL / StartTLS match what the server expects on this port (465 is SSL on connect, 587 and 25 use StartTLS).",
    },
    silentMidSession: {
      title: "The mail server stopped responding",
      explanation: "{at} went silent in the middle of the session. Try again; if it keeps happening the server is overloaded or something on the network cuts idle connections.",
    },
    connectTimeout: {
      title: "No answer from the mail server",
      explanation: "{at} did not answer the connection attempt. A firewall may be dropping the traffic (many cloud providers block outgoing port 25), or the host or port is wrong.",
    },
    timeout: {
      title: "The mail server stopped responding",
      explanation: "{at} did not answer in time during the session ({message}). Try again; if it keeps happening the server is overloaded or the connection is being cut.",
    },
    reset: {
      title: "The server dropped the connection",
      explanation: "{at} reset the connection ({errorCode}).{hint, select, ssl465 { Port 465 expects SSL from the first byte: turn on SSL (smtp.ssl), or use port 587 with StartTLS.} checkSsl { If this port expects SSL on connect (usually 465), turn on SSL; otherwise check that the host and port are right.} other {}} A firewall or the server may also be rejecting the Herald host.",
    },
    starttlsRequired: {
      title: "The server requires StartTLS",
      explanation: "{at} only accepts logins and mail over an encrypted connection. Turn on StartTLS (smtp.starttls) — and \"Require TLS\" to be sure — or use SSL on port 465.",
    },
    msSecurityDefaults: {
      title: "Blocked by Microsoft security defaults",
      explanation: "Microsoft 365 security defaults block password (basic) SMTP logins for this tenant. Use the OAuth flow (XOAUTH2) with a Microsoft app registration, or have the tenant admin change the policy.",
    },
    msWrongCredentials: {
      title: "Wrong user name or password (Microsoft 365)",
      explanation: "Microsoft 365 rejected the credentials. The SMTP user must be the full mailbox address; check the password, or use the OAuth flow.",
    },
    msSmtpAuthDisabled: {
      title: "SMTP AUTH is disabled for this mailbox or tenant (Microsoft)",
      explanation: "Microsoft 365 has authenticated SMTP (SMTP AUTH) turned off for this mailbox or the whole tenant. An Exchange admin must enable \"Authenticated SMTP\" for the mailbox (Microsoft 365 admin center → user → Mail → Manage email apps) or for the tenant, see https://aka.ms/smtp_auth_disabled.",
    },
    loginRequiredToSend: {
      title: "The server requires a login to send",
      explanation: "{at} does not accept mail without logging in. Set smtp.user and the password (or turn on the OAuth flow).",
    },
    loginRequired: {
      title: "The server requires a login",
      explanation: "{at} only accepts mail from authenticated users. Set smtp.user and the password, or turn on the OAuth flow.",
    },
    googleAppPassword: {
      title: "Google requires an app password",
      explanation: "The Google account uses 2-step verification, so its normal password cannot be used for SMTP. Create an app password in the Google account's security settings, or use the OAuth flow.",
    },
    googleBrowserSignIn: {
      title: "Google blocked the sign-in",
      explanation: "Google wants the account owner to sign in through a web browser first (suspicious sign-in or less secure app). Sign in to the account, review the security alert, and prefer the OAuth flow.",
    },
    tooManyLogins: {
      title: "Too many login attempts",
      explanation: "{at} temporarily refuses logins ({response}). Wait a few minutes, and check that the credentials are right before retrying.",
    },
    authMethodUnsupported: {
      title: "The server does not support this login method",
      explanation: "{at} refused the login method ({command}). {oauth, select, yes {It may not accept XOAUTH2 on this port; check the host and port for the OAuth2 provider.} other {Check the server's supported AUTH methods in the connection check.}}",
    },
    xoauthRejected: {
      title: "{google, select, yes {Google rejected the access token or its scope} other {The OAuth2 access token was rejected}}",
      explanation: "{at} did not accept the XOAUTH2 login for {user, select, none {the configured user} other {{user}}}. The token may have expired or lack the SMTP scope (Gmail: https://mail.google.com/, Microsoft: https://outlook.office365.com/SMTP.Send), or the SMTP user differs from the account that authorized. Authorize again in the OAuth2 settings.",
    },
    googleCredentials: {
      title: "Google did not accept the credentials",
      explanation: "Google rejected the user name and password (535-5.7.8). Use the full Gmail address as the user and an app password (accounts with 2-step verification), or switch to the OAuth flow. If OAuth is on, the token or its scope was rejected: authorize again.",
    },
    wrongCredentialsMs: {
      title: "Wrong user name or password",
      explanation: "{at} rejected the login ({response}). Check smtp.user (usually the full mailbox address) and the password. For Microsoft 365, password logins may be blocked; use the OAuth flow.",
    },
    wrongCredentials: {
      title: "Wrong user name or password",
      explanation: "{at} rejected the login{response, select, none {} other { ({response})}}. Check smtp.user and the password.",
    },
    tooLarge: {
      title: "The message is too large",
      explanation: "{at} does not accept messages this large ({response}).",
    },
    senderRejected: {
      title: "The sender address was rejected",
      explanation: "{at} refused the sender{response, select, none {} other { ({response})}}. Use a from address the SMTP user is allowed to send as — usually the mailbox itself or an address of its domain{sendAs, select, yes { (the server reports the user may not send as this address)} other {}}.",
    },
    noRelay: {
      title: "The server will not relay to this recipient",
      explanation: "{at} only delivers to its own domains for unauthenticated senders ({response}). Log in with smtp.user, or allow relaying for the Herald host on the mail server.",
    },
    recipientDeferred: {
      title: "The recipient was temporarily refused",
      explanation: "{at} refused the recipient for now ({response}). Try again later; greylisting and rate limits clear by themselves.",
    },
    recipientUnknown: {
      title: "The recipient does not exist",
      explanation: "{at} says there is no such mailbox ({response}). Check the recipient address.",
    },
    recipientRejected: {
      title: "The recipient was rejected",
      explanation: "{at} refused the recipient{response, select, none {} other { ({response})}}. Check the address, and whether the server accepts mail for that domain from Herald.",
    },
    sendAsDenied: {
      title: "Not allowed to send as this address",
      explanation: "{at} accepted the login but not the From address ({response}). Set from.address to the mailbox itself, or grant the user \"Send As\" rights for that address.",
    },
    dmarc: {
      title: "Rejected: sender domain not authenticated",
      explanation: "{at} rejected the message because the sending domain's SPF/DKIM/DMARC checks failed ({response}). Send from a domain whose SPF and DKIM records allow this server.",
    },
    policy: {
      title: "The message was rejected by policy",
      explanation: "{at} refused the message content ({response}). The server's spam or content policy blocked it.",
    },
    messageRejected: {
      title: "The message was rejected",
      explanation: "{at} accepted the envelope but refused the message ({response}).",
    },
    sessionRefused: {
      title: "The server refused the session",
      explanation: "{at} is not accepting mail from Herald right now ({response}). It may be overloaded, rate limiting, or blocking the Herald host's IP address.",
    },
    notSmtp: {
      title: "This is not an SMTP server",
      explanation: "{at} answered, but not with an SMTP greeting ({response}). Check the port: SMTP uses 25, 465 or 587.",
    },
    unexpectedReply: {
      title: "Unexpected answer from the server",
      explanation: "{at} sent a reply Herald did not expect ({response}).",
    },
    closed: {
      title: "The server closed the connection",
      explanation: "{at} closed the connection without an error reply.{hint, select, ssl465 { Port 465 expects SSL from the first byte: turn on SSL (smtp.ssl), or use port 587 with StartTLS.} checkSsl { If this port expects SSL on connect (usually 465), turn on SSL; otherwise check that the host and port are right.} other {}} The server may also be rejecting the Herald host.",
    },
    network: {
      title: "Network error",
      explanation: "The connection to {at} failed ({message}).",
    },
    serverAnswered: {
      title: "The server answered {smtpCode}",
      explanation: "{at} replied \"{response}\"{command, select, none {} other { to {command}}}.",
    },
    noXoauth2: {
      title: "The server does not offer XOAUTH2",
      explanation: "{at} offers {offered} but not XOAUTH2, so the OAuth flow cannot log in here. Check the host and port for your provider (Gmail: smtp.gmail.com:587, Microsoft 365: smtp.office365.com:587), or turn off the OAuth flow.",
    },
    noPasswordLogin: {
      title: "The server does not accept password logins",
      explanation: "{at} only offers {offered}. Turn on the OAuth flow and authorize the mail account.",
    },
    tokenReauth: {
      title: "Re-authorization needed",
      explanation: "{reason} Open Configuration → OAuth2 (Gmail / Microsoft 365) and click Re-authorize.",
    },
    tokenNotConfigured: {
      title: "OAuth2 provider not configured",
      explanation: "{message}",
    },
    tokenNotConnected: {
      title: "Not authorized yet",
      explanation: "{message}",
    },
    tokenRefreshFailed: {
      title: "{title, select, none {The access token could not be renewed} other {{title}}}",
      explanation: "{message}",
    },
    noToken: {
      title: "No access token",
      explanation: "Herald could not get an OAuth2 access token; see the server log.",
    },
    unknown: {
      title: "Sending failed",
      explanation: "An unexpected error occurred while talking to {at}{message, select, none {} other {: {message}}}. Run the connection check to see which step fails.",
    },
  },
} as const;

export type SmtpExplainKey = keyof typeof SMTP_EXPLAIN_TEXTS.explain;
