import { describe, it, expect, beforeAll, afterAll, beforeEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { db } from "@/lib/db/client";
import { MAIL_SERVICE_PID, OAUTH_PROVIDER_PID } from "@/lib/config/services";
import { startMockProvider, type MockProvider } from "./testing/mock-provider";
import { authorize, configure, patchService } from "./testing/setup";
import { oauthHealth } from "./health";
import { markReauthNeeded } from "./connection";

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider({ accessTtl: 600 });
});
afterAll(async () => mock?.stop());
beforeEach(() => {
  useFreshDataDir();
  mock.reset();
});

const DAY = 86_400_000;

describe("token health", () => {
  it("walks from 'not configured' to 'not connected' to 'connected' with the details the panel shows", async () => {
    let h = await oauthHealth();
    expect(h.status).toBe("not_configured");
    expect(h.headline).toContain("Authorization URL");
    await configure(mock);
    h = await oauthHealth();
    expect(h.status).toBe("not_connected");
    expect(h.provider).toMatchObject({ complete: true, kind: "custom", clientSecretSet: true, redirectUrlConfigured: true });
    expect(h.mail).toMatchObject({ host: "127.0.0.1", user: "mailer@herald.test", oauthFlow: true });
    await authorize();
    h = await oauthHealth();
    expect(h.status).toBe("connected");
    expect(h.headline).toBe("Connected as mailer@herald.test");
    const c = h.connection!;
    expect(c).toMatchObject({ status: "connected", account: "mailer@herald.test", hasRefreshToken: true, missingScopes: [], refreshCount: 0 });
    expect(Date.parse(c.accessTokenExpiresAt!) - Date.now()).toBeGreaterThan(590_000);
    // Browser-safe: no token, sealed value or secret anywhere in it.
    const json = JSON.stringify(h);
    for (const t of [...mock.issued.accessTokens, ...mock.issued.refreshTokens, mock.clientSecret]) expect(json).not.toContain(t);
    expect(json).not.toContain("enc:v1:");
  });

  it("shows re-authorization needed with the reason", async () => {
    await configure(mock);
    await authorize();
    await markReauthNeeded("Re-authorization needed: the refresh token was rejected. Authorize again.", { lastRefreshError: "invalid_grant" });
    const h = await oauthHealth();
    expect(h.status).toBe("reauth_needed");
    expect(h.connection).toMatchObject({ status: "reauth_needed", hasRefreshToken: false, accessTokenExpiresAt: null, lastRefreshOk: false, lastRefreshError: "invalid_grant" });
    expect(h.connection!.reason).toContain("the refresh token was rejected");
  });

  it("warns before Google's 7-day limit for apps in testing, and about Microsoft's 90 days idle", async () => {
    await configure(mock);
    await authorize();
    await db().oAuthConnection.update({ where: { id: "mail" }, data: { providerKind: "google", refreshTokenIssuedAt: new Date(Date.now() - 2 * DAY) } });
    let notes = (await oauthHealth()).connection!.notes;
    expect(notes.find((n) => n.message.includes("7 days"))?.level).toBe("info");
    await db().oAuthConnection.update({ where: { id: "mail" }, data: { refreshTokenIssuedAt: new Date(Date.now() - 6 * DAY) } });
    notes = (await oauthHealth()).connection!.notes;
    expect(notes.find((n) => n.message.includes("7 days"))).toMatchObject({ level: "warning" });
    expect(notes.find((n) => n.message.includes("7 days"))!.message).toContain("6 days so far");
    await db().oAuthConnection.update({ where: { id: "mail" }, data: { providerKind: "microsoft", refreshTokenIssuedAt: new Date(Date.now() - 80 * DAY), lastRefreshAt: null } });
    notes = (await oauthHealth()).connection!.notes;
    expect(notes.find((n) => n.message.includes("90 days"))).toMatchObject({ level: "warning" });
    // A refresh resets Microsoft's idle clock.
    await db().oAuthConnection.update({ where: { id: "mail" }, data: { lastRefreshAt: new Date() } });
    expect((await oauthHealth()).connection!.notes.some((n) => n.message.includes("90 days"))).toBe(false);
  });

  it("honours the configured refresh token expiry (AEM's refreshTokenExpiry)", async () => {
    await configure(mock);
    await authorize();
    await patchService(OAUTH_PROVIDER_PID, { refreshTokenExpiry: 3600 });
    await db().oAuthConnection.update({ where: { id: "mail" }, data: { refreshTokenIssuedAt: new Date(Date.now() - 3000_000) } });
    expect((await oauthHealth()).connection!.notes.some((n) => n.level === "warning" && n.message.includes("refresh token expires on"))).toBe(true);
    await db().oAuthConnection.update({ where: { id: "mail" }, data: { refreshTokenIssuedAt: new Date(Date.now() - 4000_000) } });
    const h = await oauthHealth();
    expect(h.connection!.notes.some((n) => n.level === "error" && n.message.includes("passed"))).toBe(true);
    expect(h.status).toBe("attention");
  });

  it("flags a mailbox that is not the SMTP user, and provider settings changed since authorization", async () => {
    await configure(mock);
    await authorize();
    await patchService(MAIL_SERVICE_PID, { "smtp.user": "someone-else@herald.test" });
    let h = await oauthHealth();
    expect(h.status).toBe("attention");
    expect(h.connection!.notes.map((n) => n.message).join(" ")).toContain("the Mail Service's SMTP user is someone-else@herald.test");
    await patchService(OAUTH_PROVIDER_PID, { clientId: "another-client" });
    h = await oauthHealth();
    expect(h.status).toBe("reauth_needed");
    expect(h.connection!.settingsChanged).toBe(true);
  });

  it("refuses plain http token URLs to other machines and warns about scope problems", async () => {
    await configure(mock);
    // Plain http to another machine is refused when saved: the client secret would cross the network in clear.
    await expect(patchService(OAUTH_PROVIDER_PID, { tokenUrl: "http://oauth2.googleapis.com/token" })).rejects.toMatchObject({
      fields: { tokenUrl: [expect.stringMatching(/^Token URL must start with https:\/\/ — over plain http the client secret/)] },
    });
    await patchService(OAUTH_PROVIDER_PID, { tokenUrl: "https://oauth2.googleapis.com/token", authUrl: "https://accounts.google.com/o/oauth2/v2/auth", scopes: ["https://www.googleapis.com/auth/gmail.send"] });
    const h = await oauthHealth();
    expect(h.provider.kind).toBe("google");
    expect(h.provider.scopeNotes.map((n) => n.code)).toContain("google_mail_scope_missing");
  });
});
