import "server-only";
// Stored configuration: one row per saved version of a service (ConfigVersion). The newest row
// is the current configuration; every save, restore and import adds a row, so history is never
// rewritten. Secrets are sealed (AES-256-GCM) before they reach the database and are opened
// only by effectiveConfig(), right before SMTP or OAuth2 use them.
import { db } from "@/lib/db/client";
import { consistentTx } from "@/lib/db/tx";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/db/audit";
import { placeholderEnv, placeholderPolicy } from "@/lib/env";
import { getService, SERVICES, type ServicePid, type ServiceSettings } from "@/lib/config/services";
import { withDefaults } from "@/lib/config/define";
import { validateValues, crossServiceErrors } from "@/lib/config/validate";
import { applySecretEdits, redactValues, type RedactedValues } from "@/lib/config/redact";
import { diffValues, type DiffEntry } from "@/lib/config/diff";
import { isPlaceholder, missingPlaceholders, resolveValues, type MissingPlaceholder } from "@/lib/config/placeholders";
import { isSealed, openSecret, sealSecret } from "@/lib/config/secret-box";
import { secretsKey, secretContext } from "@/lib/config/secrets-key";
import type { ConfigValues, ServiceDef, SettingsOf } from "@/lib/config/types";

export interface StoredVersion {
  pid: string;
  version: number;
  values: ConfigValues;
  changes: DiffEntry[];
  actor: string | null;
  note: string | null;
  restoredFrom: number | null;
  createdAt: Date;
}

/** What a console page may show of a service: secrets redacted. */
export interface ServiceState {
  pid: string;
  name: string;
  description: string;
  configured: boolean;
  version: number | null;
  updatedAt: string | null;
  updatedBy: string | null;
  values: RedactedValues;
  missingPlaceholders: MissingPlaceholder[];
}

function requireService(pid: string): ServiceDef {
  const def = getService(pid);
  if (!def) throw new AppError("not_found", `"${pid}" is not a service Herald knows.`);
  return def;
}

type Row = { pid: string; version: number; values: string; changes: string; actor: string | null; note: string | null; restoredFrom: number | null; createdAt: Date };

function toStored(row: Row): StoredVersion {
  return {
    pid: row.pid,
    version: row.version,
    values: JSON.parse(row.values) as ConfigValues,
    changes: JSON.parse(row.changes) as DiffEntry[],
    actor: row.actor,
    note: row.note,
    restoredFrom: row.restoredFrom,
    createdAt: row.createdAt,
  };
}

/** The newest stored version of a service, or null while it has never been saved. */
export async function latestVersion(pid: string): Promise<StoredVersion | null> {
  const row = await db().configVersion.findFirst({ where: { pid }, orderBy: { version: "desc" } });
  return row ? toStored(row) : null;
}

/** Stored values (secrets sealed) with defaults for fields never saved. */
export async function storedValues(pid: string): Promise<ConfigValues> {
  const def = requireService(pid);
  const latest = await latestVersion(pid);
  return withDefaults(def, latest?.values) as ConfigValues;
}

export async function serviceState(pid: string): Promise<ServiceState> {
  const def = requireService(pid);
  const latest = await latestVersion(pid);
  const values = withDefaults(def, latest?.values) as ConfigValues;
  return {
    pid,
    name: def.name,
    description: def.description,
    configured: latest !== null,
    version: latest?.version ?? null,
    updatedAt: latest?.createdAt.toISOString() ?? null,
    updatedBy: latest?.actor ?? null,
    values: redactValues(def, values),
    missingPlaceholders: missingPlaceholders(values, def, placeholderEnv(), placeholderPolicy()),
  };
}

export async function listServiceStates(): Promise<ServiceState[]> {
  return Promise.all(SERVICES.map((s) => serviceState(s.pid)));
}

/** Seals every secret that is typed clear text; placeholders and sealed values stay as they are. */
function sealSecrets(def: ServiceDef, values: ConfigValues): ConfigValues {
  const out = { ...values };
  for (const f of def.fields) {
    const v = out[f.key];
    if (f.type === "secret" && typeof v === "string" && v !== "" && !isSealed(v) && !isPlaceholder(v)) {
      out[f.key] = sealSecret(v, secretsKey(), secretContext(def.pid, f.key));
    }
  }
  return out;
}

