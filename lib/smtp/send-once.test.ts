import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, mailSettingsFor, startTestSmtpServer, type TestSmtpServer } from "@/lib/testing/smtp";
import { REDACTED } from "@/lib/mail/transcript";
import { sendOnce, type TestEmailResult } from "./session";

const PASSWORD = "correct-horse-battery-staple";
const TOKEN = "ya29.test-access-token-0123456789";
const FAST = { connection: 1500, greeting: 400, socket: 3000, dns: 1500 };

const lines = (r: TestEmailResult) => r.transcript.map((l) => `${l.dir}: ${l.text}`);
const clientLines = (r: TestEmailResult) => r.transcript.filter((l) => l.dir === "C").map((l) => l.text);
const assertNoSecrets = (r: TestEmailResult) => {
  const json = JSON.stringify(r);
  for (const s of [PASSWORD, TOKEN, Buffer.from(PASSWORD).toString("base64"), Buffer.from(TOKEN).toString("base64")]) {
    expect(json).not.toContain(s);
  }
};

describe("sendOnce", () => {
  let plain: TestSmtpServer;
  let starttls: TestSmtpServer;
  let ssl: TestSmtpServer;
  let hang: TestSmtpServer;

  beforeAll(async () => {
    [plain, starttls, ssl, hang] = await Promise.all([
      startTestSmtpServer({
        rejectRecipients: (a) => (a.startsWith("nobody@") ? "550 5.1.1 no such user" : null),
        rejectSenders: (a) => (a.startsWith("ceo@") ? "553 5.7.1 Sender address rejected: not owned by user" : null),
      }),
      startTestSmtpServer({
        starttls: true,
        requireAuth: true,
        users: { bob: PASSWORD },
        xoauth2: (user, token) => user === "bob@example.com" && token === TOKEN,
      }),
      startTestSmtpServer({ secure: true, requireAuth: true, users: { bob: PASSWORD } }),
      startTestSmtpServer({ hangOnConnect: true }),
    ]);
  });
  afterAll(() => Promise.all([plain.stop(), starttls.stop(), ssl.stop(), hang.stop()]));

  it("sends over a plain connection", async () => {
    const before = plain.messages.length;
    const r = await sendOnce(mailSettingsFor(plain), { to: "alice@example.com", subject: "Plain hello", timeouts: FAST });
    expect(r).toMatchObject({ ok: true, accepted: ["alice@example.com"], rejected: [], server: `127.0.0.1:${plain.port}` });
    expect(r.response).toMatch(/^250 /);
    expect(r.error).toBeUndefined();
    const msg = plain.messages[before];
    expect(msg).toMatchObject({ from: "herald@example.com", to: ["alice@example.com"], authUser: null, secure: false });
    expect(msg!.parsed.subject).toBe("Plain hello");
    expect(msg!.parsed.messageId).toBe(r.messageId);
    expect(msg!.parsed.headers.get("x-herald-test")).toBe("1");
    expect(msg!.parsed.text).toMatch(/test email from Herald/);
    expect(clientLines(r)).toEqual(expect.arrayContaining(["MAIL FROM:<herald@example.com>", "RCPT TO:<alice@example.com>", "DATA", "."]));
    expect(clientLines(r)).not.toContain("STARTTLS");
  });

  it("sends with STARTTLS on a self-signed cert the client trusts, and AUTH", async () => {
    const before = starttls.messages.length;
    const settings = mailSettingsFor(starttls, { "smtp.starttls": true, "smtp.requiretls": true, "smtp.user": "bob", "smtp.password": PASSWORD, "from.address": "Herald <herald@example.com>" });
    const r = await sendOnce(settings, { to: ["alice@example.com", "Carol <carol@example.com>"], subject: "STARTTLS hello", text: "Body line", tls: { ca: [starttls.cert] }, timeouts: FAST });
    expect(r.ok).toBe(true);
    expect(r.accepted).toEqual(["alice@example.com", "carol@example.com"]);

    const c = clientLines(r);
    const order = ["EHLO", "STARTTLS", "EHLO", "AUTH PLAIN", "MAIL FROM", "RCPT TO", "DATA"].map((cmd, i, all) => {
      const from = i === 0 ? 0 : c.findIndex((x) => x.startsWith(all[i - 1]!));
      return c.findIndex((x, j) => j >= from && x.startsWith(cmd));
    });
    expect(order.every((idx) => idx >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(c).toContain(`AUTH PLAIN ${REDACTED}`);
    expect(lines(r)).toContain("info: Connection upgraded with STARTTLS");
    expect(c.find((x) => x.startsWith("[message content hidden"))).toMatch(/From, To, Subject/);
    expect(JSON.stringify(r.transcript)).not.toContain("Body line");
    assertNoSecrets(r);

    const msg = await starttls.waitForMessages(before + 1, 2000).then((m) => m[before]);
    expect(msg).toMatchObject({ from: "herald@example.com", to: ["alice@example.com", "carol@example.com"], authUser: "bob", secure: true });
    expect(msg!.parsed.subject).toBe("STARTTLS hello");
    expect(msg!.parsed.from?.text).toBe('"Herald" <herald@example.com>');
    expect(msg!.parsed.to && !Array.isArray(msg!.parsed.to) ? msg!.parsed.to.text : "").toBe('alice@example.com, "Carol" <carol@example.com>');
    expect(msg!.parsed.text?.trim()).toBe("Body line");
  });

  it("keeps the message in the transcript when full (or debug.email) is on", async () => {
    const settings = mailSettingsFor(plain, { "debug.email": true });
    const r = await sendOnce(settings, { to: "alice@example.com", text: "visible body", timeouts: FAST });
    expect(r.ok).toBe(true);
    expect(clientLines(r)).toContain("visible body");
    const r2 = await sendOnce(settings, { to: "alice@example.com", text: "hidden body", full: false, timeouts: FAST });
    expect(JSON.stringify(r2.transcript)).not.toContain("hidden body");
  });

  it("wrong password → auth, and the password never appears", async () => {
    const before = starttls.messages.length;
    const r = await sendOnce(mailSettingsFor(starttls, { "smtp.starttls": true, "smtp.user": "bob", "smtp.password": `${PASSWORD}-typo` }), {
      to: "alice@example.com",
      tls: { ca: [starttls.cert] },
      timeouts: FAST,
    });
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ code: "auth", smtpCode: 535, title: "Wrong user name or password" });
    expect(r.accepted).toEqual([]);
    expect(JSON.stringify(r)).not.toContain(`${PASSWORD}-typo`);
    expect(starttls.messages.length).toBe(before);
  });

  it("untrusted self-signed certificate (no ca) → certificate, for STARTTLS and SSL", async () => {
    const a = await sendOnce(mailSettingsFor(starttls, { "smtp.starttls": true, "smtp.user": "bob", "smtp.password": PASSWORD }), { to: "alice@example.com", timeouts: FAST });
    expect(a.error).toMatchObject({ code: "certificate", title: "The server uses a self-signed certificate" });
    expect(clientLines(a)).not.toContain(`AUTH PLAIN ${REDACTED}`); // nothing sent before TLS was trusted
    const b = await sendOnce(mailSettingsFor(ssl, { "smtp.ssl": true, "smtp.user": "bob", "smtp.password": PASSWORD }), { to: "alice@example.com", timeouts: FAST });
    expect(b.error).toMatchObject({ code: "certificate" });
  });

  it("certificate issued for another name → certificate (host name)", async () => {
    const r = await sendOnce(mailSettingsFor(ssl, { "smtp.ssl": true }), { to: "alice@example.com", tls: { ca: [ssl.cert], servername: "mail.wrong.test" }, timeouts: FAST });
    expect(r.error).toMatchObject({ code: "certificate", title: "Certificate does not match the host name" });
  });

  it("SSL on connect", async () => {
    const before = ssl.messages.length;
    const r = await sendOnce(mailSettingsFor(ssl, { "smtp.ssl": true, "smtp.port": ssl.port, "smtp.user": "bob", "smtp.password": PASSWORD }), {
      to: "alice@example.com",
      tls: { ca: [ssl.cert] },
      timeouts: FAST,
    });
    expect(r.ok).toBe(true);
    expect(lines(r).some((l) => /Secure connection established/.test(l))).toBe(true);
    expect(clientLines(r)).not.toContain("STARTTLS");
    expect(ssl.messages[before]).toMatchObject({ secure: true, authUser: "bob" });
    assertNoSecrets(r);
  });

  it("SSL against a plain port → tls; plain against an SSL port → timeout with a hint", async () => {
    const a = await sendOnce(mailSettingsFor(plain, { "smtp.ssl": true }), { to: "alice@example.com", timeouts: FAST });
    expect(a.error).toMatchObject({ code: "tls", title: "SSL is on, but the server does not speak SSL on this port" });
    const b = await sendOnce(mailSettingsFor(ssl), { to: "alice@example.com", timeouts: FAST });
    expect(b.error?.code).toBe("timeout");
    expect(b.error?.explanation).toMatch(/turn on SSL/);
  });

  it("connection refused on a closed port", async () => {
    const port = await closedPort();
    const r = await sendOnce(mailSettingsFor({ host: "127.0.0.1", port }), { to: "alice@example.com", timeouts: FAST });
    expect(r).toMatchObject({ ok: false, server: `127.0.0.1:${port}` });
    expect(r.error).toMatchObject({ code: "refused", errorCode: "ECONNREFUSED" });
  });

  it("recipient rejected (550) → recipient_rejected; partial rejection still sends", async () => {
    const r = await sendOnce(mailSettingsFor(plain), { to: "nobody@example.com", timeouts: FAST });
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ code: "recipient_rejected", smtpCode: 550, enhancedCode: "5.1.1", command: "RCPT TO" });

    const before = plain.messages.length;
    const p = await sendOnce(mailSettingsFor(plain), { to: "alice@example.com, nobody@example.com", timeouts: FAST });
    expect(p).toMatchObject({ ok: true, accepted: ["alice@example.com"], rejected: ["nobody@example.com"] });
    expect(p.rejectedErrors?.[0]).toMatchObject({ code: "recipient_rejected", response: "550 5.1.1 no such user" });
    expect(plain.messages[before]!.to).toEqual(["alice@example.com"]);
  });

  it("sender rejected → sender_rejected", async () => {
    const r = await sendOnce(mailSettingsFor(plain), { to: "alice@example.com", from: "ceo@example.com", timeouts: FAST });
    expect(r.error).toMatchObject({ code: "sender_rejected", smtpCode: 553 });
  });

  it("a server that never greets → timeout, quickly", async () => {
    const r = await sendOnce(mailSettingsFor(hang), { to: "alice@example.com", timeouts: FAST });
    expect(r.error).toMatchObject({ code: "timeout", title: "The server never said hello" });
    expect(r.durationMs).toBeLessThan(2000);
  });

  it("DNS failure for nonexistent.invalid → dns", async () => {
    const r = await sendOnce(mailSettingsFor({ host: "127.0.0.1", port: 25 }, { "smtp.host": "nonexistent.invalid" }), { to: "alice@example.com", timeouts: FAST });
    expect(r).toMatchObject({ ok: false, server: "nonexistent.invalid:25" });
    expect(r.error?.code).toBe("dns");
  });

  it("requiretls against a server without STARTTLS → tls, and no credentials or mail are sent", async () => {
    const r = await sendOnce(mailSettingsFor(plain, { "smtp.starttls": true, "smtp.requiretls": true, "smtp.user": "bob", "smtp.password": PASSWORD }), {
      to: "alice@example.com",
      timeouts: FAST,
    });
    expect(r.error).toMatchObject({ code: "tls", title: "The server does not offer StartTLS", command: "STARTTLS" });
    expect(r.error?.explanation).toMatch(/Require TLS/);
    expect(clientLines(r).some((l) => /^(AUTH|MAIL FROM)/.test(l))).toBe(false);
  });

  it("plain settings against a server that wants STARTTLS before AUTH → tls (turn on StartTLS)", async () => {
    const r = await sendOnce(mailSettingsFor(starttls, { "smtp.user": "bob", "smtp.password": PASSWORD }), { to: "alice@example.com", timeouts: FAST });
    expect(r.error).toMatchObject({ code: "tls", title: "The server requires StartTLS" });
    assertNoSecrets(r);
  });

  it("a server requiring a login, without a user → auth", async () => {
    const r = await sendOnce(mailSettingsFor(ssl, { "smtp.ssl": true }), { to: "alice@example.com", tls: { ca: [ssl.cert] }, timeouts: FAST });
    expect(r.error).toMatchObject({ code: "auth", smtpCode: 530, command: "MAIL FROM" });
  });

  it("XOAUTH2 with an accepted token", async () => {
    const before = starttls.messages.length;
    const settings = mailSettingsFor(starttls, { "smtp.starttls": true, "oauth.flow": true, "smtp.user": "bob@example.com", "smtp.password": PASSWORD });
    const r = await sendOnce(settings, { to: "alice@example.com", accessToken: TOKEN, tls: { ca: [starttls.cert] }, timeouts: FAST });
    expect(r.ok).toBe(true);
    expect(clientLines(r)).toContain(`AUTH XOAUTH2 ${REDACTED}`);
    expect(clientLines(r).some((l) => l.startsWith("AUTH PLAIN"))).toBe(false); // never the password
    expect(starttls.authAttempts.at(-1)).toEqual({ method: "XOAUTH2", user: "bob@example.com", ok: true });
    expect(starttls.messages[before]!.authUser).toBe("bob@example.com");
    assertNoSecrets(r);
  });

  it("XOAUTH2 with a rejected token → auth, token never shown", async () => {
    const settings = mailSettingsFor(starttls, { "smtp.starttls": true, "oauth.flow": true, "smtp.user": "bob@example.com" });
    const r = await sendOnce(settings, { to: "alice@example.com", accessToken: `${TOKEN}-expired`, tls: { ca: [starttls.cert] }, timeouts: FAST });
    // the test server answers like Gmail ("Username and Password not accepted")
    expect(r.error).toMatchObject({ code: "auth", smtpCode: 535, command: "AUTH XOAUTH2", title: "Google rejected the access token or its scope" });
    expect(r.error?.explanation).toMatch(/Authorize again/);
    expect(JSON.stringify(r)).not.toContain(`${TOKEN}-expired`);
    expect(lines(r)).toContain('info: challenge decoded: {"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}');
  });

  it("OAuth flow without a token → config, without connecting", async () => {
    const before = starttls.connections();
    const r = await sendOnce(mailSettingsFor(starttls, { "oauth.flow": true, "smtp.user": "bob@example.com" }), { to: "alice@example.com" });
    expect(r.error).toMatchObject({ code: "config", title: "Not authorized yet" });
    expect(starttls.connections()).toBe(before);
  });

  it("refuses CR/LF in addresses and other bad input without connecting", async () => {
    const before = plain.connections();
    const s = mailSettingsFor(plain);
    const injected = await sendOnce(s, { to: "alice@example.com\r\nRCPT TO:<victim@example.com>" });
    expect(injected.error).toMatchObject({ code: "config", title: "Invalid recipient address" });
    expect(injected.error?.explanation).toMatch(/line break/);
    expect((await sendOnce(s, { to: "alice@example.com", from: "herald@example.com\nBcc: x@example.com" })).error).toMatchObject({ code: "config", title: "Invalid sender address" });
    expect((await sendOnce(s, { to: "not an address" })).error?.code).toBe("config");
    expect((await sendOnce(s, { to: "" })).error?.title).toBe("No recipient address");
    expect((await sendOnce({ ...s, "from.address": "" }, { to: "alice@example.com" })).error?.title).toBe("No sender address");
    expect((await sendOnce({ ...s, "smtp.host": " " }, { to: "alice@example.com" })).error?.title).toBe("No SMTP host");
    expect((await sendOnce({ ...s, "smtp.port": 0 }, { to: "alice@example.com" })).error?.title).toBe("Invalid SMTP port");
    expect(plain.connections()).toBe(before);
  });

  it("a subject with line breaks is flattened, not injected", async () => {
    const before = plain.messages.length;
    const r = await sendOnce(mailSettingsFor(plain), { to: "alice@example.com", subject: "Hi\r\nBcc: victim@example.com", timeouts: FAST });
    expect(r.ok).toBe(true);
    const msg = plain.messages[before];
    expect(msg!.parsed.subject).toBe("Hi Bcc: victim@example.com");
    expect(msg!.parsed.bcc).toBeUndefined();
    expect(msg!.to).toEqual(["alice@example.com"]);
  });
});
