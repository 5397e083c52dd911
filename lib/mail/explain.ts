// Turns a failed SMTP attempt (a nodemailer error, a Node socket/TLS error or a bare SMTP reply)
// into one category and plain words an admin can act on. Pure: no server imports.
import type { MailSettings } from "./settings";

export type FailureCode =
  | "dns"
  | "refused"
  | "timeout"
  | "tls"
  | "certificate"
  | "auth"
  | "sender_rejected"
  | "recipient_rejected"
  | "message_rejected"
  | "protocol"
  /** Herald's own settings or input are incomplete; nothing was sent to a server. */
  | "config"
  | "unknown";

export interface Explained {
  code: FailureCode;
  /** One line, e.g. "Wrong user name or password". */
  title: string;
  /** What happened and what to check or change, in plain words. */
  explanation: string;
  /** SMTP reply code, e.g. 535. */
  smtpCode?: number;
  /** Enhanced status code, e.g. "5.7.139". */
  enhancedCode?: string;
  /** The server's reply as received. */
  response?: string;
  /** The SMTP command that failed (nodemailer's `command`: CONN, EHLO, STARTTLS, AUTH PLAIN, MAIL FROM, RCPT TO, DATA…). */
  command?: string;
  /** The error code reported by nodemailer / Node (e.g. EAUTH, ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT). */
  errorCode?: string;
  /** The raw error message, for the details view. */
  message?: string;
}

/** What the explanation may refer to; all optional. */
export interface ExplainContext {
  host?: string;
  port?: number;
  ssl?: boolean;
  starttls?: boolean;
  requiretls?: boolean;
  oauth?: boolean;
  user?: string;
}

export function explainContext(s: Partial<MailSettings>): ExplainContext {
  return {
    host: s["smtp.host"],
    port: s["smtp.port"],
    ssl: s["smtp.ssl"],
    starttls: s["smtp.starttls"],
    requiretls: s["smtp.requiretls"],
    oauth: s["oauth.flow"],
    user: s["smtp.user"],
  };
}

export interface ParsedReply {
  code?: number;
  enhanced?: string;
  /** Reply text without codes, continuation lines joined with a space. */
  text: string;
}

/** "535-5.7.8 Username and Password not accepted.\n535 5.7.8 Learn more" → {535, "5.7.8", "…"} */
export function parseReply(reply: string | undefined | null): ParsedReply {
  if (!reply) return { text: "" };
  const lines = String(reply).split(/\r?\n/).filter((l) => l.trim());
  let code: number | undefined;
  let enhanced: string | undefined;
  const texts: string[] = [];
  for (const line of lines) {
    const m = /^(\d{3})(?:[ -]|$)(?:([245]\.\d{1,3}\.\d{1,3})(?:\s+|$))?(.*)$/.exec(line.trim());
    if (m) {
      code ??= Number(m[1]);
      enhanced ??= m[2];
      texts.push((m[3] ?? "").trim());
    } else {
      texts.push(line.trim());
    }
  }
  return { code, enhanced, text: texts.filter(Boolean).join(" ") };
}

interface ErrorLike {
  code?: unknown;
  originalCode?: unknown;
  message?: unknown;
  response?: unknown;
  responseCode?: unknown;
  command?: unknown;
  reason?: unknown;
  timeoutType?: unknown;
  cause?: unknown;
  rejectedErrors?: unknown;
}

const CERT_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_DECRYPT_CERT_SIGNATURE",
  "CERT_SIGNATURE_FAILURE",
  "CERT_NOT_YET_VALID",
  "CERT_HAS_EXPIRED",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "INVALID_CA",
  "INVALID_PURPOSE",
  "PATH_LENGTH_EXCEEDED",
  "HOSTNAME_MISMATCH",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_TLS_CERT_ALTNAME_FORMAT",
]);
const DNS_CODES = new Set(["EDNS", "ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL", "EAI_NODATA", "ENODATA", "ESERVFAIL", "ENOTIMP", "EREFUSED", "EBADNAME", "ECONNREFUSED_DNS"]);
const UNREACHABLE_CODES = new Set(["EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN", "EADDRNOTAVAIL"]);

function str(v: unknown): string | undefined {
  return typeof v === "string" && v ? v : undefined;
}

function where(ctx: ExplainContext): string {
  if (!ctx.host) return "the mail server";
  return ctx.port ? `${ctx.host}:${ctx.port}` : ctx.host;
}

