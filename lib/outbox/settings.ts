import "server-only";
// Switches an admin sets in the console (SendingSetting rows, JSON values): the sandbox (all mail
// to the built-in mailbox) and the retry policy. Defaults come from the environment. Read through
// the synchronous connection with a short cache, so the worker can ask before every batch.
import { retryPolicySchemaClient } from "./policy-schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { dbTime, read, toDate, writeTx } from "@/lib/db/sql";
import { auditInSql, type AuditEntry } from "@/lib/db/audit";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./policy";

/** The same rules as the console form (policy-schema.ts). */
export const retryPolicySchema = retryPolicySchemaClient;

export function envRetryPolicy(): RetryPolicy {
  const e = env();
  return {
    maxAttempts: e.HERALD_OUTBOX_MAX_ATTEMPTS ?? DEFAULT_RETRY_POLICY.maxAttempts,
    baseDelaySeconds: e.HERALD_OUTBOX_RETRY_BASE_SECONDS ?? DEFAULT_RETRY_POLICY.baseDelaySeconds,
    maxDelaySeconds: e.HERALD_OUTBOX_RETRY_MAX_DELAY_SECONDS ?? DEFAULT_RETRY_POLICY.maxDelaySeconds,
    maxAgeSeconds: Math.round((e.HERALD_OUTBOX_MAX_AGE_HOURS ?? 24) * 3600),
  };
}

export interface SendingSettings {
  sandbox: boolean;
  retry: RetryPolicy;
  /** True when the retry policy comes from the console rather than the environment. */
  retryCustomized: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

const CACHE_MS = 1000;
// On globalThis: Next.js bundles server actions and instrumentation (the worker) apart, so a
// module-level cache cleared by the sandbox switch would not be the one the worker reads.
const KEY = Symbol.for("herald.sendingSettingsCache");
type Cache = { at: number; value: SendingSettings } | null;
const holder = globalThis as { [KEY]?: Cache };

export function invalidateSendingSettings() {
  holder[KEY] = null;
}

export async function sendingSettings(): Promise<SendingSettings> {
  const cached = holder[KEY];
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
  const rows = (
    await read((db) =>
      db.all<{ key: string; value: string; updatedAt: string | Date; updatedBy: string | null }>(
        `SELECT "key", "value", "updatedAt", "updatedBy" FROM "SendingSetting"`,
      ),
    )
  ).map((r) => ({ ...r, updatedAt: toDate(r.updatedAt)! }));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const defaults = envRetryPolicy();
  let retry = defaults;
  let retryCustomized = false;
  const r = byKey.get("retry");
  if (r) {
    const parsed = retryPolicySchema.safeParse(JSON.parse(r.value));
    if (parsed.success) {
      retry = parsed.data;
      retryCustomized = true;
    }
  }
  const latest = rows.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
  const value: SendingSettings = {
    sandbox: byKey.get("sandbox")?.value === "true",
    retry,
    retryCustomized,
    updatedAt: latest ? latest.updatedAt.toISOString() : null,
    updatedBy: latest?.updatedBy ?? null,
  };
  holder[KEY] = { at: Date.now(), value };
  return value;
}

/** Stores one setting and its audit row in one transaction. */
async function put(key: string, value: string | null, actor: string, audit: Omit<AuditEntry, "actor">) {
  const now = dbTime(new Date());
  await writeTx(async (db) => {
    if (value === null) await db.run(`DELETE FROM "SendingSetting" WHERE "key" = ?`, [key]);
    else {
      await db.run(
        `INSERT INTO "SendingSetting" ("key", "value", "updatedAt", "updatedBy") VALUES (?, ?, ?, ?)
         ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "updatedAt" = excluded."updatedAt", "updatedBy" = excluded."updatedBy"`,
        [key, value, now, actor],
      );
    }
    await auditInSql(db, { ...audit, actor });
  });
  invalidateSendingSettings();
}

export async function setSandbox(on: boolean, actor: string) {
  await put("sandbox", on ? "true" : "false", actor, { action: "sending.sandbox", detail: { on } });
}

/** Stores a retry policy (validated); null goes back to the environment's defaults. */
export async function setRetryPolicy(input: unknown | null, actor: string): Promise<RetryPolicy> {
  if (input === null) {
    await put("retry", null, actor, { action: "sending.retry_policy", detail: { reset: true } });
    return envRetryPolicy();
  }
  const parsed = retryPolicySchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const i of parsed.error.issues) (fields[i.path.join(".") || "_form"] ??= []).push(i.message);
    throw new AppError("validation", "Some values of the retry policy are not valid.", fields);
  }
  await put("retry", JSON.stringify(parsed.data), actor, { action: "sending.retry_policy", detail: parsed.data });
  return parsed.data;
}
