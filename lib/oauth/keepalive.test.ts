// Keep OAuth alive with no mail at all: against oauth2-mock-server (real token endpoint, rotating
// refresh tokens), with the keep-alive interval shortened to under two seconds.
import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections } from "@/lib/testing/db";
import { resetEnvCache } from "@/lib/env";
import { OutboxWorker } from "@/lib/outbox/worker";
import { startMockProvider, type MockProvider } from "./testing/mock-provider";
import { authorize, configure } from "./testing/setup";
import { oauthHealth } from "./health";
import { keepOAuthAlive } from "./keepalive";

// Above lib/oauth's 5-second de-duplication of forced refreshes (a token minted a moment ago is reused).
const HOURS = 0.002; // 7.2 s
let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider({ accessTtl: 3600 });
});
afterAll(async () => mock?.stop());
beforeEach(async () => {
  process.env.HERALD_OAUTH_KEEPALIVE_HOURS = String(HOURS);
  resetEnvCache();
  useFreshDataDir();
  await closeConnections();
  mock.reset();
});
afterEach(async () => {
  delete process.env.HERALD_OAUTH_KEEPALIVE_HOURS;
  resetEnvCache();
  await closeConnections();
});

const refreshes = () => mock.requests.filter((r) => r.grantType === "refresh_token" && r.status === 200).length;

async function waitFor<T>(fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs: number, what: string): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("OAuth keep-alive", () => {
  it("uses the refresh token once the interval has passed, though the access token is still valid; the panel shows the next planned refresh", async () => {
    await configure(mock);
    await authorize();
    expect(await keepOAuthAlive()).toBe("not-due");
    const before = (await oauthHealth()).connection!;
    const next = Date.parse(before.nextRefreshAt!);
    expect(next - Date.parse(before.authorizedAt)).toBe(HOURS * 3_600_000);
    // The access token lives an hour: nothing but the keep-alive would refresh it now.
    expect(Date.parse(before.accessTokenExpiresAt!) - Date.now()).toBeGreaterThan(3_000_000);
    await waitFor(() => Date.now() > next, 15_000, "the planned refresh time");
    expect(await keepOAuthAlive()).toBe("refreshed");
    expect(refreshes()).toBe(1);
    const after = (await oauthHealth()).connection!;
    expect(after.refreshCount).toBe(1);
    expect(Date.parse(after.nextRefreshAt!)).toBeGreaterThan(next);
    // Not again before the next interval.
    expect(await keepOAuthAlive()).toBe("not-due");
    expect(refreshes()).toBe(1);
  }, 60_000);

  it("an idle worker keeps the authorization alive with no mail to send", async () => {
    await configure(mock);
    await authorize();
    const worker = new OutboxWorker({ pollMs: 100, connections: 1, keepAliveCheckMs: 100, heartbeatMs: 200, log: () => undefined });
    void worker.start();
    try {
      await waitFor(() => refreshes() >= 1, 30_000, "a keep-alive refresh");
    } finally {
      await worker.stop();
    }
    expect((await oauthHealth()).status).toBe("connected");
  }, 60_000);

  it("with the OAuth flow off there is nothing to keep alive", async () => {
    expect(await keepOAuthAlive()).toBe("not-used");
  });
});
