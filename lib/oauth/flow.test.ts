import { describe, it, expect, beforeAll, afterAll, beforeEach } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { db } from "@/lib/db/client";
import { saveServiceConfig } from "@/lib/config/store";
import { OAUTH_PROVIDER_PID } from "@/lib/config/services";
import { startMockProvider, type MockProvider } from "./testing/mock-provider";
import { ADMIN, REDIRECT, authorize, configure, visitProvider } from "./testing/setup";
import { attemptOutcome, beginAuthorization, completeAuthorization, StateError, STATE_TTL_MS } from "./flow";
import { codeChallengeS256 } from "./pkce";
import { readConnection } from "./connection";
import { providerComplete } from "./provider";

let mock: MockProvider;
let dir: string;
beforeAll(async () => {
  mock = await startMockProvider({ accessTtl: 600 });
});
afterAll(async () => mock?.stop());
beforeEach(async () => {
  dir = useFreshDataDir();
  mock.reset();
});

function dbText(): string {
  return fs.readdirSync(dir).filter((f) => f.startsWith("herald.db")).map((f) => fs.readFileSync(path.join(dir, f)).toString("latin1")).join("");
}

describe("beginAuthorization", () => {
  it("is refused while the provider is incomplete", async () => {
    expect(await providerComplete()).toBe(false);
    await expect(beginAuthorization(ADMIN)).rejects.toMatchObject({ kind: "not_configured" });
  });

  it("sends response_type=code, the client, redirect URI, scopes, a random state, PKCE S256 and a nonce", async () => {
    await configure(mock);
    const a = await beginAuthorization(ADMIN);
    const b = await beginAuthorization(ADMIN);
    const u = new URL(a.url);
    expect(u.origin + u.pathname).toBe(mock.authUrl);
    const p = Object.fromEntries(u.searchParams);
    expect(p).toMatchObject({
      response_type: "code",
      client_id: mock.clientId,
      redirect_uri: REDIRECT,
      scope: "openid email offline_access https://mail.example/smtp",
      code_challenge_method: "S256",
      login_hint: "mailer@herald.test",
    });
    expect(p.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.nonce).toBeTruthy();
    expect(new URL(b.url).searchParams.get("state")).not.toBe(p.state);
    expect(b.binding).not.toBe(a.binding);
    // Neither the state nor the verifier is stored in clear; the state only as its hash.
    const rows = await db().oAuthAuthorization.findMany();
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toContain(p.state);
    expect(rows.every((r) => r.codeVerifier.startsWith("enc:v1:"))).toBe(true);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBeGreaterThan(STATE_TTL_MS - 5000);
  });

  it("asks Google for offline access with prompt=consent (its only way to issue a refresh token)", async () => {
    await saveServiceConfig(
      OAUTH_PROVIDER_PID,
      { authUrl: "https://accounts.google.com/o/oauth2/v2/auth", tokenUrl: "https://oauth2.googleapis.com/token", scopes: ["https://mail.google.com/"], clientId: "x.apps.googleusercontent.com", authCodeRedirectUrl: REDIRECT },
      { actor: "t" },
    );
    const p = new URL((await beginAuthorization(ADMIN)).url).searchParams;
    expect(p.get("access_type")).toBe("offline");
    expect(p.get("prompt")).toBe("consent");
    expect(p.get("nonce")).toBeNull(); // no openid scope, no nonce
  });
});

