import { describe, it, expect, beforeEach } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { testEngine, useFreshDataDir } from "@/lib/testing/temp-data";
import { failInserts as failInsertsInto, rows } from "@/lib/testing/db";
import { saveServiceConfig, saveManyServiceConfigs, serviceState, listVersions, restoreVersion, effectiveConfig, storedValues, latestVersion } from "./store";
import { MAIL_SERVICE_PID, OAUTH_PROVIDER_PID, EMAIL_CHANNEL_PID } from "./services";
import { AppError } from "@/lib/errors";

/**
 * Everything the database holds, as text: the SQLite file with its WAL, byte for byte; on
 * PostgreSQL every row of every table in the test's schema.
 */
async function databaseText(dir: string): Promise<string> {
  if (testEngine() === "sqlite") {
    return fs.readdirSync(dir).filter((f) => f.startsWith("herald.db")).map((f) => fs.readFileSync(path.join(dir, f)).toString("latin1")).join("");
  }
  const tables = await rows<{ name: string }>(`SELECT "table_name" AS "name" FROM information_schema.tables WHERE "table_schema" = current_schema()`);
  expect(tables.length).toBeGreaterThan(0);
  let out = "";
  for (const t of tables) for (const r of await rows<{ row: string }>(`SELECT t::text AS "row" FROM "${t.name}" t`)) out += r.row + "\n";
  return out;
}

const GOOD = { "smtp.host": "smtp.example.com", "smtp.port": 587, "smtp.user": "mailer", "from.address": "Herald <herald@example.com>", "smtp.starttls": true };

