// The client secret never travels over plain http to another machine —
// refused when saved, and again when used (settings stored before the rule, or from placeholders).
import { describe, it, expect, beforeAll, afterAll, beforeEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { db } from "@/lib/db/client";
import { OAUTH_PROVIDER_PID } from "@/lib/config/services";
import { oauthProvider } from "@/lib/config/services/oauth-provider";
import { validateValues } from "@/lib/config/validate";
import { startMockProvider, type MockProvider } from "./testing/mock-provider";
import { configure, ADMIN } from "./testing/setup";
import { beginAuthorization } from "./flow";
import { postTokenRequest } from "./http";
import { presetFormSchema } from "./presets";

let mock: MockProvider;
beforeAll(async () => {
  mock = await startMockProvider({ accessTtl: 600 });
});
afterAll(async () => mock?.stop());
beforeEach(() => {
  useFreshDataDir();
  mock.reset();
});

const HTTPS = /must start with https:\/\/ — over plain http the client secret and tokens would travel unencrypted/;

describe("OAuth2 URLs must be https except on loopback", () => {
  it("refuses http authorization, token and refresh URLs to another machine when saved or imported", () => {
    const base = { authUrl: "https://login.example.com/auth", tokenUrl: "https://login.example.com/token", scopes: ["x"], clientId: "c" };
    for (const key of ["authUrl", "tokenUrl", "refreshUrl"] as const) {
      const r = validateValues(oauthProvider, { ...base, [key]: "http://login.example.com/x" });
      expect(r.ok, key).toBe(false);
      expect(!r.ok && r.fieldErrors[key]?.[0]).toMatch(HTTPS);
    }
    for (const loopback of ["http://127.0.0.1:8080/token", "http://localhost/token", "http://[::1]:9/token", "http://127.8.9.10/token"]) {
      expect(validateValues(oauthProvider, { ...base, tokenUrl: loopback }).ok, loopback).toBe(true);
    }
    const preset = presetFormSchema.safeParse({ preset: "custom", clientId: "c", authUrl: "https://a.example/auth", tokenUrl: "http://a.example/token", refreshUrl: "http://a.example/r", scopes: ["x"], redirectUrl: "http://127.0.0.1/cb", smtpHost: "smtp.example.com", smtpPort: 587, security: "starttls", mailbox: "a@b.co", fromAddress: "a@b.co" });
    const fields = Object.fromEntries(preset.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(fields.tokenUrl).toMatch(HTTPS);
    expect(fields.refreshUrl).toMatch(HTTPS);
  });

  it("refuses to use an http token URL stored before the rule, before any request is made", async () => {
    await configure(mock);
    // As an older Herald stored it: straight into the table, past today's validation.
    const row = await db().configVersion.findFirst({ where: { pid: OAUTH_PROVIDER_PID }, orderBy: { version: "desc" } });
    const values = { ...JSON.parse(row!.values), tokenUrl: "http://login.example.com/token" };
    await db().configVersion.create({ data: { pid: OAUTH_PROVIDER_PID, version: row!.version + 1, values: JSON.stringify(values), changes: "[]", actor: ADMIN.email } });
    await expect(beginAuthorization(ADMIN)).rejects.toThrow(/^Token URL must start with https:\/\//);
    await expect(postTokenRequest("http://login.example.com/token", { client_secret: "s3cret" })).rejects.toThrow(HTTPS);
  });
});
