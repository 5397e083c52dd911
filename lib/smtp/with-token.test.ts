import { describe, it, expect, beforeAll, afterAll, beforeEach, vi } from "vitest";
import nodemailer from "nodemailer";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { db } from "@/lib/db/client";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/testing/smtp";
import { effectiveConfig } from "@/lib/config/store";
import { MAIL_SERVICE_PID } from "@/lib/config/services";
import { transportOptions, type MailSettings } from "@/lib/mail/settings";
import { sendTestEmailWithForm } from "@/lib/smtp/test-email";
import { startMockProvider, type MockProvider } from "@/lib/oauth/testing/mock-provider";
import { authorize, configure } from "@/lib/oauth/testing/setup";
import { FORCE_DEDUP_MS } from "@/lib/oauth/tokens";
import { probeWithToken, sendOnceWithToken } from "./with-token";
import { installTokenProvider, oauthTokenProvider } from "./xoauth2";
import { createSmtpPool } from "./pool";

const sendTestEmailWithOAuth = (s: MailSettings, o: Parameters<typeof sendOnceWithToken>[1]) => sendOnceWithToken(s, o, oauthTokenProvider);
const checkConnectionWithOAuth = (s: MailSettings, o: Parameters<typeof probeWithToken>[1]) => probeWithToken(s, o, oauthTokenProvider);

const MAILBOX = "mailer@herald.test";
let mock: MockProvider;
let smtp: TestSmtpServer;
/** Tokens the SMTP server was shown, in order, with its verdict. */
const seen: { token: string; ok: boolean; reason?: string }[] = [];

beforeAll(async () => {
  mock = await startMockProvider({ accessTtl: 600, email: MAILBOX });
  // Accepts only XOAUTH2, for the mailbox, with a token whose signature, issuer and expiry check
  // out against the OAuth2 server's JWKS.
  smtp = await startTestSmtpServer({
    starttls: true,
    requireAuth: true,
    xoauth2: async (user, token) => {
      const v = await mock.verifyAccessToken(token);
      const ok = v.ok && user === MAILBOX;
      seen.push({ token, ok, reason: v.reason });
      return ok;
    },
  });
});
afterAll(async () => {
  await smtp?.stop();
  await mock?.stop();
});
beforeEach(async () => {
  useFreshDataDir();
  mock.reset();
  mock.failRefreshes(false);
  mock.setAccessTtl(600);
  seen.length = 0;
  smtp.messages.length = 0;
  await configure(mock, { smtpPort: smtp.port, starttls: true });
});

const settings = async () => await effectiveConfig(MAIL_SERVICE_PID);
const tls = () => ({ ca: [smtp.cert] });
const refreshes = () => mock.requests.filter((r) => r.grantType === "refresh_token").length;

function leaked(text: string): string[] {
  return [...mock.issued.accessTokens, ...mock.issued.refreshTokens].filter((t) => text.includes(t) || text.includes(Buffer.from(t).toString("base64")));
}

