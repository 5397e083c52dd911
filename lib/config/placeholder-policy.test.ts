// Placeholders read only the variables the operator designates for the
// configuration; Herald's own settings never; a $[secret:…] never lands where values are shown.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { strToU8 } from "fflate";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { db } from "@/lib/db/client";
import { env, placeholderEnv, placeholderPolicy, resetEnvCache } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { DEFAULT_CONFIG_VARS, makePlaceholderPolicy } from "./placeholder-policy";
import { effectiveConfig, saveServiceConfig, serviceState } from "./store";
import { planUpload } from "./import-apply";
import { sendTestEmailWithForm } from "@/lib/smtp/test-email";
import { MAIL_SERVICE_PID, OAUTH_PROVIDER_PID } from "./services";
import { beginAuthorization } from "@/lib/oauth/flow";

const GOOD = { "smtp.host": "smtp.example.com", "smtp.port": 587, "smtp.user": "mailer", "from.address": "Herald <herald@example.com>", "smtp.starttls": true };
const ADMIN_PASSWORD = "hunter2-admin-password-xyz";
const DB_URL_MARK = "postgresql://herald:db-password-abc@db.internal:5432/herald";
const saved = { ...process.env };

beforeEach(() => {
  useFreshDataDir();
  process.env.HERALD_ADMIN_PASSWORD = ADMIN_PASSWORD;
  process.env.HERALD_SMTP_HOST_FROM_ENV = "smtp.from-env.example";
  process.env.UNLISTED_VARIABLE = "unlisted-value";
  process.env.NEXTAUTH_SECRET = "n".repeat(40);
  delete process.env.HERALD_CONFIG_VARS;
  resetEnvCache();
});
afterEach(() => {
  for (const k of ["HERALD_ADMIN_PASSWORD", "HERALD_SMTP_HOST_FROM_ENV", "UNLISTED_VARIABLE", "NEXTAUTH_SECRET", "HERALD_CONFIG_VARS", "ACME_SMTP_USER"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetEnvCache();
});

/** The field errors of a save, or [] when it was stored. */
async function saveErrors(pid: string, values: Record<string, unknown>): Promise<Record<string, string[]>> {
  try {
    await saveServiceConfig(pid, values, { actor: "admin@herald.test" });
    return {};
  } catch (e) {
    if (e instanceof AppError) return e.fields ?? { _: [e.message] };
    throw e;
  }
}

/** Stores values as an older Herald did: straight into the table, past today's checks. */
async function storeUnchecked(pid: string, values: Record<string, unknown>) {
  const last = await db().configVersion.findFirst({ where: { pid }, orderBy: { version: "desc" } });
  await db().configVersion.create({ data: { pid, version: (last?.version ?? 0) + 1, values: JSON.stringify(values), changes: "[]", actor: "old-herald" } });
}

describe("the policy", () => {
  it("allows the designated names and prefixes, never Herald's own settings", () => {
    const p = makePlaceholderPolicy(["ACME_*", "SMTP_PASSWORD", "*"], ["DATABASE_URL", "HERALD_SECRET_KEY"]);
    expect(p.refusal("ACME_HOST")).toBeNull();
    expect(p.refusal("DATABASE_URL")).toMatch(/one of Herald's own settings/);
    expect(p.refusal("NEXTAUTH_SECRET")).toMatch(/one of Herald's own settings/);
    const strict = makePlaceholderPolicy(["ACME_*"], []);
    expect(strict.refusal("ACME_X")).toBeNull();
    expect(strict.refusal("OTHER")).toMatch(/not a configuration variable: placeholders may only read the variables listed in HERALD_CONFIG_VARS \(now ACME_\*\)/);
  });

  it("defaults to the names Herald's exports write, and no own setting is among them", () => {
    const p = placeholderPolicy();
    for (const name of ["HERALD_SMTP_PASSWORD", "HERALD_OAUTH_CLIENT_SECRET", "HERALD_OAUTH_REFRESH_TOKEN"]) expect(p.refusal(name), name).toBeNull();
    for (const name of ["DATABASE_URL", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "HERALD_SECRET_KEY", "HERALD_ADMIN_PASSWORD", "HERALD_METRICS_TOKEN", "HERALD_CONFIG_VARS", "PATH", "HOME"]) {
      expect(p.refusal(name), name).not.toBeNull();
    }
    expect(DEFAULT_CONFIG_VARS).toContain("HERALD_SMTP_*");
    // The environment placeholders see holds nothing else either.
    const visible = placeholderEnv();
    expect(visible.HERALD_SMTP_HOST_FROM_ENV).toBe("smtp.from-env.example");
    for (const name of ["HERALD_ADMIN_PASSWORD", "NEXTAUTH_SECRET", "UNLISTED_VARIABLE", "PATH"]) expect(visible[name], name).toBeUndefined();
  });

  it("HERALD_CONFIG_VARS replaces the default; naming an own setting there stops the start", () => {
    process.env.HERALD_CONFIG_VARS = "ACME_*, SMTP_PASSWORD";
    resetEnvCache();
    expect(placeholderPolicy().refusal("ACME_SMTP_USER")).toBeNull();
    expect(placeholderPolicy().refusal("HERALD_SMTP_PASSWORD")).not.toBeNull();
    process.env.HERALD_CONFIG_VARS = "ACME_*,DATABASE_URL";
    resetEnvCache();
    expect(() => env()).toThrow(/HERALD_CONFIG_VARS: DATABASE_URL is one of Herald's own settings/);
    process.env.HERALD_CONFIG_VARS = "ACME-*";
    resetEnvCache();
    expect(() => env()).toThrow(/HERALD_CONFIG_VARS: "ACME-\*" is not a variable name or a prefix/);
  });
});

describe("refused when saved or imported", () => {
  it("names the field and the variable, and stores nothing", async () => {
    expect(await saveErrors(MAIL_SERVICE_PID, { ...GOOD, "smtp.user": "$[env:DATABASE_URL]" })).toEqual({
      "smtp.user": [expect.stringMatching(/^SMTP user: \$\[env:DATABASE_URL\] cannot be used: DATABASE_URL is one of Herald's own settings/)],
    });
    expect((await saveErrors(MAIL_SERVICE_PID, { ...GOOD, "smtp.host": "$[env:HERALD_ADMIN_PASSWORD]" }))["smtp.host"]?.[0]).toMatch(/HERALD_ADMIN_PASSWORD is one of Herald's own settings/);
    expect((await saveErrors(MAIL_SERVICE_PID, { ...GOOD, "smtp.user": "$[env:UNLISTED_VARIABLE]" }))["smtp.user"]?.[0]).toMatch(/UNLISTED_VARIABLE is not a configuration variable/);
    expect((await saveErrors(MAIL_SERVICE_PID, { ...GOOD, "smtp.host": "$[secret:HERALD_SMTP_HOST_FROM_ENV]" }))["smtp.host"]?.[0]).toMatch(/is a secret placeholder, and SMTP server host name is not a secret field/);
    expect((await saveErrors(OAUTH_PROVIDER_PID, { authUrl: "https://a.example/auth", tokenUrl: "https://a.example/token", scopes: ["x"], clientId: "$[env:DATABASE_URL]" })).clientId?.[0]).toMatch(/DATABASE_URL is one of Herald's own settings/);
    expect(await db().configVersion.count()).toBe(0);
    // A designated one is fine.
    expect(await saveErrors(MAIL_SERVICE_PID, { ...GOOD, "smtp.host": "$[env:HERALD_SMTP_HOST_FROM_ENV]" })).toEqual({});
    expect((await effectiveConfig(MAIL_SERVICE_PID))["smtp.host"]).toBe("smtp.from-env.example");
  });

  it("an imported file gets the same refusal in its plan", async () => {
    const file = JSON.stringify({ ...GOOD, "smtp.user": "$[env:NEXTAUTH_SECRET]" });
    const { plan } = await planUpload(`${MAIL_SERVICE_PID}.cfg.json`, strToU8(file));
    expect(plan.applicable).toBe(false);
    expect(plan.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^SMTP user: \$\[env:NEXTAUTH_SECRET\] cannot be used: NEXTAUTH_SECRET is one of Herald's own settings/)]);
  });

  it("the test email refuses the form before any connection, and never shows the value", async () => {
    const err = await sendTestEmailWithForm({ ...GOOD, "smtp.host": "$[env:HERALD_ADMIN_PASSWORD]" }, [], "to@example.com", "test-admin").catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(JSON.stringify({ m: (err as AppError).message, f: (err as AppError).fields })).not.toContain(ADMIN_PASSWORD);
    expect((err as AppError).fields?.["smtp.host"]?.[0]).toMatch(/HERALD_ADMIN_PASSWORD is one of Herald's own settings/);
  });
});

describe("refused again when used (values stored before the rule)", () => {
  it("the Mail Service: an error naming the variable, never its value (the DNS-error case)", async () => {
    await storeUnchecked(MAIL_SERVICE_PID, { ...GOOD, "smtp.host": "$[env:HERALD_ADMIN_PASSWORD]" });
    const err = await effectiveConfig(MAIL_SERVICE_PID).catch((e: Error) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as Error).message).toMatch(/^SMTP server host name: \$\[env:HERALD_ADMIN_PASSWORD\] cannot be used: HERALD_ADMIN_PASSWORD is one of Herald's own settings/);
    expect((err as Error).message).not.toContain(ADMIN_PASSWORD);
    const state = await serviceState(MAIL_SERVICE_PID);
    expect(state.missingPlaceholders).toEqual([expect.objectContaining({ key: "smtp.host", refused: expect.stringMatching(/own settings/) })]);
  });

  it("the OAuth2 authorize redirect is never built from an own setting (the Location-header case)", async () => {
    process.env.DATABASE_URL_FOR_TEST = DB_URL_MARK;
    await storeUnchecked(OAUTH_PROVIDER_PID, { authUrl: "https://a.example/auth", tokenUrl: "https://a.example/token", scopes: ["x"], clientId: "$[env:NEXTAUTH_SECRET]", authCodeRedirectUrl: "http://127.0.0.1:3999/api/mailer/oauth2/token" });
    const err = await beginAuthorization({ id: "u1" }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/Client ID: \$\[env:NEXTAUTH_SECRET\] cannot be used: NEXTAUTH_SECRET is one of Herald's own settings/);
    expect((err as Error).message).not.toContain("n".repeat(40));
    delete process.env.DATABASE_URL_FOR_TEST;
  });

  it("a $[secret:…] stored in a field that is shown is refused at use", async () => {
    process.env.HERALD_SMTP_SECRET_HOST = "secret-host-value";
    await storeUnchecked(MAIL_SERVICE_PID, { ...GOOD, "smtp.host": "$[secret:HERALD_SMTP_SECRET_HOST]" });
    const err = await effectiveConfig(MAIL_SERVICE_PID).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/is a secret placeholder, and SMTP server host name is not a secret field/);
    expect((err as Error).message).not.toContain("secret-host-value");
    delete process.env.HERALD_SMTP_SECRET_HOST;
  });
});
