import "server-only";
// API keys: a random 256-bit secret shown once ("hrld_…"), stored only as its SHA-256. A key of
// that entropy needs no slow hash: guessing is hopeless, and the digest lookup is one indexed
// query. Revocation takes effect on the next request (no cache).
import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError, fieldErrors } from "@/lib/errors";
import { VALIDATION as V, fill } from "@/lib/validations/messages";
import { dbTime, read, writeTx } from "@/lib/db/sql";
import { auditIn } from "@/lib/db/audit";
import { ulid } from "@/lib/outbox/ids";
import { API_SCOPES, createApiKeySchema, type ApiScope, type CreateApiKeyInput } from "./schema";

export const KEY_PREFIX = "hrld_";
const DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length + 8;

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  rateLimit: number;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

export interface AuthenticatedKey {
  id: string;
  name: string;
  scopes: ApiScope[];
  rateLimit: number;
}

export function hashKey(key: string): string {
  return crypto.createHash("sha256").update(key, "utf8").digest("hex");
}

function parseScopes(s: string): ApiScope[] {
  return s.split(",").filter((x): x is ApiScope => (API_SCOPES as readonly string[]).includes(x));
}

type Row = { id: string; name: string; prefix: string; scopes: string; rateLimit: number; createdAt: Date; createdBy: string | null; lastUsedAt: Date | null; revokedAt: Date | null; revokedBy: string | null };

function toView(r: Row): ApiKeyView {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: parseScopes(r.scopes),
    rateLimit: r.rateLimit,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    revokedBy: r.revokedBy,
  };
}

/** Creates a key, with its audit row; the clear key is returned once and never stored. */
export async function createApiKey(input: CreateApiKeyInput, actor: string): Promise<{ key: string; view: ApiKeyView }> {
  const parsed = createApiKeySchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("validation", "Check the highlighted fields.", fieldErrors(parsed.error, { top: true }));
  }
  const key = KEY_PREFIX + crypto.randomBytes(32).toString("base64url");
  const row = await db().$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        id: `key_${ulid()}`,
        name: parsed.data.name,
        prefix: key.slice(0, DISPLAY_PREFIX_LENGTH),
        hash: hashKey(key),
        scopes: parsed.data.scopes.join(","),
        rateLimit: parsed.data.rateLimit ?? env().HERALD_API_RATE_LIMIT,
        createdBy: actor,
      },
    });
    await auditIn(tx, { action: "apikey.create", actor, target: created.prefix, detail: { name: created.name, scopes: parseScopes(created.scopes) } });
    return created;
  });
  return { key, view: toView(row) };
}

export async function listApiKeys(): Promise<ApiKeyView[]> {
  // Active keys first (revokedAt NULL): explicit, since SQLite sorts NULL first and PostgreSQL last.
  const rows = await db().apiKey.findMany({ orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }] });
  return rows.map(toView);
}

/** Revokes by id or by the displayed prefix, with the audit row; revoking again changes nothing. */
export async function revokeApiKey(idOrPrefix: string, actor: string): Promise<ApiKeyView> {
  return db().$transaction(async (tx) => {
    const row = await tx.apiKey.findFirst({ where: { OR: [{ id: idOrPrefix }, { prefix: idOrPrefix }] } });
    if (!row) throw new AppError("not_found", fill(V.apiKeyUnknown, { key: idOrPrefix }));
    if (row.revokedAt) return toView(row);
    const updated = await tx.apiKey.update({ where: { id: row.id }, data: { revokedAt: new Date(), revokedBy: actor } });
    await auditIn(tx, { action: "apikey.revoke", actor, target: updated.prefix, detail: { name: updated.name } });
    return toView(updated);
  });
}

const lastTouched = new Map<string, number>();

/** The live key for a clear key, or null (unknown or revoked). Marks it used (at most once a minute). */
export async function authenticateKey(clear: string): Promise<AuthenticatedKey | null> {
  if (!clear.startsWith(KEY_PREFIX) || clear.length > 200) return null;
  const row = await read((d) =>
    d.get<{ id: string; name: string; scopes: string; rateLimit: number; revokedAt: string | Date | null }>(
      `SELECT "id", "name", "scopes", "rateLimit", "revokedAt" FROM "ApiKey" WHERE "hash" = ?`,
      [hashKey(clear)],
    ),
  );
  if (!row || row.revokedAt) return null;
  const now = Date.now();
  if (now - (lastTouched.get(row.id) ?? 0) > 60_000) {
    lastTouched.set(row.id, now);
    // Not awaited by the request: the last-used time is informative, the request is not.
    void writeTx((d) => d.run(`UPDATE "ApiKey" SET "lastUsedAt" = ? WHERE "id" = ?`, [dbTime(now), row.id])).catch(() => lastTouched.delete(row.id));
  }
  return { id: row.id, name: row.name, scopes: parseScopes(row.scopes), rateLimit: row.rateLimit };
}