describe("sending with XOAUTH2", () => {
  it("a test email logs in with XOAUTH2 and the current token, and arrives", async () => {
    await authorize();
    const r = await sendTestEmailWithOAuth(await settings(), { to: "ops@example.com", tls: tls() });
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({ ok: true, retriedAfterRefresh: false });
    const [msg] = await smtp.waitForMessages(1);
    expect(msg).toMatchObject({ authUser: MAILBOX, secure: true, to: ["ops@example.com"] });
    expect(seen).toEqual([{ token: mock.issued.accessTokens[0], ok: true, reason: undefined }]);
    const text = r.transcript.map((l) => l.text).join("\n");
    expect(text).toContain("AUTH XOAUTH2");
    expect(leaked(text)).toEqual([]);
  });

  it("when the access token has expired, the next send refreshes it first", async () => {
    mock.setAccessTtl(2);
    await authorize();
    mock.setAccessTtl(600);
    // Until the 2-second token has expired for both sides — Herald's stored expiry and the
    // provider's verdict — rather than a guess at how long that takes.
    const { accessTokenExpiresAt } = await db().oAuthConnection.findUniqueOrThrow({ where: { id: "mail" } });
    await vi.waitFor(
      async () => {
        expect(Date.now()).toBeGreaterThan(accessTokenExpiresAt!.getTime());
        expect((await mock.verifyAccessToken(mock.issued.accessTokens[0]!)).reason).toBe("expired");
      },
      { timeout: 10_000, interval: 50 },
    );
    const r = await sendTestEmailWithOAuth(await settings(), { to: "ops@example.com", tls: tls() });
    expect(r.ok).toBe(true);
    expect(r.token?.refreshed).toBe(true);
    expect(refreshes()).toBe(1);
    expect(seen.map((s) => s.token)).toEqual([mock.issued.accessTokens[1]]); // the expired one was never offered
  });

  it("when the server refuses the token, it refreshes once and tries again", async () => {
    await authorize();
    mock.rejectAccessToken(mock.issued.accessTokens[0]!);
    const r = await sendTestEmailWithOAuth(await settings(), { to: "ops@example.com", tls: tls() });
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({ ok: true, retriedAfterRefresh: true });
    expect(refreshes()).toBe(1);
    // nodemailer repeats AUTH once with the same token inside the first session; then Herald refreshes.
    expect(seen.filter((s) => !s.ok).map((s) => s.token)).toEqual(seen.slice(0, -1).map(() => mock.issued.accessTokens[0]));
    expect(seen.at(-1)).toEqual({ token: mock.issued.accessTokens[1], ok: true, reason: undefined });
    expect(smtp.messages).toHaveLength(1);
    const text = r.transcript.map((l) => l.text).join("\n");
    expect(text).toContain("refreshing it once and trying again");
    expect(leaked(text)).toEqual([]);
  });

  it("only once: a second refusal is reported as an authentication failure", async () => {
    await authorize();
    const revokeAll = setInterval(() => mock.issued.accessTokens.forEach((t) => mock.rejectAccessToken(t)), 5);
    try {
      const r = await sendTestEmailWithOAuth(await settings(), { to: "ops@example.com", tls: tls() });
      expect(r.ok).toBe(false);
      expect(r.error?.code).toBe("auth");
      expect(refreshes()).toBe(1);
      expect(smtp.messages).toHaveLength(0);
    } finally {
      clearInterval(revokeAll);
    }
  });

  it("invalid_grant: nothing is sent and the result says re-authorize", async () => {
    await authorize();
    await db().oAuthConnection.update({ where: { id: "mail" }, data: { accessTokenExpiresAt: new Date(Date.now() - 1000) } });
    mock.failRefreshes();
    const r = await sendTestEmailWithOAuth(await settings(), { to: "ops@example.com", tls: tls() });
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ code: "auth", title: "Re-authorization needed" });
    expect(r.error?.explanation).toContain("Re-authorize");
    expect(smtp.connections()).toBeGreaterThanOrEqual(0);
    expect(smtp.messages).toHaveLength(0);
    expect(seen).toHaveLength(0);
  });

  it("before Authorize the result says so, without connecting", async () => {
    const before = smtp.connections();
    const r = await sendTestEmailWithOAuth(await settings(), { to: "ops@example.com", tls: tls() });
    expect(r.error).toMatchObject({ code: "config", title: "Not authorized yet" });
    expect(smtp.connections()).toBe(before);
  });

  it("the Mail Service page's test email uses XOAUTH2 with the connected mailbox's token", async () => {
    const plain = await startTestSmtpServer({ requireAuth: true, xoauth2: async (user, token) => user === MAILBOX && (await mock.verifyAccessToken(token)).ok });
    try {
      await authorize();
      const form = { ...(await effectiveConfig(MAIL_SERVICE_PID)), "smtp.port": plain.port, "smtp.starttls": false, "smtp.password": "", "debug.email": true };
      const view = await sendTestEmailWithForm(form, [], "ops@example.com", "admin-1");
      expect(view.error).toBeUndefined();
      expect(view.ok).toBe(true);
      const [msg] = await plain.waitForMessages(1);
      expect(msg!.authUser).toBe(MAILBOX);
      expect(plain.authAttempts, JSON.stringify(view.transcript)).toEqual([{ method: "XOAUTH2", user: MAILBOX, ok: true }]);
      const log = await db().mailLog.findMany();
      expect(log).toHaveLength(1);
      expect(log[0]!.transcript).toContain("AUTH XOAUTH2");
      expect(leaked(JSON.stringify(log) + JSON.stringify(view))).toEqual([]);
    } finally {
      await plain.stop();
    }
  });
});