export interface SaveResult {
  saved: boolean;
  version: number | null;
  changes: DiffEntry[];
}

/**
 * Validates and stores a new version of one service. `submitted` holds form values keyed by AEM
 * property keys; a secret that is blank (or missing) keeps its stored value, `clear` lists the
 * secrets to remove. Nothing is stored when anything is invalid; nothing is stored when nothing
 * changed.
 */
export async function saveServiceConfig(
  pid: string,
  submitted: Record<string, unknown>,
  opts: { actor: string; clear?: string[]; note?: string; action?: "config.save" | "config.restore" | "config.import"; restoredFrom?: number },
): Promise<SaveResult> {
  const def = requireService(pid);
  const before = await storedValues(pid);
  const merged = applySecretEdits(def, submitted, before, opts.clear ?? []);
  const checked = validateValues(def, merged, { placeholders: placeholderPolicy() });
  if (!checked.ok) {
    const message = checked.formErrors.length ? checked.formErrors.join(" ") : "Some values are not valid; see the fields.";
    throw new AppError("validation", message, { ...checked.fieldErrors, ...(checked.formErrors.length ? { _form: checked.formErrors } : {}) });
  }
  await checkCrossService({ [pid]: checked.values });
  const next = sealSecrets(def, checked.values);
  const changes = diffValues(def, before, next);
  if (changes.length === 0) return { saved: false, version: (await latestVersion(pid))?.version ?? null, changes };
  const version = await insertVersion(pid, next, changes, opts);
  await recordAudit(opts.action ?? "config.save", opts.actor, pid, { version, changes: changes.map(summarize) });
  return { saved: true, version, changes };
}