describe("completeAuthorization", () => {
  it("exchanges the code with the PKCE verifier and stores the tokens sealed", async () => {
    await configure(mock);
    const r = await authorize();
    expect(r.outcome).toMatchObject({ ok: true, account: "mailer@herald.test", title: "Connected as mailer@herald.test" });
    expect(r.outcome.warnings).toBeUndefined();
    // PKCE: the verifier sent to the token endpoint hashes to the challenge sent to /authorize.
    const exchange = mock.requests.find((q) => q.grantType === "authorization_code")!;
    expect(exchange.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(codeChallengeS256(exchange.codeVerifier!)).toBe(mock.authorizeRequests[0]!.code_challenge);
    expect(exchange.redirectUri).toBe(REDIRECT);
    expect(exchange.clientSecretOk).toBe(true);
    const row = (await readConnection())!;
    expect(row).toMatchObject({ status: "connected", source: "authorize", account: "mailer@herald.test", accountSource: "id_token", authorizedBy: ADMIN.email });
    expect(row.accessToken).toMatch(/^enc:v1:/);
    expect(row.refreshToken).toMatch(/^enc:v1:/);
    expect(JSON.parse(row.grantedScopes!)).toEqual(["openid", "email", "offline_access", "https://mail.example/smtp"]);
    expect(row.accessTokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(590_000);
    // Not in clear anywhere in the database file.
    const raw = dbText();
    for (const t of [...mock.issued.accessTokens, ...mock.issued.refreshTokens, ...mock.issued.idTokens]) expect(raw).not.toContain(t);
    expect(raw).not.toContain(exchange.codeVerifier!);
    // The page can show the outcome to this admin only.
    expect(await attemptOutcome(r.attemptId, ADMIN.id)).toMatchObject({ ok: true });
    expect(await attemptOutcome(r.attemptId, "someone-else")).toBeNull();
    const audit = await db().auditEvent.findMany({ where: { action: "oauth.authorize" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).not.toContain(mock.issued.accessTokens[0]);
  });

  it("a wrong state is rejected and nothing is stored", async () => {
    await configure(mock);
    const begin = await beginAuthorization(ADMIN);
    const back = await visitProvider(begin.url);
    const err = await completeAuthorization(ADMIN, { state: `${back.searchParams.get("state")}x`, code: back.searchParams.get("code") }, begin.binding).catch((e) => e);
    expect(err).toBeInstanceOf(StateError);
    expect(err.problem).toBe("unknown");
    await expect(completeAuthorization(ADMIN, { code: back.searchParams.get("code") }, begin.binding)).rejects.toMatchObject({ problem: "missing" });
    expect(mock.requests).toHaveLength(0); // the code was never exchanged
    expect(await readConnection()).toBeNull();
  });

  it("a reused state is rejected the second time", async () => {
    await configure(mock);
    const r = await authorize();
    expect(r.outcome.ok).toBe(true);
    const before = (await readConnection())!.version;
    const err = await completeAuthorization(ADMIN, r.query, r.begin.binding).catch((e) => e);
    expect(err).toMatchObject({ problem: "used" });
    expect(mock.requests.filter((q) => q.grantType === "authorization_code")).toHaveLength(1);
    expect((await readConnection())!.version).toBe(before);
  });

  it("an expired state (older than 10 minutes) is rejected", async () => {
    await configure(mock);
    const begin = await beginAuthorization(ADMIN);
    const back = await visitProvider(begin.url);
    await db().oAuthAuthorization.updateMany({ data: { expiresAt: new Date(Date.now() - 1) } });
    await expect(completeAuthorization(ADMIN, Object.fromEntries(back.searchParams), begin.binding)).rejects.toMatchObject({ problem: "expired" });
    expect(await readConnection()).toBeNull();
  });

  it("a state is bound to the admin and the browser that started it", async () => {
    await configure(mock);
    const begin = await beginAuthorization(ADMIN);
    const q = Object.fromEntries((await visitProvider(begin.url)).searchParams);
    await expect(completeAuthorization({ id: "admin-2", email: "eve@herald.test" }, q, begin.binding)).rejects.toMatchObject({ problem: "other_session" });
    await expect(completeAuthorization(ADMIN, q, "another-browser")).rejects.toMatchObject({ problem: "other_session" });
    await expect(completeAuthorization(ADMIN, q, undefined)).rejects.toMatchObject({ problem: "other_session" });
    // The foreign attempts did not burn it: the right browser still completes.
    expect((await completeAuthorization(ADMIN, q, begin.binding)).outcome.ok).toBe(true);
  });

  it("two callbacks racing with the same state: exactly one wins", async () => {
    await configure(mock);
    const begin = await beginAuthorization(ADMIN);
    const q = Object.fromEntries((await visitProvider(begin.url)).searchParams);
    const results = await Promise.allSettled([1, 2, 3].map(() => completeAuthorization(ADMIN, q, begin.binding)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(mock.requests.filter((r) => r.grantType === "authorization_code")).toHaveLength(1);
  });

  it("the provider's error is explained and nothing is stored", async () => {
    await configure(mock);
    const begin = await beginAuthorization(ADMIN);
    const state = new URL(begin.url).searchParams.get("state");
    const r = await completeAuthorization(ADMIN, { state, error: "access_denied", error_description: "AADSTS65004: User declined to consent to access the app." }, begin.binding);
    expect(r.outcome).toMatchObject({ ok: false, error: "access_denied", title: "Consent declined" });
    expect(r.outcome.description).toContain("AADSTS65004");
    expect(await readConnection()).toBeNull();
  });

  it("a wrong client secret is reported as such, with nothing stored", async () => {
    await configure(mock, { clientSecret: "not-the-secret" });
    const r = await authorize();
    expect(r.outcome).toMatchObject({ ok: false, error: "invalid_client", title: "Client ID or secret rejected" });
    expect(await readConnection()).toBeNull();
  });

  it("warns when the mailbox that consented is not the SMTP user, and when scopes were not granted", async () => {
    await configure(mock, { smtpUser: "other@herald.test" });
    const partial = await startMockProvider({ grant: (s) => s.replace("https://mail.example/smtp", "").trim() });
    try {
      await configure(partial, { smtpUser: "other@herald.test" });
      const r = await authorize();
      expect(r.outcome.ok).toBe(true);
      expect(r.outcome.warnings?.join(" ")).toContain("did not grant: https://mail.example/smtp");
      expect(r.outcome.warnings?.join(" ")).toContain("the Mail Service's SMTP user is other@herald.test");
    } finally {
      await partial.stop();
    }
  });

  it("Authorize works again when the stored tokens are broken", async () => {
    await configure(mock);
    await authorize();
    await db().oAuthConnection.update({ where: { id: "mail" }, data: { status: "reauth_needed", reason: "revoked", accessToken: "enc:v1:garbage", refreshToken: "enc:v1:garbage" } });
    const again = await authorize();
    expect(again.outcome.ok).toBe(true);
    expect(await readConnection()).toMatchObject({ status: "connected", reason: null });
  });
});