function portHintForTimeout(ctx: ExplainContext): string {
  if (ctx.port === 465 && !ctx.ssl) {
    return " Port 465 expects SSL from the first byte: turn on SSL (smtp.ssl), or use port 587 with StartTLS.";
  }
  if (ctx.ssl) return "";
  return " If this port expects SSL on connect (usually 465), turn on SSL; otherwise check that the host and port are right.";
}

/** Classifies a bare SMTP reply (e.g. from a custom check). `command` is the command it answered. */
export function explainReply(reply: string, command?: string, ctx: ExplainContext = {}): Explained {
  const p = parseReply(reply);
  const cmd = command?.toUpperCase();
  const code = cmd?.startsWith("AUTH")
    ? "EAUTH"
    : cmd === "MAIL FROM" || cmd === "RCPT TO"
      ? "EENVELOPE"
      : cmd === "DATA"
        ? "EMESSAGE"
        : cmd === "STARTTLS"
          ? "ETLS"
          : undefined;
  return explainError({ code, response: reply, responseCode: p.code, command, message: reply }, ctx);
}

/** Never throws; anything unrecognised becomes `unknown` with the raw message kept. */
export function explainError(error: unknown, ctx: ExplainContext = {}): Explained {
  const err: ErrorLike = typeof error === "object" && error !== null ? (error as ErrorLike) : { message: String(error) };
  const cause = typeof err.cause === "object" && err.cause !== null ? (err.cause as ErrorLike) : undefined;
  const codes = [err.code, err.originalCode, cause?.code].map(str).filter((c): c is string => !!c);
  const message = str(err.message) ?? "";
  let response = str(err.response);
  let command = str(err.command);
  // "all recipients were rejected": the interesting reply is the first recipient's
  const firstRejected = Array.isArray(err.rejectedErrors) ? (err.rejectedErrors[0] as ErrorLike | undefined) : undefined;
  if (!response && firstRejected) {
    response = str(firstRejected.response);
    command ??= str(firstRejected.command);
  }
  const reply = parseReply(response);
  const smtpCode = typeof err.responseCode === "number" ? err.responseCode : reply.code;
  const haystack = `${message} ${str(err.reason) ?? ""} ${response ?? ""}`;
  const at = where(ctx);

  const base: Omit<Explained, "code" | "title" | "explanation"> = {};
  if (smtpCode) base.smtpCode = smtpCode;
  if (reply.enhanced) base.enhancedCode = reply.enhanced;
  if (response) base.response = response;
  if (command) base.command = command;
  const errorCode = codes.find((c) => !/^E(SOCKET|CONNECTION)$/.test(c)) ?? codes[0];
  if (errorCode) base.errorCode = errorCode;
  if (message) base.message = message;

  const out = (code: FailureCode, title: string, explanation: string): Explained => ({ code, title, explanation, ...base });
  const has = (c: string) => codes.includes(c);
  const enh = reply.enhanced ?? "";
  const rtext = reply.text;

  // --- Herald-side problems: nothing was wrong with the server -------------------------------
  if (has("ECONFIG")) return out("config", "Mail settings are incomplete", `${message || "The mail settings are not valid."} Check the Mail Service settings.`);
  if (has("EENVELOPE") && command === "API") {
    return out("config", "Invalid sender or recipient", `${message}. Addresses must be plain email addresses without line breaks or angle brackets.`);
  }
  if (has("EAUTH") && command === "API" && /Missing credentials/i.test(message)) {
    return out("config", "Password missing", "A user name is set but no password. Enter the SMTP password, or turn on the OAuth flow to log in with OAuth2.");
  }

  // --- OAuth2 token problems ------------------------------------------------------------------
  if (/invalid_grant/i.test(haystack)) {
    return out("auth", "OAuth2 authorization expired or was revoked", "The provider rejected the refresh token (invalid_grant): it expired, was revoked, or the password or consent changed. Open the OAuth2 settings and authorize again to get a new refresh token.");
  }
  if (has("EOAUTH2") || /Can't create new access token/i.test(message)) {
    return out("auth", "No valid OAuth2 access token", "Herald could not get an access token for XOAUTH2 (none stored, or it expired and could not be refreshed). Authorize the mail account again in the OAuth2 settings.");
  }

  // --- certificates (checked before generic TLS: these arrive as ESOCKET/ETLS too) --------------
  const certCode = codes.find((c) => CERT_CODES.has(c));
  if (certCode || /self[- ]signed certificate|unable to verify the first certificate|unable to get local issuer|certificate has expired|certificate is not yet valid|does not match certificate's altnames/i.test(haystack)) {
    const c = certCode ?? "";
    if (c === "CERT_HAS_EXPIRED" || /certificate has expired/i.test(haystack)) {
      return out("certificate", "The server's certificate has expired", `The TLS certificate presented by ${at} is past its expiry date, so the connection is not trusted. The mail server's administrator must renew it; check the system clock of the Herald host too.`);
    }
    if (c === "CERT_NOT_YET_VALID" || /not yet valid/i.test(haystack)) {
      return out("certificate", "The server's certificate is not valid yet", `The TLS certificate presented by ${at} starts in the future. Check the clock of the Herald host and of the mail server.`);
    }
    if (c === "ERR_TLS_CERT_ALTNAME_INVALID" || c === "HOSTNAME_MISMATCH" || /altnames/i.test(haystack)) {
      return out("certificate", "Certificate does not match the host name", `The certificate presented by ${at} is issued for a different name (${str(err.reason) ?? message}). Use the host name the certificate is issued for in smtp.host (not an IP address or an alias).`);
    }
    if (c === "DEPTH_ZERO_SELF_SIGNED_CERT" || c === "SELF_SIGNED_CERT_IN_CHAIN" || /self[- ]signed/i.test(haystack)) {
      return out("certificate", "The server uses a self-signed certificate", `${at} presented a certificate that no trusted authority signed. Install a certificate from a public CA on the mail server, or add the server's (or your company's) CA certificate to Herald's trusted certificates.`);
    }
    return out("certificate", "The server's certificate is not trusted", `The certificate chain presented by ${at} could not be verified (${c || message}). The server may be missing an intermediate certificate, or it is signed by a private CA that Herald does not trust yet.`);
  }

  // --- TLS protocol mismatches ------------------------------------------------------------------
  if (/wrong version number|packet length too long|unknown protocol|http request/i.test(haystack) || has("ERR_SSL_WRONG_VERSION_NUMBER") || has("ERR_SSL_PACKET_LENGTH_TOO_LONG")) {
    if (ctx.ssl === false) {
      return out("tls", "TLS handshake failed", `Herald started a TLS handshake and ${at} answered with something that is not TLS (${str(err.reason) ?? message}). Check the host, port and StartTLS settings.`);
    }
    return out("tls", "SSL is on, but the server does not speak SSL on this port", `Herald started a TLS handshake and ${at} answered in plain text (OpenSSL: "wrong version number"). This port expects a plain connection, usually upgraded with StartTLS (port 587 or 25). Turn off SSL and turn on StartTLS, or use the SSL port (usually 465).`);
  }
  if (/unsupported protocol|alert protocol version|no protocols available/i.test(haystack)) {
    return out("tls", "No common TLS version", `${at} only offers TLS versions that Herald refuses as insecure (TLS 1.0/1.1), or the reverse. The mail server must support TLS 1.2 or newer.`);
  }
  if (/handshake failure|no shared cipher|sslv3 alert/i.test(haystack)) {
    return out("tls", "TLS handshake failed", `Herald and ${at} could not agree on TLS settings (${message}). The server may require a client certificate or only offer outdated ciphers.`);
  }
  if (has("ETLS") || has("EREQUIRETLS")) {
    if (command === "STARTTLS" && smtpCode && smtpCode >= 400) {
      return out("tls", "The server does not offer StartTLS", `${at} refused the STARTTLS command (${response ?? smtpCode}).${ctx.requiretls ? " \"Require TLS\" is on, so Herald will not send without encryption." : ""} Use the port that supports StartTLS (usually 587), switch to SSL on port 465, or — only on a trusted network — turn off StartTLS and "Require TLS".`);
    }
    if (has("EREQUIRETLS")) {
      return out("tls", "REQUIRETLS is not supported", `${message}. The server does not support the REQUIRETLS extension (RFC 8689).`);
    }
    return out("tls", "Encryption could not be set up", `The TLS upgrade with ${at} failed (${message}). Check the SSL / StartTLS settings against what the server expects on this port: 465 is SSL on connect, 587 and 25 use StartTLS.`);
  }

  // --- DNS --------------------------------------------------------------------------------------
  if (codes.some((c) => DNS_CODES.has(c))) {
    const host = ctx.host ?? (message.match(/(?:ENOTFOUND|EAI_AGAIN)\s+(\S+)/)?.[1] ?? "the host");
    if (has("EAI_AGAIN") || /timed out|timeout/i.test(message)) {
      return out("dns", "The host name could not be looked up", `The DNS lookup for ${host} did not answer in time. Check the Herald host's DNS settings and network connection, then try again.`);
    }
    return out("dns", "Host not found", `The host name ${host} does not exist in DNS. Check smtp.host for typos (e.g. smtp.office365.com, smtp.gmail.com).`);
  }

  // --- connecting -------------------------------------------------------------------------------
  if (has("ECONNREFUSED")) {
    return out("refused", "Connection refused", `Nothing accepts connections on ${at}. Check the port (usually 587 for StartTLS, 465 for SSL, 25 for server-to-server) and that the mail server is running and reachable from Herald.`);
  }
  if (codes.some((c) => UNREACHABLE_CODES.has(c))) {
    return out("refused", "Mail server unreachable", `There is no network route from Herald to ${at} (${errorCode}). Check the host, the network and firewall rules.`);
  }
  if (has("ETIMEDOUT") || /timeout|timed out|Greeting never received/i.test(message)) {
    const type = str(err.timeoutType) ?? "";
    if (type === "GREETING_TIMEOUT" || /Greeting never received/i.test(message)) {
      return out("timeout", "The server never said hello", `The connection to ${at} opened, but the server sent no SMTP greeting.${portHintForTimeout(ctx)} Some servers also stay silent when they block or throttle the Herald host.`);
    }
    if (type === "UPGRADE_TIMEOUT" || /TLS handshake timed out/i.test(message)) {
      return out("timeout", "The TLS handshake did not finish", `${at} did not complete the encryption handshake in time. Check that SSL / StartTLS match what the server expects on this port (465 is SSL on connect, 587 and 25 use StartTLS).`);
    }
    if (type === "SOCKET_TIMEOUT") {
      return out("timeout", "The mail server stopped responding", `${at} went silent in the middle of the session. Try again; if it keeps happening the server is overloaded or something on the network cuts idle connections.`);
    }
    if (type === "CONNECT_TIMEOUT" || /Connection timeout/i.test(message) || command === "CONN") {
      return out("timeout", "No answer from the mail server", `${at} did not answer the connection attempt. A firewall may be dropping the traffic (many cloud providers block outgoing port 25), or the host or port is wrong.`);
    }
    return out("timeout", "The mail server stopped responding", `${at} did not answer in time during the session (${message}). Try again; if it keeps happening the server is overloaded or the connection is being cut.`);
  }
  if (has("ECONNRESET") || has("EPIPE")) {
    return out("refused", "The server dropped the connection", `${at} reset the connection (${errorCode}).${portHintForTimeout(ctx)} A firewall or the server may also be rejecting the Herald host.`);
  }

  // --- replies with a known meaning, whatever the nodemailer code -------------------------------
  if (/must issue a STARTTLS command first|Encryption required|STARTTLS is required/i.test(haystack) || (smtpCode === 530 && enh === "5.7.0" && /STARTTLS/i.test(rtext)) || smtpCode === 538) {
    return out("tls", "The server requires StartTLS", `${at} only accepts logins and mail over an encrypted connection. Turn on StartTLS (smtp.starttls) — and "Require TLS" to be sure — or use SSL on port 465.`);
  }

  // --- authentication ---------------------------------------------------------------------------
  const authFailure = has("EAUTH") || has("ENOAUTH") || (command?.startsWith("AUTH") ?? false);
  if (authFailure || enh === "5.7.139" || enh === "5.7.57" || (smtpCode === 530 && /auth/i.test(rtext))) {
    if (enh === "5.7.139" || /SmtpClientAuthentication is disabled/i.test(haystack)) {
      if (/security defaults/i.test(haystack)) {
        return out("auth", "Blocked by Microsoft security defaults", "Microsoft 365 security defaults block password (basic) SMTP logins for this tenant. Use the OAuth flow (XOAUTH2) with a Microsoft app registration, or have the tenant admin change the policy.");
      }
      if (/credentials were incorrect/i.test(haystack)) {
        return out("auth", "Wrong user name or password (Microsoft 365)", "Microsoft 365 rejected the credentials. The SMTP user must be the full mailbox address; check the password, or use the OAuth flow.");
      }
      return out("auth", "SMTP AUTH is disabled for this mailbox or tenant (Microsoft)", "Microsoft 365 has authenticated SMTP (SMTP AUTH) turned off for this mailbox or the whole tenant. An Exchange admin must enable \"Authenticated SMTP\" for the mailbox (Microsoft 365 admin center → user → Mail → Manage email apps) or for the tenant, see https://aka.ms/smtp_auth_disabled.");
    }
    if (enh === "5.7.57" || /Client not authenticated to send/i.test(haystack)) {
      return out("auth", "The server requires a login to send", `${at} does not accept mail without logging in. Set smtp.user and the password (or turn on the OAuth flow).`);
    }
    if (has("ENOAUTH") || (smtpCode === 530 && /auth/i.test(rtext))) {
      return out("auth", "The server requires a login", `${at} only accepts mail from authenticated users. Set smtp.user and the password, or turn on the OAuth flow.`);
    }
    if (smtpCode === 534 && (enh === "5.7.9" || /Application-specific password required/i.test(rtext))) {
      return out("auth", "Google requires an app password", "The Google account uses 2-step verification, so its normal password cannot be used for SMTP. Create an app password in the Google account's security settings, or use the OAuth flow.");
    }
    if (smtpCode === 534 && (enh === "5.7.14" || /web browser/i.test(rtext))) {
      return out("auth", "Google blocked the sign-in", "Google wants the account owner to sign in through a web browser first (suspicious sign-in or less secure app). Sign in to the account, review the security alert, and prefer the OAuth flow.");
    }
    if (smtpCode === 454 || /too many (login|authentication)|rate limit/i.test(rtext)) {
      return out("auth", "Too many login attempts", `${at} temporarily refuses logins (${response ?? smtpCode}). Wait a few minutes, and check that the credentials are right before retrying.`);
    }
    if (smtpCode === 504 || enh === "5.5.4" || /unrecognized authentication type|mechanism not supported|not supported/i.test(rtext)) {
      return out("auth", "The server does not support this login method", `${at} refused the login method (${command ?? "AUTH"}). ${ctx.oauth ? "It may not accept XOAUTH2 on this port; check the host and port for the OAuth2 provider." : "Check the server's supported AUTH methods in the connection check."}`);
    }
    // 5.7.8 alone is the standard "credentials invalid" (Postfix, Exchange use it too); Google's
    // wording or host is what identifies it.
    const google = /Username and Password not accepted|BadCredentials|google\.com/i.test(rtext) || /(^|\.)(gmail|google|googlemail)\.com$/i.test(ctx.host ?? "");
    const xoauth = ctx.oauth || /XOAUTH2/i.test(command ?? "");
    if (xoauth) {
      return out("auth", google ? "Google rejected the access token or its scope" : "The OAuth2 access token was rejected", `${at} did not accept the XOAUTH2 login for ${ctx.user || "the configured user"}. The token may have expired or lack the SMTP scope (Gmail: https://mail.google.com/, Microsoft: https://outlook.office365.com/SMTP.Send), or the SMTP user differs from the account that authorized. Authorize again in the OAuth2 settings.`);
    }
    if (google) {
      return out("auth", "Google did not accept the credentials", "Google rejected the user name and password (535-5.7.8). Use the full Gmail address as the user and an app password (accounts with 2-step verification), or switch to the OAuth flow. If OAuth is on, the token or its scope was rejected: authorize again.");
    }
    if (enh === "5.7.3" || /Authentication unsuccessful/i.test(rtext)) {
      return out("auth", "Wrong user name or password", `${at} rejected the login (${response}). Check smtp.user (usually the full mailbox address) and the password. For Microsoft 365, password logins may be blocked; use the OAuth flow.`);
    }
    return out("auth", "Wrong user name or password", `${at} rejected the login${response ? ` (${response})` : ""}. Check smtp.user and the password.`);
  }

  // --- envelope and message ---------------------------------------------------------------------
  const isSendAsDenied = /SendAsDenied|not allowed to send as|not authorized to send|sender address rejected|5\.7\.60/i.test(haystack);
  if (command === "MAIL FROM" || (has("EENVELOPE") && /MAIL FROM|sender/i.test(message) && command !== "RCPT TO")) {
    if (smtpCode === 552 || /size|too large|exceeds/i.test(rtext + message)) {
      return out("message_rejected", "The message is too large", `${at} does not accept messages this large (${response ?? message}).`);
    }
    return out("sender_rejected", "The sender address was rejected", `${at} refused the sender${response ? ` (${response})` : ""}. Use a from address the SMTP user is allowed to send as — usually the mailbox itself or an address of its domain${isSendAsDenied ? " (the server reports the user may not send as this address)" : ""}.`);
  }
  if (command === "RCPT TO" || (has("EENVELOPE") && /recipient/i.test(message))) {
    if (/relay/i.test(rtext) || enh === "5.7.54" || (smtpCode === 554 && enh === "5.7.1")) {
      return out("recipient_rejected", "The server will not relay to this recipient", `${at} only delivers to its own domains for unauthenticated senders (${response}). Log in with smtp.user, or allow relaying for the Herald host on the mail server.`);
    }
    if (smtpCode && smtpCode >= 400 && smtpCode < 500) {
      return out("recipient_rejected", "The recipient was temporarily refused", `${at} refused the recipient for now (${response}). Try again later; greylisting and rate limits clear by themselves.`);
    }
    if (enh === "5.1.1" || /unknown|no such user|does not exist|not found|invalid recipient|mailbox unavailable/i.test(rtext)) {
      return out("recipient_rejected", "The recipient does not exist", `${at} says there is no such mailbox (${response}). Check the recipient address.`);
    }
    return out("recipient_rejected", "The recipient was rejected", `${at} refused the recipient${response ? ` (${response})` : ""}. Check the address, and whether the server accepts mail for that domain from Herald.`);
  }
  if (has("EMESSAGE") || command === "DATA" || command === "DATA_STREAM") {
    if (isSendAsDenied) {
      return out("sender_rejected", "Not allowed to send as this address", `${at} accepted the login but not the From address (${response}). Set from.address to the mailbox itself, or grant the user "Send As" rights for that address.`);
    }
    if (smtpCode === 552 || enh === "5.3.4" || /size|too large/i.test(rtext + message)) {
      return out("message_rejected", "The message is too large", `${at} does not accept messages this large (${response ?? message}).`);
    }
    if (enh === "5.7.26" || /DMARC|SPF|DKIM|unauthenticated email/i.test(rtext)) {
      return out("message_rejected", "Rejected: sender domain not authenticated", `${at} rejected the message because the sending domain's SPF/DKIM/DMARC checks failed (${response}). Send from a domain whose SPF and DKIM records allow this server.`);
    }
    if (/spam|policy|blocked|content/i.test(rtext)) {
      return out("message_rejected", "The message was rejected by policy", `${at} refused the message content (${response}). The server's spam or content policy blocked it.`);
    }
    return out("message_rejected", "The message was rejected", `${at} accepted the envelope but refused the message${response ? ` (${response})` : ` (${message})`}.`);
  }

  // --- the server ended the session -------------------------------------------------------------
  if (smtpCode === 421 || (smtpCode === 554 && command === "CONN")) {
    return out("refused", "The server refused the session", `${at} is not accepting mail from Herald right now (${response}). It may be overloaded, rate limiting, or blocking the Herald host's IP address.`);
  }
  if (has("EPROTOCOL")) {
    if (/Invalid greeting/i.test(message)) {
      return out("protocol", "This is not an SMTP server", `${at} answered, but not with an SMTP greeting (${response ?? message}). Check the port: SMTP uses 25, 465 or 587.`);
    }
    return out("protocol", "Unexpected answer from the server", `${at} sent a reply Herald did not expect (${response ?? message}).`);
  }
  if (has("ECONNECTION") || has("ESOCKET")) {
    if (/closed unexpectedly|closed/i.test(message)) {
      return out("refused", "The server closed the connection", `${at} closed the connection without an error reply.${portHintForTimeout(ctx)} The server may also be rejecting the Herald host.`);
    }
    return out("refused", "Network error", `The connection to ${at} failed (${message}).`);
  }
  if (smtpCode && smtpCode >= 400) {
    return out("protocol", `The server answered ${smtpCode}`, `${at} replied "${response}"${command ? ` to ${command}` : ""}.`);
  }
  return out("unknown", "Sending failed", `An unexpected error occurred while talking to ${at}${message ? `: ${message}` : ""}. Run the connection check to see which step fails.`);
}
