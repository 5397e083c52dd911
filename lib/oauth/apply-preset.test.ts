import { describe, it, expect, beforeEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { AppError } from "@/lib/errors";
import { effectiveConfig, latestVersion, saveServiceConfig, storedValues } from "@/lib/config/store";
import { MAIL_SERVICE_PID, OAUTH_PROVIDER_PID } from "@/lib/config/services";
import { applyPreset } from "./apply-preset";
import { presetValues } from "./presets";

const form = (over: Record<string, unknown> = {}) => ({
  preset: "google",
  tenant: "",
  clientId: "123-abc.apps.googleusercontent.com",
  clientSecret: "GOCSPX-secret-value",
  ...presetValues("google"),
  redirectUrl: "https://herald.example.com/api/mailer/oauth2/token",
  mailbox: "notify@example.com",
  fromAddress: "Notifications <notify@example.com>",
  ...over,
});

describe("applyPreset", () => {
  beforeEach(() => {
    useFreshDataDir();
  });

  it("writes the OAuth2 provider and the Mail Service (OAuth flow on) as new versions", async () => {
    const r = await applyPreset(form(), "ada@herald.test");
    expect(r.oauthVersion).toBe(1);
    expect(r.mailVersion).toBe(1);
    const oauth = await effectiveConfig(OAUTH_PROVIDER_PID);
    expect(oauth).toMatchObject({ authUrl: "https://accounts.google.com/o/oauth2/v2/auth", tokenUrl: "https://oauth2.googleapis.com/token", clientId: "123-abc.apps.googleusercontent.com", clientSecret: "GOCSPX-secret-value", authCodeRedirectUrl: "https://herald.example.com/api/mailer/oauth2/token" });
    expect(oauth.scopes).toContain("https://mail.google.com/");
    expect(String((await storedValues(OAUTH_PROVIDER_PID)).clientSecret)).toMatch(/^enc:v1:/);
    const mail = await effectiveConfig(MAIL_SERVICE_PID);
    expect(mail).toMatchObject({ "smtp.host": "smtp.gmail.com", "smtp.port": 587, "smtp.starttls": true, "smtp.requiretls": true, "smtp.ssl": false, "smtp.user": "notify@example.com", "oauth.flow": true });
    expect((await latestVersion(MAIL_SERVICE_PID))!.note).toBe("OAuth2 preset: Google (Gmail / Workspace)");
  });

  it("keeps the stored client secret when the field is left blank, and keeps unrelated Mail Service settings", async () => {
    await saveServiceConfig(MAIL_SERVICE_PID, { "smtp.host": "relay.local", "smtp.port": 25, "from.address": "x@example.com", "debug.email": true, "smtp.password": "old-pass-123" }, { actor: "t" });
    await applyPreset(form(), "ada@herald.test");
    await applyPreset(form({ preset: "microsoft", tenant: "organizations", clientSecret: "", ...presetValues("microsoft") }), "ada@herald.test");
    expect((await effectiveConfig(OAUTH_PROVIDER_PID)).clientSecret).toBe("GOCSPX-secret-value");
    const mail = await effectiveConfig(MAIL_SERVICE_PID);
    expect(mail).toMatchObject({ "smtp.host": "smtp.office365.com", "debug.email": true, "smtp.password": "old-pass-123" });
  });

  it("refuses bad input field by field and saves nothing", async () => {
    const err = await applyPreset(form({ preset: "microsoft", tenant: "nope nope", smtpPort: 24, scopes: [] }), "a").catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.fields.tenant[0]).toMatch(/is not a tenant/);
    expect(err.fields.smtpPort[0]).toBe("SMTP port must be between 25 and 65535.");
    expect(err.fields.scopes[0]).toBe("Add at least one scope.");
    expect(await latestVersion(OAUTH_PROVIDER_PID)).toBeNull();
    expect(await latestVersion(MAIL_SERVICE_PID)).toBeNull();
  });

  it("maps the services' own rules back to the form's fields", async () => {
    const err = await applyPreset(form({ fromAddress: "not an address" }), "a").catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(Object.keys(err.fields)).toEqual(["fromAddress"]);
    expect(await latestVersion(MAIL_SERVICE_PID)).toBeNull();
  });
});
