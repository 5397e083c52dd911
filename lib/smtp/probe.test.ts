import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, mailSettingsFor, startTestSmtpServer, type TestSmtpServer } from "@/lib/testing/smtp";
import { probe, type CheckConnectionResult } from "./session";

const PASSWORD = "s3cret-Passw0rd!";
const TOKEN = "ya29.check-connection-token";
const FAST = { connection: 1500, greeting: 400, socket: 3000, dns: 1500 };

const stepNames = (r: CheckConnectionResult) => r.steps.map((s) => `${s.step}:${s.ok ? "ok" : "FAIL"}`);
const step = (r: CheckConnectionResult, name: string) => r.steps.find((s) => s.step === name);

describe("probe", () => {
  let plain: TestSmtpServer;
  let starttls: TestSmtpServer;
  let ssl: TestSmtpServer;
  let hang: TestSmtpServer;

  beforeAll(async () => {
    [plain, starttls, ssl, hang] = await Promise.all([
      startTestSmtpServer({
        starttls: false,
        rejectSenders: (a) => (a.startsWith("ceo@") ? "553 5.7.1 Sender address rejected: not owned by user" : null),
      }),
      startTestSmtpServer({
        starttls: true,
        requireAuth: true,
        users: { bob: PASSWORD },
        xoauth2: (user, token) => user === "bob@example.com" && token === TOKEN,
        rejectRecipients: (a) => (a.startsWith("nobody@") ? "550 5.1.1 no such user" : null),
      }),
      startTestSmtpServer({ secure: true, requireAuth: true, users: { bob: PASSWORD } }),
      startTestSmtpServer({ hangOnConnect: true }),
    ]);
  });
  afterAll(() => Promise.all([plain.stop(), starttls.stop(), ssl.stop(), hang.stop()]));

  const starttlsSettings = () => mailSettingsFor(starttls, { "smtp.starttls": true, "smtp.requiretls": true, "smtp.user": "bob", "smtp.password": PASSWORD });

  it("walks every step through STARTTLS, AUTH, MAIL FROM, RCPT TO and DATA", async () => {
    const before = starttls.messages.length;
    const r = await probe(starttlsSettings(), { to: "alice@example.com", data: true, subject: "Check", tls: { ca: [starttls.cert] }, timeouts: FAST });
    expect(r.ok).toBe(true);
    expect(r.error).toBeUndefined();
    expect(stepNames(r)).toEqual(["dns:ok", "tcp:ok", "greeting:ok", "starttls:ok", "ehlo:ok", "auth:ok", "mail_from:ok", "rcpt_to:ok", "data:ok"]);
    expect(step(r, "dns")?.detail).toMatch(/IP address/);
    expect(step(r, "greeting")?.detail).toMatch(/^220 /);
    expect(step(r, "starttls")?.data).toMatchObject({ authorized: true, subject: "CN=localhost" });
    expect(r.tls).toMatchObject({ authorized: true, protocol: expect.stringMatching(/^TLSv1\.[23]$/) });
    expect(r.authMethods).toEqual(["PLAIN", "LOGIN", "XOAUTH2"]);
    expect(step(r, "ehlo")?.warning).toBeUndefined();
    expect(step(r, "auth")?.detail).toBe("Logged in as bob with PLAIN");
    expect(step(r, "rcpt_to")?.data).toEqual({ accepted: ["alice@example.com"] });
    expect(step(r, "data")?.detail).toMatch(/^250 /);
    for (const s of r.steps) expect(s.ms).toBeGreaterThanOrEqual(0);

    const msg = await starttls.waitForMessages(before + 1, 2000).then((m) => m[before]);
    expect(msg).toMatchObject({ from: "herald@example.com", to: ["alice@example.com"], authUser: "bob", secure: true });
    expect(msg!.parsed.subject).toBe("Check");
    expect(JSON.stringify(r)).not.toContain(PASSWORD);
  });

  it("stops after AUTH when no recipient is given, and sends nothing", async () => {
    const before = starttls.messages.length;
    const r = await probe(starttlsSettings(), { tls: { ca: [starttls.cert] }, timeouts: FAST });
    expect(r.ok).toBe(true);
    expect(stepNames(r)).toEqual(["dns:ok", "tcp:ok", "greeting:ok", "starttls:ok", "ehlo:ok", "auth:ok"]);
    expect(r.transcript.some((l) => l.dir === "C" && l.text === "QUIT")).toBe(true);
    expect(starttls.messages.length).toBe(before);
  });

  it("checks the envelope without DATA: MAIL FROM and RCPT TO, then RSET", async () => {
    const before = starttls.messages.length;
    const r = await probe(starttlsSettings(), { to: ["alice@example.com", "bob@example.com"], tls: { ca: [starttls.cert] }, timeouts: FAST });
    expect(r.ok).toBe(true);
    expect(stepNames(r).slice(-2)).toEqual(["mail_from:ok", "rcpt_to:ok"]);
    const c = r.transcript.filter((l) => l.dir === "C").map((l) => l.text);
    expect(c).toEqual(expect.arrayContaining(["MAIL FROM:<herald@example.com>", "RCPT TO:<alice@example.com>", "RCPT TO:<bob@example.com>", "RSET"]));
    expect(c).not.toContain("DATA");
    expect(starttls.messages.length).toBe(before);
  });

  it("SSL on connect reports the TLS step with the certificate", async () => {
    const r = await probe(mailSettingsFor(ssl, { "smtp.ssl": true, "smtp.user": "bob", "smtp.password": PASSWORD }), { tls: { ca: [ssl.cert] }, timeouts: FAST });
    expect(r.ok).toBe(true);
    expect(stepNames(r)).toEqual(["dns:ok", "tcp:ok", "tls:ok", "greeting:ok", "ehlo:ok", "auth:ok"]);
    expect(step(r, "tls")?.detail).toMatch(/TLSv1\.[23].*CN=localhost \(self-signed\)/);
    expect(r.tls?.altNames).toMatch(/IP Address:127\.0\.0\.1/);
  });

  it("resolves a host name in the DNS step", async () => {
    const r = await probe(mailSettingsFor(plain, { "smtp.host": "localhost" }), { timeouts: FAST });
    // localhost may resolve to ::1 first; the TCP step then falls back to 127.0.0.1
    expect(step(r, "dns")).toMatchObject({ ok: true, detail: expect.stringMatching(/^localhost → .*127\.0\.0\.1/) });
    expect(r.ok).toBe(true);
    expect(step(r, "tcp")?.detail).toBe(`Connected to 127.0.0.1:${plain.port}`);
  });

  it("DNS failure stops at dns", async () => {
    const r = await probe(mailSettingsFor(plain, { "smtp.host": "nonexistent.invalid" }), { timeouts: FAST });
    expect(r).toMatchObject({ ok: false, failedStep: "dns", error: { code: "dns" } });
    expect(stepNames(r)).toEqual(["dns:FAIL"]);
  });

  it("connection refused stops at tcp", async () => {
    const port = await closedPort();
    const r = await probe(mailSettingsFor({ host: "127.0.0.1", port }), { timeouts: FAST });
    expect(r).toMatchObject({ ok: false, failedStep: "tcp", error: { code: "refused" } });
    expect(stepNames(r)).toEqual(["dns:ok", "tcp:FAIL"]);
  });

  it("a silent server stops at greeting with a timeout", async () => {
    const r = await probe(mailSettingsFor(hang), { timeouts: FAST });
    expect(r).toMatchObject({ ok: false, failedStep: "greeting", error: { code: "timeout" } });
    expect(stepNames(r)).toEqual(["dns:ok", "tcp:ok", "greeting:FAIL"]);
    expect(r.durationMs).toBeLessThan(2000);
  });

  it("an untrusted certificate stops at starttls or tls", async () => {
    const a = await probe(starttlsSettings(), { timeouts: FAST });
    expect(a).toMatchObject({ failedStep: "starttls", error: { code: "certificate" } });
    expect(stepNames(a)).toEqual(["dns:ok", "tcp:ok", "greeting:ok", "starttls:FAIL"]);
    const b = await probe(mailSettingsFor(ssl, { "smtp.ssl": true }), { timeouts: FAST });
    expect(b).toMatchObject({ failedStep: "tls", error: { code: "certificate", errorCode: "DEPTH_ZERO_SELF_SIGNED_CERT" } });
  });

  it("warns when certificate checks are off", async () => {
    const r = await probe(mailSettingsFor(ssl, { "smtp.ssl": true, "smtp.user": "bob", "smtp.password": PASSWORD }), { tls: { rejectUnauthorized: false }, timeouts: FAST });
    expect(r.ok).toBe(true);
    expect(step(r, "tls")).toMatchObject({ ok: true, data: { authorized: false, authorizationError: "DEPTH_ZERO_SELF_SIGNED_CERT" } });
    expect(step(r, "tls")?.warning).toMatch(/not verified \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    const s = await probe(starttlsSettings(), { tls: { rejectUnauthorized: false }, timeouts: FAST });
    expect(s.ok).toBe(true);
    expect(step(s, "starttls")?.warning).toMatch(/not verified/);
  });

  it("SSL against a plain server stops at tls", async () => {
    const r = await probe(mailSettingsFor(plain, { "smtp.ssl": true }), { timeouts: FAST });
    expect(r).toMatchObject({ failedStep: "tls", error: { code: "tls" } });
  });

  it("requiretls against a server without STARTTLS stops at starttls", async () => {
    const r = await probe(mailSettingsFor(plain, { "smtp.starttls": true, "smtp.requiretls": true }), { timeouts: FAST });
    expect(r).toMatchObject({ failedStep: "starttls", error: { code: "tls", title: "The server does not offer StartTLS" } });
  });

  it("warns when the server offers STARTTLS but it is off, and explains why AUTH is missing", async () => {
    const r = await probe(mailSettingsFor(starttls), { timeouts: FAST });
    expect(r.ok).toBe(true);
    expect(step(r, "ehlo")?.warning).toMatch(/offers STARTTLS but StartTLS is off/);
    expect(step(r, "auth")).toMatchObject({ ok: true, skipped: true });
  });

  it("wrong password stops at auth", async () => {
    const r = await probe(mailSettingsFor(starttls, { "smtp.starttls": true, "smtp.user": "bob", "smtp.password": "wrong-one" }), { tls: { ca: [starttls.cert] }, timeouts: FAST });
    expect(r).toMatchObject({ failedStep: "auth", error: { code: "auth", smtpCode: 535 } });
    expect(JSON.stringify(r)).not.toContain("wrong-one");
  });

  it("XOAUTH2: accepted and rejected tokens", async () => {
    const settings = mailSettingsFor(starttls, { "smtp.starttls": true, "oauth.flow": true, "smtp.user": "bob@example.com" });
    const ok = await probe(settings, { accessToken: TOKEN, tls: { ca: [starttls.cert] }, timeouts: FAST });
    expect(ok.ok).toBe(true);
    expect(step(ok, "auth")?.detail).toBe("Logged in as bob@example.com with XOAUTH2");
    expect(JSON.stringify(ok)).not.toContain(TOKEN);
    const bad = await probe(settings, { accessToken: "revoked-token-xyz", tls: { ca: [starttls.cert] }, timeouts: FAST });
    expect(bad).toMatchObject({ failedStep: "auth", error: { code: "auth", command: "AUTH XOAUTH2" } });
    expect(JSON.stringify(bad)).not.toContain("revoked-token-xyz");
  });

  it("OAuth flow against a server without XOAUTH2 fails at auth with a clear reason", async () => {
    const r = await probe(mailSettingsFor(ssl, { "smtp.ssl": true, "oauth.flow": true, "smtp.user": "bob@example.com" }), { accessToken: TOKEN, tls: { ca: [ssl.cert] }, timeouts: FAST });
    expect(r).toMatchObject({ failedStep: "auth", error: { code: "auth", title: "The server does not offer XOAUTH2" } });
  });

  it("a rejected recipient stops at rcpt_to and nothing is delivered", async () => {
    const before = starttls.messages.length;
    const r = await probe(starttlsSettings(), { to: ["alice@example.com", "nobody@example.com"], data: true, tls: { ca: [starttls.cert] }, timeouts: FAST });
    expect(r).toMatchObject({ ok: false, failedStep: "rcpt_to", error: { code: "recipient_rejected", smtpCode: 550 } });
    expect(step(r, "rcpt_to")?.detail).toMatch(/alice@example.com: 250 .*nobody@example.com: 550 5\.1\.1 no such user/);
    expect(starttls.messages.length).toBe(before);
  });

  it("a rejected sender stops at mail_from", async () => {
    const r = await probe(mailSettingsFor(plain), { to: "alice@example.com", from: "ceo@example.com", timeouts: FAST });
    expect(r).toMatchObject({ failedStep: "mail_from", error: { code: "sender_rejected", smtpCode: 553 } });
  });

  it("a login required for MAIL FROM is reported at mail_from as auth", async () => {
    const r = await probe(mailSettingsFor(ssl, { "smtp.ssl": true }), { to: "alice@example.com", tls: { ca: [ssl.cert] }, timeouts: FAST });
    expect(step(r, "auth")).toMatchObject({ ok: true, skipped: true });
    expect(r).toMatchObject({ failedStep: "mail_from", error: { code: "auth", smtpCode: 530 } });
  });

  it("a rejected message stops at data", async () => {
    const s = await startTestSmtpServer({ rejectAll: { code: 554, message: "5.7.1 Message rejected as spam" } });
    try {
      const r = await probe(mailSettingsFor(s), { to: "alice@example.com", data: true, timeouts: FAST });
      expect(r).toMatchObject({ failedStep: "data", error: { code: "message_rejected" } });
      expect(stepNames(r).slice(-3)).toEqual(["mail_from:ok", "rcpt_to:ok", "data:FAIL"]);
    } finally {
      await s.stop();
    }
  });

  it("bad input fails before connecting", async () => {
    const before = plain.connections();
    expect(await probe(mailSettingsFor(plain), { to: "a@example.com\r\nDATA" })).toMatchObject({ ok: false, steps: [], error: { code: "config" } });
    expect(await probe(mailSettingsFor(plain), { data: true })).toMatchObject({ ok: false, error: { code: "config", title: "No recipient" } });
    expect(await probe(mailSettingsFor(plain, { "oauth.flow": true, "smtp.user": "bob" }))).toMatchObject({ error: { code: "config", title: "Not authorized yet" } });
    expect(plain.connections()).toBe(before);
  });
});
