import { afterAll, beforeAll, describe, expect, it } from "vitest";
import nodemailer from "nodemailer";
import { closedPort, startTestSmtpServer, type TestSmtpServer } from "@/lib/testing/smtp";
import { explainContext, explainError, explainReply, parseReply, type ExplainContext } from "./explain";

/** A nodemailer-shaped error. */
const nmErr = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

describe("parseReply", () => {
  it("splits code, enhanced code and text across continuation lines", () => {
    expect(parseReply("535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials")).toEqual({
      code: 535,
      enhanced: "5.7.8",
      text: "Username and Password not accepted. For more information, go to https://support.google.com/mail/?p=BadCredentials",
    });
    expect(parseReply("550 no such user")).toEqual({ code: 550, enhanced: undefined, text: "no such user" });
    expect(parseReply("")).toEqual({ text: "" });
    expect(parseReply(undefined)).toEqual({ text: "" });
  });
});

describe("explainError — fabricated errors", () => {
  const ms365: ExplainContext = { host: "smtp.office365.com", port: 587, starttls: true, user: "bob@contoso.com" };

  it.each([
    ["EDNS/ENOTFOUND", nmErr("getaddrinfo ENOTFOUND smtp.exmaple.com", { code: "EDNS", originalCode: "ENOTFOUND", command: "CONN" }), "dns", /does not exist/],
    ["bare ENOTFOUND", nmErr("getaddrinfo ENOTFOUND x", { code: "ENOTFOUND" }), "dns", /Host not found/],
    ["EAI_AGAIN", nmErr("getaddrinfo EAI_AGAIN smtp.example.com", { code: "EDNS", originalCode: "EAI_AGAIN" }), "dns", /could not be looked up/],
    ["ECONNREFUSED", nmErr("connect ECONNREFUSED 10.0.0.1:587", { code: "ESOCKET", originalCode: "ECONNREFUSED", command: "CONN" }), "refused", /Connection refused/],
    ["ECONNECTION closed", nmErr("Connection closed unexpectedly", { code: "ECONNECTION", command: "CONN" }), "refused", /closed the connection/],
    ["EHOSTUNREACH", nmErr("connect EHOSTUNREACH", { code: "ESOCKET", originalCode: "EHOSTUNREACH" }), "refused", /unreachable/],
    ["ECONNRESET", nmErr("read ECONNRESET", { code: "ESOCKET", originalCode: "ECONNRESET" }), "refused", /dropped/],
    ["greeting timeout", nmErr("Greeting never received", { code: "ETIMEDOUT", timeoutType: "GREETING_TIMEOUT", command: "CONN" }), "timeout", /never said hello/],
    ["connect timeout", nmErr("Connection timeout", { code: "ETIMEDOUT", timeoutType: "CONNECT_TIMEOUT", command: "CONN" }), "timeout", /No answer/],
    ["socket timeout", nmErr("Timeout", { code: "ETIMEDOUT", timeoutType: "SOCKET_TIMEOUT", command: "CONN" }), "timeout", /stopped responding/],
    ["upgrade timeout", nmErr("TLS handshake timed out", { code: "ETIMEDOUT", timeoutType: "UPGRADE_TIMEOUT" }), "timeout", /TLS handshake did not finish/],
    ["self-signed", nmErr("self-signed certificate", { code: "ESOCKET", originalCode: "DEPTH_ZERO_SELF_SIGNED_CERT", command: "CONN" }), "certificate", /self-signed/],
    ["self-signed in chain", nmErr("self-signed certificate in certificate chain", { code: "ETLS", originalCode: "SELF_SIGNED_CERT_IN_CHAIN" }), "certificate", /self-signed/],
    ["leaf signature", nmErr("unable to verify the first certificate", { code: "ESOCKET", originalCode: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" }), "certificate", /not trusted/],
    ["altname", nmErr("Hostname/IP does not match certificate's altnames: Host: mail.example.com. is not in the cert's altnames: DNS:other.example.com", { code: "ESOCKET", originalCode: "ERR_TLS_CERT_ALTNAME_INVALID", reason: "Host: mail.example.com. is not in the cert's altnames: DNS:other.example.com" }), "certificate", /different name/],
    ["expired", nmErr("certificate has expired", { code: "ESOCKET", originalCode: "CERT_HAS_EXPIRED" }), "certificate", /expired/],
    ["not yet valid", nmErr("certificate is not yet valid", { code: "ESOCKET", originalCode: "CERT_NOT_YET_VALID" }), "certificate", /not valid yet/],
    ["cert code as cause", Object.assign(new Error("TLS failed"), { code: "ETLS", cause: { code: "CERT_HAS_EXPIRED" } }), "certificate", /expired/],
    ["wrong version number", nmErr("C0:error:0A00010B:SSL routines:ssl3_get_record:wrong version number", { code: "ESOCKET", originalCode: "ERR_SSL_WRONG_VERSION_NUMBER", reason: "wrong version number" }), "tls", /does not speak SSL/],
    ["old TLS", nmErr("C0:error:0A000102:SSL routines::unsupported protocol", { code: "ESOCKET", reason: "unsupported protocol" }), "tls", /No common TLS version/],
    ["ETLS generic", nmErr("Error initiating TLS - socket hang up", { code: "ETLS", command: "STARTTLS" }), "tls", /could not be set up/],
    ["EPROTOCOL greeting", nmErr("Invalid greeting. response=* OK IMAP4rev1 ready: * OK IMAP4rev1 ready", { code: "EPROTOCOL", response: "* OK IMAP4rev1 ready", command: "CONN" }), "protocol", /not an SMTP server/],
    ["ECONFIG", nmErr("Missing host", { code: "ECONFIG" }), "config", /incomplete/],
    ["API envelope", nmErr('Invalid recipient "a\\r\\nb"', { code: "EENVELOPE", command: "API" }), "config", /Invalid sender or recipient/],
    ["missing password", nmErr('Missing credentials for "PLAIN"', { code: "EAUTH", command: "API" }), "config", /Password missing/],
    ["string thrown", "boom", "unknown", /Sending failed/],
    ["null thrown", null, "unknown", /Sending failed/],
  ])("%s → %s", (_name, error, code, title) => {
    const e = explainError(error);
    expect(e.code).toBe(code);
    expect(`${e.title} — ${e.explanation}`).toMatch(title);
    expect(e.explanation.length).toBeGreaterThan(20);
  });

  it("535 5.7.139 → SMTP AUTH disabled for the mailbox or tenant (Microsoft)", () => {
    const response = "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [AM0PR10CA0001.EURPRD10.PROD.OUTLOOK.COM]";
    const e = explainError(nmErr(`Invalid login: ${response}`, { code: "EAUTH", response, responseCode: 535, command: "AUTH LOGIN" }), ms365);
    expect(e).toMatchObject({ code: "auth", smtpCode: 535, enhancedCode: "5.7.139", command: "AUTH LOGIN", errorCode: "EAUTH", response });
    expect(e.title).toMatch(/SMTP AUTH is disabled for this mailbox or tenant/);
    expect(e.explanation).toMatch(/Authenticated SMTP/);
  });

  it("535 5.7.139 with security defaults / wrong credentials variants", () => {
    const sd = "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator.";
    expect(explainError(nmErr(sd, { code: "EAUTH", response: sd, command: "AUTH LOGIN" })).title).toMatch(/security defaults/);
    const wrong = "535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.";
    expect(explainError(nmErr(wrong, { code: "EAUTH", response: wrong, command: "AUTH LOGIN" })).title).toMatch(/Wrong user name or password/);
  });

  it("535-5.7.8 from Google → credentials rejected; with OAuth → token or scope rejected", () => {
    const response = "535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials d2-20020a05600c";
    const pw = explainError(nmErr(`Invalid login: ${response}`, { code: "EAUTH", response, responseCode: 535, command: "AUTH PLAIN" }), { host: "smtp.gmail.com", port: 587 });
    expect(pw).toMatchObject({ code: "auth", smtpCode: 535, enhancedCode: "5.7.8" });
    expect(pw.title).toMatch(/Google did not accept the credentials/);
    expect(pw.explanation).toMatch(/app password/);
    const oauth = explainError(nmErr(`Invalid login: ${response}`, { code: "EAUTH", response, responseCode: 535, command: "AUTH XOAUTH2" }), { host: "smtp.gmail.com", oauth: true });
    expect(oauth.title).toMatch(/Google rejected the access token or its scope/);
    expect(oauth.explanation).toMatch(/https:\/\/mail\.google\.com\//);
  });

  it("534-5.7.9 / 5.7.14 Google variants", () => {
    const app = "534-5.7.9 Application-specific password required. Learn more at\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor";
    expect(explainError(nmErr(app, { code: "EAUTH", response: app, responseCode: 534, command: "AUTH PLAIN" })).title).toMatch(/app password/);
    const web = "534-5.7.14 <https://accounts.google.com/signin/continue?...> Please log in via your web browser and\n534 5.7.14 then try again.";
    expect(explainError(nmErr(web, { code: "EAUTH", response: web, responseCode: 534, command: "AUTH PLAIN" })).title).toMatch(/blocked the sign-in/);
  });

  it("535 5.7.3 (Microsoft, bad password) and generic 535", () => {
    const r = "535 5.7.3 Authentication unsuccessful [BN9PR03CA0001.namprd03.prod.outlook.com]";
    expect(explainError(nmErr(r, { code: "EAUTH", response: r, command: "AUTH LOGIN" }), ms365)).toMatchObject({ code: "auth", title: "Wrong user name or password" });
    expect(explainError(nmErr("Invalid login: 535 nope", { code: "EAUTH", response: "535 nope", command: "AUTH PLAIN" })).code).toBe("auth");
    // a plain 5.7.8 is not Google's: Postfix and others use it for any bad password
    const postfix = "535 5.7.8 Error: authentication failed: authentication failure";
    expect(explainError(nmErr(postfix, { code: "EAUTH", response: postfix, command: "AUTH PLAIN" }), { host: "mail.example.com" }).title).toBe("Wrong user name or password");
    expect(explainError(nmErr(postfix, { code: "EAUTH", response: postfix, command: "AUTH PLAIN" }), { host: "smtp.gmail.com" }).title).toMatch(/Google/);
    const rejectedToken = "535 5.7.3 Authentication unsuccessful";
    expect(explainError(nmErr(rejectedToken, { code: "EAUTH", response: rejectedToken, command: "AUTH XOAUTH2" }), { oauth: true, host: "smtp.office365.com" }).title).toBe("The OAuth2 access token was rejected");
  });

  it("530 5.7.0 Must issue a STARTTLS command first → turn on StartTLS", () => {
    const r = "530 5.7.0 Must issue a STARTTLS command first. d2-20020a05600c";
    for (const command of ["MAIL FROM", "AUTH PLAIN"]) {
      const e = explainError(nmErr(`Mail command failed: ${r}`, { code: command === "MAIL FROM" ? "EENVELOPE" : "EAUTH", response: r, responseCode: 530, command }), { port: 587, starttls: false });
      expect(e.code).toBe("tls");
      expect(e.title).toBe("The server requires StartTLS");
      expect(e.explanation).toMatch(/Turn on StartTLS/);
    }
  });

  it("530 authentication required / 5.7.57 → log in", () => {
    const r = "530 5.7.57 Client not authenticated to send mail. [AM0PR10CA0001]";
    expect(explainError(nmErr(r, { code: "EENVELOPE", response: r, command: "MAIL FROM" }), ms365)).toMatchObject({ code: "auth", title: "The server requires a login to send" });
    const r2 = "530 5.7.0 Authentication required";
    expect(explainError(nmErr(r2, { code: "EENVELOPE", response: r2, command: "MAIL FROM" })).code).toBe("auth");
    expect(explainError(nmErr("Authentication info was not provided", { code: "ENOAUTH" })).code).toBe("auth");
  });

  it("other AUTH failures: too many attempts, unsupported mechanism", () => {
    const busy = "454 4.7.0 Too many login attempts, please try again later.";
    expect(explainError(nmErr(busy, { code: "EAUTH", response: busy, command: "AUTH PLAIN" })).title).toMatch(/Too many login attempts/);
    const mech = "504 5.7.4 Unrecognized authentication type";
    expect(explainError(nmErr(mech, { code: "EAUTH", response: mech, command: "AUTH XOAUTH2" }), { oauth: true }).title).toMatch(/does not support this login method/);
  });

  it("invalid_grant / EOAUTH2 → authorize again", () => {
    const e = explainError(nmErr('{"error":"invalid_grant","error_description":"Token has been expired or revoked."}', { code: "EOAUTH2" }));
    expect(e).toMatchObject({ code: "auth", title: "OAuth2 authorization expired or was revoked" });
    expect(e.explanation).toMatch(/authorize again/);
    expect(explainError(nmErr("Can't create new access token for user", { code: "EOAUTH2" })).title).toMatch(/No valid OAuth2 access token/);
  });

  it("EENVELOPE: MAIL FROM vs RCPT TO", () => {
    const sender = "550 5.7.60 SMTP; Client does not have permissions to send as this sender";
    expect(explainError(nmErr(`Mail command failed: ${sender}`, { code: "EENVELOPE", response: sender, responseCode: 550, command: "MAIL FROM" }), ms365)).toMatchObject({ code: "sender_rejected", smtpCode: 550, enhancedCode: "5.7.60" });

    const unknown = "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in local recipient table";
    const all = nmErr("Can't send mail - all recipients were rejected: " + unknown, { code: "EENVELOPE", response: unknown, responseCode: 550, command: "RCPT TO", rejected: ["nobody@example.com"] });
    expect(explainError(all)).toMatchObject({ code: "recipient_rejected", title: "The recipient does not exist", enhancedCode: "5.1.1" });

    const relay = "554 5.7.1 <x@elsewhere.org>: Relay access denied";
    expect(explainError(nmErr(relay, { code: "EENVELOPE", response: relay, command: "RCPT TO" })).title).toMatch(/relay/);
    const ms = "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain";
    expect(explainError(nmErr(ms, { code: "EENVELOPE", response: ms, command: "RCPT TO" })).title).toMatch(/relay/);
    const grey = "450 4.2.0 <a@b.c>: Recipient address rejected: Greylisted";
    expect(explainError(nmErr(grey, { code: "EENVELOPE", response: grey, command: "RCPT TO" })).title).toMatch(/temporarily/);
  });

  it("takes the reply from rejectedErrors when the error itself has none", () => {
    const err = nmErr("Can't send mail - all recipients were rejected", {
      code: "EENVELOPE",
      rejectedErrors: [nmErr("Recipient command failed", { code: "EENVELOPE", response: "550 5.1.1 no such user", command: "RCPT TO" })],
    });
    expect(explainError(err)).toMatchObject({ code: "recipient_rejected", response: "550 5.1.1 no such user", command: "RCPT TO" });
  });

  it("EMESSAGE and DATA rejections", () => {
    const big = "552 5.3.4 Message size exceeds fixed maximum message size";
    expect(explainError(nmErr(big, { code: "EMESSAGE", response: big, command: "DATA" })).title).toMatch(/too large/);
    const sendAs = "554 5.2.252 SendAsDenied; bob@contoso.com not allowed to send as ceo@contoso.com; STOREDRV.Submission.Exception";
    expect(explainError(nmErr(sendAs, { code: "EMESSAGE", response: sendAs, command: "DATA" }), ms365)).toMatchObject({ code: "sender_rejected", title: "Not allowed to send as this address" });
    const dmarc = "550-5.7.26 This mail is unauthenticated, which poses a security risk";
    expect(explainError(nmErr(dmarc, { code: "EMESSAGE", response: dmarc, command: "DATA" })).title).toMatch(/not authenticated/);
    const spam = "554 5.7.1 Message rejected as spam";
    expect(explainError(nmErr(spam, { code: "EMESSAGE", response: spam, command: "DATA" })).title).toMatch(/policy/);
    expect(explainError(nmErr("Message failed: 554 no", { code: "EMESSAGE", response: "554 no", command: "DATA" }))).toMatchObject({ code: "message_rejected", title: "The message was rejected" });
  });

  it("STARTTLS refused (requiretls against a server without it)", () => {
    const e = explainError(
      nmErr("Error upgrading connection with STARTTLS: 500 Error: command not recognized", { code: "ETLS", response: "500 Error: command not recognized", responseCode: 500, command: "STARTTLS" }),
      { host: "mail.example.com", port: 25, requiretls: true },
    );
    expect(e).toMatchObject({ code: "tls", title: "The server does not offer StartTLS", smtpCode: 500 });
    expect(e.explanation).toMatch(/Require TLS/);
  });

  it("421 / 554 greeting → refused; unknown replies stay visible", () => {
    expect(explainError(nmErr("x", { code: "ECONNECTION", response: "421 4.7.0 Try again later, closing connection.", command: "EHLO" })).code).toBe("refused");
    expect(explainError(nmErr("x", { code: "EPROTOCOL", response: "554 5.7.1 Service unavailable; Client host blocked", command: "CONN" })).code).toBe("refused");
    expect(explainError(nmErr("weird", { code: "EPROTOCOL", response: "299 what", command: "NOOP" })).code).toBe("protocol");
  });

  it("port hints depend on the settings", () => {
    const err = nmErr("Greeting never received", { code: "ETIMEDOUT", timeoutType: "GREETING_TIMEOUT", command: "CONN" });
    expect(explainError(err, { host: "smtp.example.com", port: 465, ssl: false }).explanation).toMatch(/Port 465 expects SSL/);
    expect(explainError(err, { host: "smtp.example.com", port: 587, ssl: true }).explanation).not.toMatch(/turn on SSL/);
    const wrongVersion = nmErr("wrong version number", { code: "ESOCKET", originalCode: "ERR_SSL_WRONG_VERSION_NUMBER" });
    expect(explainError(wrongVersion, { ssl: true, port: 587 }).explanation).toMatch(/Turn off SSL and turn on StartTLS/);
  });

  it("keeps the raw message and codes for the details view", () => {
    const e = explainError(nmErr("connect ECONNREFUSED 127.0.0.1:2525", { code: "ESOCKET", originalCode: "ECONNREFUSED", command: "CONN" }), { host: "127.0.0.1", port: 2525 });
    expect(e).toMatchObject({ errorCode: "ECONNREFUSED", command: "CONN", message: "connect ECONNREFUSED 127.0.0.1:2525" });
    expect(e.explanation).toContain("127.0.0.1:2525");
  });

  it("explainReply classifies a bare reply by the command it answered", () => {
    expect(explainReply("550 5.1.1 no such user", "RCPT TO").code).toBe("recipient_rejected");
    expect(explainReply("553 5.7.1 Sender address rejected: not owned by user", "MAIL FROM").code).toBe("sender_rejected");
    expect(explainReply("535 5.7.8 bad", "AUTH PLAIN").code).toBe("auth");
    expect(explainReply("554 5.7.1 spam", "DATA").code).toBe("message_rejected");
  });

  it("explainContext maps the AEM keys", () => {
    expect(explainContext({ "smtp.host": "h", "smtp.port": 25, "smtp.ssl": true, "oauth.flow": true })).toMatchObject({ host: "h", port: 25, ssl: true, oauth: true });
  });
});

describe("explainError — real errors from nodemailer", () => {
  let plain: TestSmtpServer;
  let starttls: TestSmtpServer;
  let ssl: TestSmtpServer;
  let hang: TestSmtpServer;
  beforeAll(async () => {
    [plain, starttls, ssl, hang] = await Promise.all([
      startTestSmtpServer({
        users: { bob: "pw-right" },
        rejectRecipients: (a) => (a.startsWith("nobody@") ? "550 5.1.1 no such user" : null),
        rejectSenders: (a) => (a.startsWith("ceo@") ? "553 5.7.1 Sender address rejected: not owned by user" : null),
      }),
      startTestSmtpServer({ starttls: true, users: { bob: "pw-right" } }),
      startTestSmtpServer({ secure: true }),
      startTestSmtpServer({ hangOnConnect: true }),
    ]);
  });
  afterAll(() => Promise.all([plain.stop(), starttls.stop(), ssl.stop(), hang.stop()]));

  const attempt = async (opts: Record<string, unknown>, mail: Record<string, unknown> = {}) => {
    const t = nodemailer.createTransport({ host: "127.0.0.1", connectionTimeout: 1500, greetingTimeout: 400, socketTimeout: 2000, ...opts });
    try {
      await t.sendMail({ from: "herald@example.com", to: "alice@example.com", subject: "x", text: "x", ...mail });
      return undefined;
    } catch (err) {
      return err;
    } finally {
      t.close();
    }
  };

  it("refused", async () => {
    const port = await closedPort();
    expect(explainError(await attempt({ port }), { host: "127.0.0.1", port })).toMatchObject({ code: "refused", errorCode: "ECONNREFUSED" });
  });

  it("dns", async () => {
    expect(explainError(await attempt({ host: "nonexistent.invalid", port: 25 }))).toMatchObject({ code: "dns" });
  });

  it("greeting timeout", async () => {
    expect(explainError(await attempt({ port: hang.port }))).toMatchObject({ code: "timeout", title: "The server never said hello" });
  });

  it("plain client on an SSL port → timeout with an SSL hint", async () => {
    const e = explainError(await attempt({ port: ssl.port, secure: false }), { port: 465, ssl: false });
    expect(e.code).toBe("timeout");
    expect(e.explanation).toMatch(/turn on SSL/);
  });

  it("SSL client on a plain port → tls (wrong version number)", async () => {
    const e = explainError(await attempt({ port: plain.port, secure: true }), { ssl: true, port: plain.port });
    expect(e).toMatchObject({ code: "tls", errorCode: "ERR_SSL_WRONG_VERSION_NUMBER" });
  });

  it("untrusted self-signed certificate, SSL and STARTTLS", async () => {
    expect(explainError(await attempt({ port: ssl.port, secure: true }))).toMatchObject({ code: "certificate", errorCode: "DEPTH_ZERO_SELF_SIGNED_CERT" });
    expect(explainError(await attempt({ port: starttls.port }))).toMatchObject({ code: "certificate", errorCode: "DEPTH_ZERO_SELF_SIGNED_CERT" });
  });

  it("certificate for another name", async () => {
    const err = await attempt({ port: ssl.port, secure: true, tls: { ca: [ssl.cert], servername: "wrong.example.test" } });
    expect(explainError(err)).toMatchObject({ code: "certificate", errorCode: "ERR_TLS_CERT_ALTNAME_INVALID", title: "Certificate does not match the host name" });
  });

  it("STARTTLS required but not offered", async () => {
    expect(explainError(await attempt({ port: plain.port, requireTLS: true }), { requiretls: true })).toMatchObject({ code: "tls", command: "STARTTLS", smtpCode: 500 });
  });

  it("plaintext AUTH refused until STARTTLS", async () => {
    const e = explainError(await attempt({ port: starttls.port, ignoreTLS: true, auth: { user: "bob", pass: "pw-right" } }));
    expect(e).toMatchObject({ code: "tls", title: "The server requires StartTLS", smtpCode: 538 });
  });

  it("wrong password", async () => {
    expect(explainError(await attempt({ port: plain.port, auth: { user: "bob", pass: "nope" } }))).toMatchObject({ code: "auth", smtpCode: 535, errorCode: "EAUTH" });
  });

  it("sender and recipient rejected", async () => {
    expect(explainError(await attempt({ port: plain.port }, { from: "ceo@example.com" }))).toMatchObject({ code: "sender_rejected", smtpCode: 553, command: "MAIL FROM" });
    expect(explainError(await attempt({ port: plain.port }, { to: "nobody@example.com" }))).toMatchObject({ code: "recipient_rejected", smtpCode: 550, enhancedCode: "5.1.1" });
  });

  it("message rejected", async () => {
    const s = await startTestSmtpServer({ rejectAll: { code: 554, message: "5.7.1 Message rejected as spam" } });
    try {
      expect(explainError(await attempt({ port: s.port }))).toMatchObject({ code: "message_rejected", smtpCode: 554, title: "The message was rejected by policy" });
    } finally {
      await s.stop();
    }
  });
});
