import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach, vi } from "vitest";
import { spawn } from "node:child_process";
import path from "node:path";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { db } from "@/lib/db/client";
import { OAUTH_PROVIDER_PID } from "@/lib/config/services";
import { startMockProvider, type MockProvider } from "./testing/mock-provider";
import { ADMIN, authorize, configure, patchService } from "./testing/setup";
import { getAccessToken, leaseOwner, refreshMarginMs, FORCE_DEDUP_MS } from "./tokens";
import { OAuthUnavailableError, ReauthorizationNeededError } from "./errors";
import { disconnect, openToken, readConnection } from "./connection";

const root = path.resolve(__dirname, "../..");
// One secrets key for this process and the child processes (the key file is per data folder,
// but secrets-key.ts caches the first one it read for the life of the process).
process.env.HERALD_SECRET_KEY = "7f".repeat(32);

let mock: MockProvider;
let dir: string;
beforeAll(async () => {
  mock = await startMockProvider({ accessTtl: 600 });
});
afterAll(async () => mock?.stop());
beforeEach(async () => {
  dir = useFreshDataDir();
  mock.reset();
  mock.failRefreshes(false);
  mock.setDelay(0);
  mock.setAccessTtl(600);
  await configure(mock);
});

/** Makes the stored access token look expired (as if an hour had passed). */
async function expireAccessToken() {
  await db().oAuthConnection.update({
    where: { id: "mail" },
    data: { accessTokenIssuedAt: new Date(Date.now() - 700_000), accessTokenExpiresAt: new Date(Date.now() - 100_000) },
  });
}

const refreshRequests = () => mock.requests.filter((r) => r.grantType === "refresh_token");