describe("Test: token + SMTP login without sending", () => {
  it("fetches a new token, logs in with XOAUTH2 and sends nothing; the token step sits before AUTH", async () => {
    await authorize();
    await db().oAuthConnection.update({ where: { id: "mail" }, data: { accessTokenIssuedAt: new Date(Date.now() - FORCE_DEDUP_MS - 1000) } });
    const r = await checkConnectionWithOAuth(await settings(), { tls: tls() });
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.steps.map((s) => s.step)).toEqual(["dns", "tcp", "greeting", "starttls", "ehlo", "token", "auth"]);
    const token = r.steps.find((s) => s.step === "token")!;
    expect(token.detail).toMatch(/^New access token from the provider for mailer@herald\.test, valid for 10 min$/);
    expect(r.steps.find((s) => s.step === "ehlo")!.detail).toContain("XOAUTH2");
    expect(refreshes()).toBe(1);
    expect(smtp.messages).toHaveLength(0);
    expect(seen.at(-1)).toMatchObject({ token: mock.issued.accessTokens.at(-1), ok: true });
    expect(leaked(JSON.stringify(r))).toEqual([]);
  });

  it("a refresh that fails stops at the token step with the reason", async () => {
    await authorize();
    await db().oAuthConnection.update({ where: { id: "mail" }, data: { accessTokenIssuedAt: new Date(Date.now() - FORCE_DEDUP_MS - 1000) } });
    mock.failRefreshes({ error: "invalid_grant", error_description: "Token has been expired or revoked." });
    const r = await checkConnectionWithOAuth(await settings(), { tls: tls() });
    expect(r).toMatchObject({ ok: false, failedStep: "token" });
    expect(r.error?.title).toBe("Re-authorization needed");
    // The mock is a custom provider: named by its host, never "Google says…".
    expect(r.error?.explanation).toMatch(/The OAuth2 provider at 127\.0\.0\.1:\d+ no longer accepts the stored refresh token/);
    expect(r.error?.explanation).not.toContain("Google");
  });
});

describe("the one XOAUTH2 hook, and the worker's pool (lib/smtp/pool)", () => {
  it("supplies tokens, and a fresh one when the server refuses the current one in the same session", async () => {
    await authorize();
    const s = await settings();
    const transporter = nodemailer.createTransport({ ...transportOptions(s, { pool: true, tls: tls() }), auth: { type: "OAuth2", user: MAILBOX } });
    installTokenProvider(transporter, oauthTokenProvider);
    try {
      await transporter.sendMail({ from: MAILBOX, to: "a@example.com", subject: "one", text: "1" });
      transporter.close();
      await db().oAuthConnection.update({ where: { id: "mail" }, data: { accessTokenIssuedAt: new Date(Date.now() - FORCE_DEDUP_MS - 1000) } });
      mock.rejectAccessToken(mock.issued.accessTokens[0]!);
      const t2 = nodemailer.createTransport({ ...transportOptions(s, { pool: true, tls: tls() }), auth: { type: "OAuth2", user: MAILBOX } });
      installTokenProvider(t2, oauthTokenProvider);
      await t2.sendMail({ from: MAILBOX, to: "b@example.com", subject: "two", text: "2" });
      t2.close();
    } finally {
      transporter.close();
    }
    await smtp.waitForMessages(2);
    expect(seen.map((x) => x.ok)).toEqual([true, false, true]);
    expect(refreshes()).toBe(1);
  });

  // Found by an operator: after the token expired and was refreshed, the next messages went over
  // a pooled connection that had logged in with the old token, so the server never saw the new one.
  it("a pooled connection is not used after the access token it logged in with expires", async () => {
    mock.setAccessTtl(8);
    await authorize();
    const pool = createSmtpPool({ kind: "smtp", settings: await settings() }, { connections: 1, tokens: oauthTokenProvider, ca: [smtp.cert] });
    try {
      const first = await pool.send({ from: MAILBOX, to: "a@example.com", subject: "one", text: "1" });
      expect(first.ok).toBe(true);
      expect(seen).toHaveLength(1);
      const row = await db().oAuthConnection.findUniqueOrThrow({ where: { id: "mail" } });
      const expiresAt = row.accessTokenExpiresAt!.getTime();
      // Waiting for the token's own expiry is the scenario, not a guess at timing.
      while (Date.now() <= expiresAt + 50) await new Promise((r) => setTimeout(r, 100));
      const second = await pool.send({ from: MAILBOX, to: "b@example.com", subject: "two", text: "2" });
      expect(second.ok).toBe(true);
      await smtp.waitForMessages(2);
      // A new login with a new, valid token — not the old session.
      expect(seen).toHaveLength(2);
      expect(seen[1]!.ok).toBe(true);
      expect(seen[1]!.token).not.toBe(seen[0]!.token);
      expect(pool.generations).toBe(2);
    } finally {
      pool.close();
    }
  });
});
