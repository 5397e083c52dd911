import { describe, it, expect, beforeEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { resetEnvCache } from "@/lib/env";
import { saveServiceConfig } from "@/lib/config/store";
import { SIGN_IN_POLICY_PID } from "@/lib/config/services";
import { breakGlassAdmins, currentSignInPolicy, mayUsePassword, totpRequiredFor } from "./sign-in-policy";

describe("sign-in policy", () => {
  beforeEach(() => {
    useFreshDataDir();
    delete process.env.HERALD_BREAK_GLASS_ADMINS;
    resetEnvCache();
  });

  it("defaults: passwords on, no codes required", async () => {
    const p = await currentSignInPolicy();
    expect(p).toEqual({ localPasswords: true, totpRequired: "off" });
    expect(mayUsePassword(p, { email: "a@x.com", role: "author" })).toBe(true);
    expect(totpRequiredFor(p, "admin")).toBe(false);
  });

  it("passwords off: only admins named in HERALD_BREAK_GLASS_ADMINS keep theirs", async () => {
    process.env.HERALD_BREAK_GLASS_ADMINS = " Ops@Example.com , cto@example.com";
    resetEnvCache();
    expect(breakGlassAdmins()).toEqual(["ops@example.com", "cto@example.com"]);
    await saveServiceConfig(SIGN_IN_POLICY_PID, { "local.passwords": false, "totp.required": "admins" }, { actor: "t" });
    const p = await currentSignInPolicy();
    expect(mayUsePassword(p, { email: "ops@example.com", role: "admin" })).toBe(true);
    expect(mayUsePassword(p, { email: "OPS@example.com", role: "admin" })).toBe(true);
    expect(mayUsePassword(p, { email: "cto@example.com", role: "author" })).toBe(false);
    expect(mayUsePassword(p, { email: "other@example.com", role: "admin" })).toBe(false);
    expect(totpRequiredFor(p, "admin")).toBe(true);
    expect(totpRequiredFor(p, "author")).toBe(false);
    expect(totpRequiredFor({ ...p, totpRequired: "everyone" }, "author")).toBe(true);
  });

  it("a bad HERALD_BREAK_GLASS_ADMINS stops with a message naming it", () => {
    process.env.HERALD_BREAK_GLASS_ADMINS = "ops@example.com,not-an-email";
    resetEnvCache();
    expect(() => breakGlassAdmins()).toThrow(/HERALD_BREAK_GLASS_ADMINS: must be a comma-separated list of email addresses/);
  });
});