function runChild(calls: number): Promise<{ ok: boolean; token?: string; refreshed?: boolean; error?: string }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "lib/oauth/testing/refresh-child.ts")], {
      cwd: root,
      env: { ...process.env, HERALD_DATA_DIR: dir, HERALD_TEST_CALLS: String(calls), TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json"), NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

describe("getAccessToken", () => {
  it("returns the stored token while it is fresh, without asking the provider", async () => {
    await authorize();
    const a = await getAccessToken();
    const b = await getAccessToken();
    expect(a.accessToken).toBe(mock.issued.accessTokens[0]);
    expect(b.accessToken).toBe(a.accessToken);
    expect(a).toMatchObject({ user: "mailer@herald.test", refreshed: false });
    expect(refreshRequests()).toHaveLength(0);
  });

  it("refreshes shortly before expiry: 10 % of the lifetime, at most a minute", async () => {
    expect(refreshMarginMs(3_600_000)).toBe(60_000);
    expect(refreshMarginMs(20_000)).toBe(2_000);
    await authorize();
    // 30 s left of a 600 s token: inside the 60 s margin → refreshed.
    await db().oAuthConnection.update({ where: { id: "mail" }, data: { accessTokenIssuedAt: new Date(Date.now() - 570_000), accessTokenExpiresAt: new Date(Date.now() + 30_000) } });
    const t = await getAccessToken();
    expect(t.refreshed).toBe(true);
    expect(refreshRequests()).toHaveLength(1);
    const req = refreshRequests()[0];
    expect(req!.clientSecretOk).toBe(true);
    expect(req!.refreshToken).toBe(mock.issued.refreshTokens[0]);
    expect((await mock.verifyAccessToken(t.accessToken)).ok).toBe(true);
  });

  it("N concurrent callers with an expired token cause exactly one token request", async () => {
    await authorize();
    await expireAccessToken();
    mock.setDelay(300);
    const results = await Promise.all(Array.from({ length: 25 }, () => getAccessToken()));
    expect(refreshRequests()).toHaveLength(1);
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    expect(results[0]!.accessToken).toBe(mock.issued.accessTokens.at(-1));
    const row = (await readConnection())!;
    expect(row.leaseOwner).toBeNull();
    expect(row.refreshCount).toBe(1);
  });

  it("forced refreshes from many callers at once also share one request", async () => {
    await authorize();
    await db().oAuthConnection.update({ where: { id: "mail" }, data: { accessTokenIssuedAt: new Date(Date.now() - FORCE_DEDUP_MS - 1000) } });
    mock.setDelay(200);
    const old = (await getAccessToken()).accessToken;
    const results = await Promise.all(Array.from({ length: 10 }, () => getAccessToken({ forceRefresh: true, rejectedToken: old })));
    expect(refreshRequests()).toHaveLength(1);
    expect(new Set(results.map((r) => r.accessToken))).toEqual(new Set([mock.issued.accessTokens.at(-1)]));
    // A late caller that still holds the rejected token gets the new one without another refresh.
    const late = await getAccessToken({ forceRefresh: true, rejectedToken: old });
    expect(late.accessToken).toBe(results[0]!.accessToken);
    expect(refreshRequests()).toHaveLength(1);
  });

  it("stores the rotated refresh token in the same step and uses it next time (the old one is dead)", async () => {
    await authorize();
    const [rt1] = mock.issued.refreshTokens;
    await expireAccessToken();
    await getAccessToken();
    const rt2 = mock.issued.refreshTokens[1];
    expect(rt2).toBeTruthy();
    let row = (await readConnection())!;
    expect(openToken(row.refreshToken!, "refreshToken")).toBe(rt2);
    expect(row.rotations).toBe(1);
    expect(row.refreshTokenIssuedAt!.getTime()).toBe(row.lastRefreshAt!.getTime());
    await expireAccessToken();
    const t3 = await getAccessToken();
    const reqs = refreshRequests();
    expect(reqs.map((r) => r.refreshToken)).toEqual([rt1, rt2]);
    expect(reqs.every((r) => r.status === 200)).toBe(true);
    expect(t3.accessToken).toBe(mock.issued.accessTokens.at(-1));
    row = (await readConnection())!;
    expect(openToken(row.refreshToken!, "refreshToken")).toBe(mock.issued.refreshTokens[2]);
    expect(row.rotations).toBe(2);
  });

  it("keeps the refresh token when the provider does not rotate it (Google)", async () => {
    const google = await startMockProvider({ rotate: false });
    try {
      await configure(google);
      await authorize();
      const [rt] = google.issued.refreshTokens;
      for (let i = 0; i < 2; i++) {
        await expireAccessToken();
        await getAccessToken();
      }
      expect(google.requests.filter((r) => r.grantType === "refresh_token").map((r) => r.refreshToken)).toEqual([rt, rt]);
      const row = (await readConnection())!;
      expect(openToken(row.refreshToken!, "refreshToken")).toBe(rt);
      expect(row.rotations).toBe(0);
    } finally {
      await google.stop();
    }
  });

  it("invalid_grant marks the connection 're-authorization needed' with the reason and throws a typed error", async () => {
    await authorize();
    await expireAccessToken();
    mock.failRefreshes({ error: "invalid_grant", error_description: "AADSTS700082: The refresh token has expired due to inactivity." });
    const err = await getAccessToken().catch((e) => e);
    expect(err).toBeInstanceOf(ReauthorizationNeededError);
    expect(err.reason).toContain("90 days");
    const row = (await readConnection())!;
    expect(row).toMatchObject({ status: "reauth_needed", accessToken: null, refreshToken: null, lastRefreshOk: false, leaseOwner: null });
    expect(row.reason).toContain("Authorization expired after 90 days without use");
    // Later callers fail at once, without asking the provider again.
    const before = refreshRequests().length;
    await expect(getAccessToken()).rejects.toBeInstanceOf(ReauthorizationNeededError);
    expect(refreshRequests()).toHaveLength(before);
    expect(await db().auditEvent.count({ where: { action: "oauth.reauth_needed" } })).toBe(1);
    // And Authorize brings it back.
    mock.failRefreshes(false);
    expect((await authorize()).outcome.ok).toBe(true);
    expect((await getAccessToken()).accessToken).toBe(mock.issued.accessTokens.at(-1));
  });

  it("a revoked refresh token (unknown to the provider) is invalid_grant too", async () => {
    await authorize();
    mock.revokeAll();
    await expireAccessToken();
    await expect(getAccessToken()).rejects.toBeInstanceOf(ReauthorizationNeededError);
  });

  it("a transient failure (wrong client secret, network) keeps the connection and says why", async () => {
    await authorize();
    await expireAccessToken();
    await patchService(OAUTH_PROVIDER_PID, { clientSecret: "rotated-at-the-provider" });
    const err = await getAccessToken().catch((e) => e);
    expect(err).toBeInstanceOf(OAuthUnavailableError);
    expect(err).toMatchObject({ kind: "refresh_failed", transient: false });
    expect(err.message).toContain("Client ID or secret rejected");
    let row = (await readConnection())!;
    expect(row).toMatchObject({ status: "connected", lastRefreshOk: false, leaseOwner: null });
    expect(row.refreshToken).toMatch(/^enc:v1:/);
    // Provider unreachable: transient.
    await patchService(OAUTH_PROVIDER_PID, { clientSecret: mock.clientSecret, refreshUrl: "http://127.0.0.1:9/token" });
    // (the refresh URL's origin changed, so the tokens are refused before any request)
    await expect(getAccessToken()).rejects.toBeInstanceOf(ReauthorizationNeededError);
    await patchService(OAUTH_PROVIDER_PID, { refreshUrl: `${mock.url}/nowhere` });
    const net = await getAccessToken().catch((e) => e);
    expect(net).toBeInstanceOf(OAuthUnavailableError);
    row = (await readConnection())!;
    expect(row.status).toBe("connected");
  });

  it("never sends a refresh token to another app or token server than the one that issued it", async () => {
    await authorize();
    await expireAccessToken();
    await patchService(OAUTH_PROVIDER_PID, { clientId: "another-app" });
    const err = await getAccessToken().catch((e) => e);
    expect(err).toBeInstanceOf(ReauthorizationNeededError);
    expect(err.reason).toContain("settings changed");
    expect(refreshRequests()).toHaveLength(0);
  });

  it("tokens sealed with another secrets key mean re-authorization, not a crash", async () => {
    await authorize();
    await expireAccessToken();
    await db().oAuthConnection.update({ where: { id: "mail" }, data: { refreshToken: "enc:v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" } });
    const err = await getAccessToken().catch((e) => e);
    expect(err).toBeInstanceOf(ReauthorizationNeededError);
    expect(err.reason).toContain("cannot be decrypted");
    expect(refreshRequests()).toHaveLength(0);
  });

  it("says 'not connected' before Authorize and after Disconnect", async () => {
    await expect(getAccessToken()).rejects.toMatchObject({ kind: "not_connected" });
    await authorize();
    expect(await disconnect(ADMIN.email)).toBe(true);
    const row = (await readConnection())!;
    expect(row).toMatchObject({ status: "disconnected", accessToken: null, refreshToken: null });
    await expect(getAccessToken()).rejects.toMatchObject({ kind: "not_connected" });
  });

  it("takes over a refresh token entered in the configuration (import path), once", async () => {
    // Obtain a real refresh token from the provider outside Herald, as an admin would.
    await authorize();
    const manual = mock.issued.refreshTokens.at(-1)!;
    await disconnect(ADMIN.email);
    await patchService(OAUTH_PROVIDER_PID, { refreshToken: manual });
    const t = await getAccessToken();
    expect(t.refreshed).toBe(true);
    expect(refreshRequests().at(-1)!.refreshToken).toBe(manual);
    let row = (await readConnection())!;
    expect(row).toMatchObject({ status: "connected", source: "config", account: "mailer@herald.test" });
    // The rotated token lives in the token store; the configuration is not re-imported on top of it.
    await expireAccessToken();
    await getAccessToken();
    expect(refreshRequests().at(-1)!.refreshToken).not.toBe(manual);
    row = (await readConnection())!;
    expect(row.source).toBe("config");
    expect(await db().configVersion.count({ where: { pid: OAUTH_PROVIDER_PID } })).toBe(2); // no version per refresh
  });

  it("waits for another process that holds the refresh lease and uses its token", async () => {
    await authorize();
    await expireAccessToken();
    // Another process took the lease a moment ago and is talking to the provider.
    await db().oAuthConnection.update({ where: { id: "mail" }, data: { leaseOwner: "other-process", leaseUntil: new Date(Date.now() + 30_000) } });
    const waiting = getAccessToken();
    // Lets the caller reach its wait for the lease before the other process finishes. Too short a
    // pause cannot fail the test (the caller would find the token at once); it only makes the
    // scenario under test the likely one.
    await new Promise((r) => setTimeout(r, 300));
    const { sealToken } = await import("./connection");
    await db().oAuthConnection.update({
      where: { id: "mail" },
      data: { accessToken: sealToken("token-from-other-process", "accessToken"), accessTokenIssuedAt: new Date(), accessTokenExpiresAt: new Date(Date.now() + 600_000), leaseOwner: null, leaseUntil: null, version: { increment: 1 } },
    });
    expect((await waiting).accessToken).toBe("token-from-other-process");
    expect(refreshRequests()).toHaveLength(0);
  });

  it("takes over a lease whose holder died", async () => {
    await authorize();
    await expireAccessToken();
    await db().oAuthConnection.update({ where: { id: "mail" }, data: { leaseOwner: "crashed-process", leaseUntil: new Date(Date.now() - 1) } });
    const t = await getAccessToken();
    expect(t.refreshed).toBe(true);
    expect(refreshRequests()).toHaveLength(1);
    expect((await readConnection())!.leaseOwner).toBeNull();
    expect(leaseOwner()).toMatch(/^\d+-[0-9a-f]{8}$/);
  });

  it("separate processes on one database refresh once between them", async () => {
    await authorize();
    await expireAccessToken();
    mock.setDelay(2500);
    const child = runChild(5);
    // Wait until the child holds the lease, then ask from this process as well.
    for (let i = 0; i < 200; i++) {
      const row = await readConnection();
      if (row?.leaseOwner) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await readConnection())!.leaseOwner).not.toBe(leaseOwner());
    const here = await getAccessToken();
    const there = await child;
    expect(there.filter((r) => !r.ok)).toEqual([]);
    expect(new Set([here.accessToken, ...there.map((r) => r.token)]).size).toBe(1);
    expect(here.refreshed).toBe(false);
    expect(refreshRequests()).toHaveLength(1);
    // Two more processes at once, after the token expired again.
    await expireAccessToken();
    mock.setDelay(1500);
    const both = (await Promise.all([runChild(4), runChild(4)])).flat();
    expect(both.every((r) => r.ok)).toBe(true);
    expect(new Set(both.map((r) => r.token)).size).toBe(1);
    expect(refreshRequests()).toHaveLength(2);
  }, 60_000);
});

describe("secrets stay out of logs", () => {
  let spies: ReturnType<typeof vi.spyOn>[] = [];
  const logged: string[] = [];
  beforeEach(() => {
    logged.length = 0;
    spies = (["log", "info", "warn", "error", "debug"] as const).map((m) => vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))));
  });
  afterEach(() => spies.forEach((s) => s.mockRestore()));

  it("no token appears in anything written to the console through a whole lifecycle", async () => {
    await authorize();
    await expireAccessToken();
    await getAccessToken();
    mock.failRefreshes();
    await expireAccessToken();
    await getAccessToken().catch(() => undefined);
    const text = logged.join("\n");
    for (const t of [...mock.issued.accessTokens, ...mock.issued.refreshTokens]) expect(text).not.toContain(t);
    // and the reason stored for the page names no token either
    const row = (await readConnection())!;
    for (const t of mock.issued.refreshTokens) expect(`${row.reason} ${row.lastRefreshError}`).not.toContain(t);
  });
});