describe("config store", () => {
  let dir: string;
  beforeEach(() => {
    dir = useFreshDataDir();
  });

  it("reports defaults for a service never saved", async () => {
    const s = await serviceState(MAIL_SERVICE_PID);
    expect(s.configured).toBe(false);
    expect(s.version).toBeNull();
    expect(s.values["smtp.port"]).toBe(25);
    expect(s.values["smtp.password"]).toEqual({ set: false });
  });

  it("saves a version with who and what changed, and seals the password", async () => {
    const r = await saveServiceConfig(MAIL_SERVICE_PID, { ...GOOD, "smtp.password": "hunter2-secret!" }, { actor: "ada@example.com" });
    expect(r.saved).toBe(true);
    expect(r.version).toBe(1);
    const state = await serviceState(MAIL_SERVICE_PID);
    expect(state.configured).toBe(true);
    expect(state.updatedBy).toBe("ada@example.com");
    expect(state.values["smtp.password"]).toEqual({ set: true });
    expect(JSON.stringify(state)).not.toContain("hunter2");
    const stored = await storedValues(MAIL_SERVICE_PID);
    expect(String(stored["smtp.password"])).toMatch(/^enc:v1:/);
    const eff = await effectiveConfig(MAIL_SERVICE_PID);
    expect(eff["smtp.password"]).toBe("hunter2-secret!");
    // Not in clear anywhere in the database (SQLite: the file, WAL included; PostgreSQL: every row).
    const bytes = await databaseText(dir);
    expect(bytes).toContain("smtp.example.com");
    expect(bytes).not.toContain("hunter2");
    // Secret key file is private.
    expect(fs.statSync(path.join(dir, "secret.key")).mode & 0o777).toBe(0o600);
  });

  it("keeps the secret when the form leaves it blank, clears it on request", async () => {
    await saveServiceConfig(MAIL_SERVICE_PID, { ...GOOD, "smtp.password": "pw-one-1234" }, { actor: "a" });
    const r2 = await saveServiceConfig(MAIL_SERVICE_PID, { ...GOOD, "smtp.port": 2525, "smtp.password": "" }, { actor: "a" });
    expect(r2.changes.map((c) => c.key)).toEqual(["smtp.port"]);
    expect((await effectiveConfig(MAIL_SERVICE_PID))["smtp.password"]).toBe("pw-one-1234");
    const r3 = await saveServiceConfig(MAIL_SERVICE_PID, { ...GOOD, "smtp.port": 2525 }, { actor: "a", clear: ["smtp.password"] });
    expect(r3.changes).toEqual([expect.objectContaining({ key: "smtp.password", secret: "cleared" })]);
    expect((await effectiveConfig(MAIL_SERVICE_PID))["smtp.password"]).toBe("");
  });

  it("stores nothing when a value is invalid and names the field", async () => {
    await saveServiceConfig(MAIL_SERVICE_PID, GOOD, { actor: "a" });
    const err = await saveServiceConfig(MAIL_SERVICE_PID, { ...GOOD, "smtp.port": 24 }, { actor: "a" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fields?.["smtp.port"]?.[0]).toMatch(/25/);
    expect((await listVersions(MAIL_SERVICE_PID)).length).toBe(1);
    expect((await storedValues(MAIL_SERVICE_PID))["smtp.port"]).toBe(587);
  });

  it("refuses unknown keys", async () => {
    await expect(saveServiceConfig(MAIL_SERVICE_PID, { ...GOOD, "smtp.hots": "x" }, { actor: "a" })).rejects.toThrow(/smtp\.hots/);
  });

  it("does not add a version when nothing changed", async () => {
    await saveServiceConfig(MAIL_SERVICE_PID, GOOD, { actor: "a" });
    const again = await saveServiceConfig(MAIL_SERVICE_PID, GOOD, { actor: "a" });
    expect(again.saved).toBe(false);
    expect(await listVersions(MAIL_SERVICE_PID)).toHaveLength(1);
  });

  it("refuses OAuth flow while the OAuth2 provider is incomplete, naming what is missing", async () => {
    const err = await saveServiceConfig(MAIL_SERVICE_PID, { ...GOOD, "oauth.flow": true }, { actor: "a" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/client ID/i);
    await saveServiceConfig(
      OAUTH_PROVIDER_PID,
      { authUrl: "https://login.example.com/auth", tokenUrl: "https://login.example.com/token", clientId: "abc", scopes: ["https://mail.google.com/"] },
      { actor: "a" },
    );
    const ok = await saveServiceConfig(MAIL_SERVICE_PID, { ...GOOD, "oauth.flow": true }, { actor: "a" });
    expect(ok.saved).toBe(true);
  });

  it("restores an older version as a new version", async () => {
    await saveServiceConfig(MAIL_SERVICE_PID, GOOD, { actor: "a" });
    await saveServiceConfig(MAIL_SERVICE_PID, { ...GOOD, "smtp.host": "mail.other.org" }, { actor: "b" });
    const r = await restoreVersion(MAIL_SERVICE_PID, 1, "c");
    expect(r.version).toBe(3);
    expect(r.changes).toEqual([expect.objectContaining({ key: "smtp.host", old: "mail.other.org", new: "smtp.example.com" })]);
    const versions = await listVersions(MAIL_SERVICE_PID);
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(versions[0]!.restoredFrom).toBe(1);
    await expect(restoreVersion(MAIL_SERVICE_PID, 99, "c")).rejects.toThrow(/does not exist/);
  });

  it("resolves $[env:…] placeholders at use time and names a missing variable", async () => {
    await saveServiceConfig(MAIL_SERVICE_PID, { ...GOOD, "smtp.password": "$[env:HERALD_SMTP_TEST_PW]" }, { actor: "a" });
    const state = await serviceState(MAIL_SERVICE_PID);
    expect(state.values["smtp.password"]).toEqual({ set: true, placeholder: "$[env:HERALD_SMTP_TEST_PW]" });
    expect(state.missingPlaceholders.map((m) => m.variable)).toEqual(["HERALD_SMTP_TEST_PW"]);
    await expect(effectiveConfig(MAIL_SERVICE_PID)).rejects.toThrow(/HERALD_SMTP_TEST_PW/);
    process.env.HERALD_SMTP_TEST_PW = "from-env";
    try {
      expect((await effectiveConfig(MAIL_SERVICE_PID))["smtp.password"]).toBe("from-env");
    } finally {
      delete process.env.HERALD_SMTP_TEST_PW;
    }
  });

  describe("audit rows and concurrent edits", () => {
    const auditRows = () => rows<{ action: string; actor: string; target: string; detail: string }>(`SELECT "action", "actor", "target", "detail" FROM "AuditEvent" WHERE "action" LIKE 'config.%' ORDER BY "id"`);

    async function failInserts(table: "ConfigVersion" | "AuditEvent", column: "pid" | "target", value: string) {
      await latestVersion(MAIL_SERVICE_PID); // the schema exists before the trigger is added
      await failInsertsInto(table, column, value);
    }

    it("writes the audit row with the version, and both or neither", async () => {
      const r = await saveServiceConfig(MAIL_SERVICE_PID, GOOD, { actor: "ada@example.com" });
      const audit = await auditRows();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: "config.save", actor: "ada@example.com", target: MAIL_SERVICE_PID });
      expect(JSON.parse(audit[0]!.detail)).toMatchObject({ version: r.version, changes: expect.arrayContaining([expect.objectContaining({ key: "smtp.host", new: "smtp.example.com" })]) });

      // The audit insert fails: the new version is not stored either.
      await failInserts("AuditEvent", "target", MAIL_SERVICE_PID);
      await expect(saveServiceConfig(MAIL_SERVICE_PID, { ...GOOD, "smtp.port": 2525 }, { actor: "bob@example.com" })).rejects.toThrow(/auditEvent\.create|simulated failure/);
      expect((await listVersions(MAIL_SERVICE_PID)).map((v) => v.version)).toEqual([1]);
      expect((await storedValues(MAIL_SERVICE_PID))["smtp.port"]).toBe(587);
      expect(await auditRows()).toHaveLength(1);
    });

    it("rolls back the audit rows already written when a later write of the same change fails", async () => {
      // An import of two services: the first one's version and audit row are written, then the
      // second one's version insert fails.
      await failInserts("ConfigVersion", "pid", EMAIL_CHANNEL_PID);
      const entries = [
        { pid: MAIL_SERVICE_PID, values: { ...(await storedValues(MAIL_SERVICE_PID)), ...GOOD } },
        { pid: EMAIL_CHANNEL_PID, values: { ...(await storedValues(EMAIL_CHANNEL_PID)), "email.from": "Site <site@example.com>" } },
      ];
      await expect(saveManyServiceConfigs(entries, { actor: "ada@example.com", action: "config.import" })).rejects.toThrow(/configVersion\.create|simulated failure/);
      expect(await auditRows()).toEqual([]);
      expect(await listVersions(MAIL_SERVICE_PID)).toEqual([]);

      const ok = await saveManyServiceConfigs(entries.slice(0, 1), { actor: "ada@example.com", action: "config.import", note: "from a file" });
      expect(ok.map((r) => r.version)).toEqual([1]);
      expect((await auditRows()).map((a) => [a.action, a.target, JSON.parse(a.detail).note])).toEqual([["config.import", MAIL_SERVICE_PID, "from a file"]]);
    });

    it("audits a restore with the version it restored", async () => {
      await saveServiceConfig(MAIL_SERVICE_PID, GOOD, { actor: "a" });
      await saveServiceConfig(MAIL_SERVICE_PID, { ...GOOD, "smtp.host": "mail.other.org" }, { actor: "b" });
      await restoreVersion(MAIL_SERVICE_PID, 1, "c");
      const last = (await auditRows()).at(-1)!;
      expect(last).toMatchObject({ action: "config.restore", actor: "c", target: MAIL_SERVICE_PID });
      expect(JSON.parse(last.detail)).toMatchObject({ version: 3, restoredFrom: 1 });
    });

    it("refuses a save made over a change saved since the form was loaded, naming who and when", async () => {
      // Two admins load the form while it is at version 1.
      const first = await saveServiceConfig(MAIL_SERVICE_PID, GOOD, { actor: "ada@example.com" });
      expect(first.version).toBe(1);
      const loaded = 1;
      const bobs = await saveServiceConfig(MAIL_SERVICE_PID, { ...GOOD, "smtp.port": 2525 }, { actor: "bob@example.com", loadedVersion: loaded });
      expect(bobs.version).toBe(2);
      const at = (await latestVersion(MAIL_SERVICE_PID))!.createdAt.toISOString().slice(0, 19).replace("T", " ");

      const err = await saveServiceConfig(MAIL_SERVICE_PID, { ...GOOD, "smtp.host": "mail.ada.org" }, { actor: "ada@example.com", loadedVersion: loaded }).catch((e) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("conflict");
      expect((err as AppError).message).toBe(
        `Not saved: Day CQ Mail Service was changed by bob@example.com at ${at} UTC (version 2) — reload the page to see that change, then make yours again.`,
      );
      // A form-level error, not one of a field.
      expect(Object.keys((err as AppError).fields ?? {})).toEqual(["_form"]);
      expect((await listVersions(MAIL_SERVICE_PID)).map((v) => v.version)).toEqual([2, 1]);
      expect((await storedValues(MAIL_SERVICE_PID))["smtp.host"]).toBe("smtp.example.com");
      expect((await auditRows()).map((a) => a.actor)).toEqual(["ada@example.com", "bob@example.com"]);

      // Reloaded at version 2, the same change goes through.
      const again = await saveServiceConfig(MAIL_SERVICE_PID, { ...GOOD, "smtp.host": "mail.ada.org" }, { actor: "ada@example.com", loadedVersion: 2 });
      expect(again.version).toBe(3);
    });

    it("refuses a form loaded before the first save once someone has saved", async () => {
      await saveServiceConfig(MAIL_SERVICE_PID, GOOD, { actor: "bob@example.com", loadedVersion: null });
      await expect(saveServiceConfig(MAIL_SERVICE_PID, { ...GOOD, "smtp.port": 2525 }, { actor: "ada@example.com", loadedVersion: null })).rejects.toThrow(
        /changed by bob@example\.com at .* UTC \(version 1\) — reload/,
      );
    });
  });
});