async function insertVersion(
  pid: string,
  values: ConfigValues,
  changes: DiffEntry[],
  opts: { actor: string; note?: string; restoredFrom?: number },
): Promise<number> {
  return consistentTx(async (tx) => {
    const last = await tx.configVersion.findFirst({ where: { pid }, orderBy: { version: "desc" }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    await tx.configVersion.create({
      data: {
        pid,
        version,
        values: JSON.stringify(values),
        changes: JSON.stringify(changes),
        actor: opts.actor,
        note: opts.note ?? null,
        restoredFrom: opts.restoredFrom ?? null,
      },
    });
    return version;
  });
}

/** Cross-service rules against what is stored, with `pending` replacing stored services. */
export async function checkCrossService(pending: Record<string, ConfigValues>) {
  const all: Record<string, unknown> = {};
  for (const s of SERVICES) all[s.pid] = pending[s.pid] ?? (await storedValues(s.pid));
  const errors = crossServiceErrors(all);
  if (errors.length) {
    const fields: Record<string, string[]> = {};
    for (const e of errors) (fields._form ??= []).push(e.message);
    throw new AppError("validation", errors.map((e) => e.message).join(" "), fields);
  }
}

function summarize(c: DiffEntry) {
  return c.secret ? { key: c.key, secret: c.secret } : { key: c.key, kind: c.kind, old: c.old, new: c.new };
}

/**
 * Stores new versions of several services at once (an import): all of them or none. Values must
 * already be validated per service; the rules between services are checked on the result.
 */
export async function saveManyServiceConfigs(
  entries: { pid: string; values: ConfigValues }[],
  opts: { actor: string; note?: string; action: "config.import" | "config.save" },
): Promise<{ pid: string; version: number | null; changes: DiffEntry[] }[]> {
  const prepared: { pid: string; next: ConfigValues; changes: DiffEntry[] }[] = [];
  for (const e of entries) {
    const def = requireService(e.pid);
    const checked = validateValues(def, e.values, { placeholders: placeholderPolicy() });
    if (!checked.ok) throw new AppError("validation", `${def.name}: ${[...checked.formErrors, ...Object.values(checked.fieldErrors).flat()].join(" ")}`);
    const before = await storedValues(e.pid);
    const next = sealSecrets(def, checked.values);
    prepared.push({ pid: e.pid, next, changes: diffValues(def, before, next) });
  }
  await checkCrossService(Object.fromEntries(prepared.map((p) => [p.pid, p.next])));
  const results = await consistentTx(async (tx) => {
    const out: { pid: string; version: number | null; changes: DiffEntry[] }[] = [];
    for (const p of prepared) {
      if (p.changes.length === 0) {
        out.push({ pid: p.pid, version: null, changes: [] });
        continue;
      }
      const last = await tx.configVersion.findFirst({ where: { pid: p.pid }, orderBy: { version: "desc" }, select: { version: true } });
      const version = (last?.version ?? 0) + 1;
      await tx.configVersion.create({
        data: { pid: p.pid, version, values: JSON.stringify(p.next), changes: JSON.stringify(p.changes), actor: opts.actor, note: opts.note ?? null },
      });
      out.push({ pid: p.pid, version, changes: p.changes });
    }
    return out;
  });
  for (const r of results) {
    if (r.version !== null) await recordAudit(opts.action, opts.actor, r.pid, { version: r.version, note: opts.note, changes: r.changes.map(summarize) });
  }
  return results;
}

export async function listVersions(pid: string, take = 50): Promise<StoredVersion[]> {
  requireService(pid);
  const rows = await db().configVersion.findMany({ where: { pid }, orderBy: { version: "desc" }, take });
  return rows.map(toStored);
}

/** Makes an older version current again, as a new version (history is never rewritten). */
export async function restoreVersion(pid: string, version: number, actor: string): Promise<SaveResult> {
  const def = requireService(pid);
  const row = await db().configVersion.findUnique({ where: { pid_version: { pid, version } } });
  if (!row) throw new AppError("not_found", `Version ${version} of ${def.name} does not exist.`);
  const values = JSON.parse(row.values) as ConfigValues;
  const before = await storedValues(pid);
  const checked = validateValues(def, values, { placeholders: placeholderPolicy() });
  if (!checked.ok) throw new AppError("validation", `Version ${version} is no longer valid: ${[...checked.formErrors, ...Object.values(checked.fieldErrors).flat()].join(" ")}`);
  await checkCrossService({ [pid]: checked.values });
  const changes = diffValues(def, before, checked.values);
  if (changes.length === 0) return { saved: false, version: (await latestVersion(pid))?.version ?? null, changes };
  const newVersion = await insertVersion(pid, checked.values, changes, { actor, restoredFrom: version, note: `Restored version ${version}` });
  await recordAudit("config.restore", actor, pid, { version: newVersion, restoredFrom: version, changes: changes.map(summarize) });
  return { saved: true, version: newVersion, changes };
}

/**
 * The values a service is put to work with: defaults for what was never saved, secrets opened,
 * placeholders resolved from the environment. A missing variable is a clear error naming it.
 * Server-side only; never send the result to a browser.
 */
export async function effectiveConfig<P extends ServicePid>(pid: P): Promise<ServiceSettings<P>> {
  const def = requireService(pid);
  return resolveForUse(def, await storedValues(pid)) as ServiceSettings<P>;
}

/** Same as effectiveConfig, for values that are not stored (e.g. a form's unsaved values). */
export function resolveForUse<D extends ServiceDef>(def: D, values: ConfigValues): SettingsOf<D> {
  const opened: ConfigValues = { ...(withDefaults(def, values) as ConfigValues) };
  for (const f of def.fields) {
    const v = opened[f.key];
    if (f.type === "secret" && isSealed(v)) {
      try {
        opened[f.key] = openSecret(v, secretsKey(), secretContext(def.pid, f.key));
      } catch {
        throw new AppError(
          "unavailable",
          `${f.label} of ${def.name} cannot be decrypted: the secrets key (HERALD_SECRET_KEY or data/secret.key) is not the one it was saved with. Enter it again.`,
        );
      }
    }
  }
  const resolved = resolveValues(def, opened, placeholderEnv(), placeholderPolicy());
  if (!resolved.ok) throw new AppError("unavailable", resolved.errors.map((e) => e.message).join(" "));
  // The one place stored values meet their type: they passed this schema when saved and
  // defaults fill the rest. Re-parsing here would turn a rule tightened since the save into a
  // sending outage instead of a warning on the configuration page.
  return resolved.values as SettingsOf<D>;
}
