// The token store writes its audit row in the same transaction as the tokens: a failing audit
// insert leaves the tokens as they were, a successful one stores both.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { failInserts, rows } from "@/lib/testing/db";
import { OAUTH_PROVIDER_PID } from "@/lib/config/services";
import { startMockProvider, type MockProvider } from "./testing/mock-provider";
import { ADMIN, authorize, configure, patchService } from "./testing/setup";
import { attemptOutcome } from "./flow";
import { disconnect, importConfigToken, markReauthNeeded, readConnection } from "./connection";
import { loadProviderContext } from "./provider";

process.env.HERALD_SECRET_KEY ??= "7f".repeat(32);

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider({ accessTtl: 600 });
});
afterAll(async () => mock?.stop());
beforeEach(async () => {
  useFreshDataDir();
  mock.reset();
  await configure(mock);
});

const oauthAudit = () => rows<{ action: string; actor: string | null; target: string }>(`SELECT "action", "actor", "target" FROM "AuditEvent" WHERE "action" LIKE 'oauth.%' ORDER BY "id"`);
const TARGET = "com.day.cq.mailer.oauth.impl.OAuthConfigurationProviderImpl";

describe("OAuth audit rows commit with the token writes", () => {
  it("authorize: tokens and audit row together; a failing audit insert stores no tokens and records the attempt as failed", async () => {
    await failInserts("AuditEvent", "action", "oauth.authorize");
    const failed = await authorize();
    expect(failed.outcome).toMatchObject({ ok: false, error: "server", explanation: "Something went wrong on the server; nothing was stored. Try again." });
    expect(await readConnection()).toBeNull();
    expect(await attemptOutcome(failed.attemptId, ADMIN.id)).toMatchObject({ ok: false, error: "server" });
    expect(await oauthAudit()).toEqual([{ action: "oauth.authorize_failed", actor: ADMIN.email, target: TARGET }]);
  });

  it("authorize without a failure stores the tokens and the audit row", async () => {
    const ok = await authorize();
    expect(ok.outcome.ok).toBe(true);
    expect(await readConnection()).toMatchObject({ status: "connected", authorizedBy: ADMIN.email });
    expect(await oauthAudit()).toEqual([{ action: "oauth.authorize", actor: ADMIN.email, target: TARGET }]);
  });

  it("disconnect: a failing audit insert keeps the tokens; then it drops them with its row", async () => {
    await authorize();
    await failInserts("AuditEvent", "actor", "eve@herald.test");
    await expect(disconnect("eve@herald.test")).rejects.toThrow(/simulated failure|auditEvent\.create/);
    const kept = (await readConnection())!;
    expect(kept.status).toBe("connected");
    expect(kept.refreshToken).toMatch(/^enc:v1:/);
    expect((await oauthAudit()).map((r) => r.action)).toEqual(["oauth.authorize"]);

    expect(await disconnect(ADMIN.email)).toBe(true);
    expect(await readConnection()).toMatchObject({ status: "disconnected", accessToken: null, refreshToken: null });
    expect((await oauthAudit()).at(-1)).toEqual({ action: "oauth.disconnect", actor: ADMIN.email, target: TARGET });
  });

  it("reauth_needed: a failing audit insert keeps the connection and its tokens", async () => {
    await authorize();
    await failInserts("AuditEvent", "action", "oauth.reauth_needed");
    await expect(markReauthNeeded("the refresh token was rejected")).rejects.toThrow(/simulated failure|auditEvent\.create/);
    expect((await readConnection())!.status).toBe("connected");
    expect((await oauthAudit()).map((r) => r.action)).toEqual(["oauth.authorize"]);
  });

  it("reauth_needed without a failure stores the status and the audit row", async () => {
    await authorize();
    await markReauthNeeded("the refresh token was rejected");
    expect(await readConnection()).toMatchObject({ status: "reauth_needed", reason: "the refresh token was rejected", refreshToken: null });
    expect((await oauthAudit()).map((r) => r.action)).toEqual(["oauth.authorize", "oauth.reauth_needed"]);
  });

  it("import of a configured refresh token: both or neither", async () => {
    await patchService(OAUTH_PROVIDER_PID, { refreshToken: "a-refresh-token-from-elsewhere" });
    await failInserts("AuditEvent", "action", "oauth.import");
    await expect(importConfigToken(await loadProviderContext())).rejects.toThrow(/simulated failure|auditEvent\.create/);
    expect(await readConnection()).toBeNull();
    expect(await oauthAudit()).toEqual([]);
  });

  it("import without a failure stores the connection and the audit row", async () => {
    await patchService(OAUTH_PROVIDER_PID, { refreshToken: "a-refresh-token-from-elsewhere" });
    expect(await importConfigToken(await loadProviderContext())).toBe(true);
    expect(await readConnection()).toMatchObject({ status: "connected", source: "config" });
    expect(await oauthAudit()).toEqual([{ action: "oauth.import", actor: null, target: TARGET }]);
  });
});
