import "server-only";
// The recipient directory (AEM's user profiles) and their subscriptions. Reads go through
// Prisma; writes that touch a recipient and its subscriptions run as one transaction of
// Herald's own SQL (lib/db/sql.ts), so a profile never exists with half its subscriptions.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { dbTime, read, writeTx, type SqlTx } from "@/lib/db/sql";
import { insensitive } from "@/lib/db/insensitive";
import { pathAndAncestors } from "./paths";
import { auditInSql } from "@/lib/db/audit";
import { PAGE_EVENT_TYPES, type PageEventType, type RecipientData, type Subscription } from "./schema";
import { mergeRecipientPatch, type PatchBase, type RecipientPatch } from "./patch";

export interface RecipientView {
  id: string;
  email: string;
  name: string;
  familyName: string;
  language: string;
  plainTextOnly: boolean;
  subscriptions: Subscription[];
  createdAt: string;
  updatedAt: string;
}

type SubRow = { kind: string; path: string; eventTypes: string };

export function toSubscription(r: SubRow): Subscription {
  if (r.kind === "forum") return { kind: "forum", path: r.path };
  const types = r.eventTypes
    .split(",")
    .map((t) => t.trim())
    .filter((t): t is PageEventType => (PAGE_EVENT_TYPES as readonly string[]).includes(t));
  return { kind: "page", path: r.path, eventTypes: types };
}

function sortSubs(subs: Subscription[]): Subscription[] {
  return subs.sort((a, b) => (a.kind === b.kind ? a.path.localeCompare(b.path) : a.kind.localeCompare(b.kind)));
}

type PrismaRecipient = {
  id: string;
  email: string;
  name: string;
  familyName: string;
  language: string;
  plainTextOnly: boolean;
  createdAt: Date;
  updatedAt: Date;
  subscriptions: SubRow[];
};

function toView(r: PrismaRecipient): RecipientView {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    familyName: r.familyName,
    language: r.language,
    plainTextOnly: r.plainTextOnly,
    subscriptions: sortSubs(r.subscriptions.map(toSubscription)),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export interface RecipientQuery {
  q?: string;
  language?: string;
  page?: number;
  pageSize?: number;
}

export async function listRecipients(query: RecipientQuery = {}): Promise<{ rows: RecipientView[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(query.pageSize ?? 25, 1), 500);
  const page = Math.max(query.page ?? 1, 1);
  const q = query.q?.trim();
  const ci = insensitive();
  const where = {
    ...(q
      ? {
          OR: [
            { id: { contains: q, ...ci } },
            { email: { contains: q.toLowerCase(), ...ci } },
            { name: { contains: q, ...ci } },
            { familyName: { contains: q, ...ci } },
          ],
        }
      : {}),
    ...(query.language ? { language: query.language } : {}),
  };
  const [rows, total] = await Promise.all([
    db().recipient.findMany({ where, include: { subscriptions: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: pageSize, skip: (page - 1) * pageSize }),
    db().recipient.count({ where }),
  ]);
  return { rows: rows.map(toView), total, page, pageSize };
}

export async function getRecipient(id: string): Promise<RecipientView | null> {
  const r = await db().recipient.findUnique({ where: { id }, include: { subscriptions: true } });
  return r ? toView(r) : null;
}

/** Every recipient, for the CSV export (streams in pages to bound memory). */
export async function* allRecipients(pageSize = 500): AsyncGenerator<RecipientView> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await db().recipient.findMany({
      include: { subscriptions: true },
      orderBy: { id: "asc" },
      take: pageSize,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    for (const r of rows) yield toView(r);
    if (rows.length < pageSize) return;
    cursor = rows.at(-1)?.id;
  }
}

// --- writes ---------------------------------------------------------------------------------

async function writeSubscriptions(tx: SqlTx, id: string, subs: Subscription[]) {
  await tx.run(`DELETE FROM "Subscription" WHERE "recipientId" = ?`, [id]);
  for (const s of subs) {
    await tx.run(`INSERT INTO "Subscription" ("recipientId", "kind", "path", "eventTypes") VALUES (?, ?, ?, ?)`, [
      id,
      s.kind,
      s.path,
      s.kind === "page" ? s.eventTypes.join(",") : "",
    ]);
  }
}

async function emailOwner(tx: SqlTx, email: string): Promise<string | null> {
  const row = await tx.get<{ id: string }>(`SELECT "id" FROM "Recipient" WHERE "email" = ?`, [email]);
  return row?.id ?? null;
}

export type UpsertOutcome = "created" | "updated" | "unchanged";

/**
 * Creates or replaces one recipient inside a transaction. mode "create" refuses an existing id,
 * "replace" refuses a missing one, "upsert" does either. Throws AppError conflict for a taken
 * email address.
 */
export async function upsertIn(tx: SqlTx, r: RecipientData, mode: "create" | "replace" | "upsert", now = new Date()): Promise<UpsertOutcome> {
  const existing = await tx.get<{ id: string; email: string; name: string; familyName: string; language: string; plainTextOnly: boolean | number }>(
    `SELECT "id", "email", "name", "familyName", "language", "plainTextOnly" FROM "Recipient" WHERE "id" = ?`,
    [r.id],
  );
  if (existing && mode === "create") throw new AppError("conflict", `A recipient with id "${r.id}" already exists.`, { id: ["is already taken"] });
  if (!existing && mode === "replace") throw new AppError("not_found", `There is no recipient with id "${r.id}".`);
  const owner = await emailOwner(tx, r.email);
  if (owner && owner !== r.id) {
    throw new AppError("conflict", `${r.email} already belongs to recipient "${owner}".`, { email: [`already belongs to recipient "${owner}"`] });
  }
  const t = dbTime(now);
  if (!existing) {
    await tx.run(`INSERT INTO "Recipient" ("id", "email", "name", "familyName", "language", "plainTextOnly", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
      r.id,
      r.email,
      r.name,
      r.familyName,
      r.language,
      r.plainTextOnly,
      t,
      t,
    ]);
    await writeSubscriptions(tx, r.id, r.subscriptions);
    return "created";
  }
  const subsBefore = sortSubs(
    (await tx.all<SubRow>(`SELECT "kind", "path", "eventTypes" FROM "Subscription" WHERE "recipientId" = ?`, [r.id])).map(toSubscription),
  );
  const same =
    existing.email === r.email &&
    existing.name === r.name &&
    existing.familyName === r.familyName &&
    existing.language === r.language &&
    Boolean(existing.plainTextOnly) === r.plainTextOnly &&
    JSON.stringify(subsBefore) === JSON.stringify(sortSubs([...r.subscriptions]));
  if (same) return "unchanged";
  await tx.run(`UPDATE "Recipient" SET "email" = ?, "name" = ?, "familyName" = ?, "language" = ?, "plainTextOnly" = ?, "updatedAt" = ? WHERE "id" = ?`, [
    r.email,
    r.name,
    r.familyName,
    r.language,
    r.plainTextOnly,
    t,
    r.id,
  ]);
  await writeSubscriptions(tx, r.id, r.subscriptions);
  return "updated";
}

async function recipientIn(tx: SqlTx, id: string): Promise<PatchBase | null> {
  const row = await tx.get<{ id: string; email: string; name: string; familyName: string; language: string; plainTextOnly: boolean | number }>(
    `SELECT "id", "email", "name", "familyName", "language", "plainTextOnly" FROM "Recipient" WHERE "id" = ?`,
    [id],
  );
  if (!row) return null;
  const subs = await tx.all<SubRow>(`SELECT "kind", "path", "eventTypes" FROM "Subscription" WHERE "recipientId" = ?`, [id]);
  return { ...row, plainTextOnly: Boolean(row.plainTextOnly), subscriptions: sortSubs(subs.map(toSubscription)) };
}

// Each write below records its audit row in its own transaction: the change and the record of
// who made it commit together or not at all. `actor` is the console user's email, "api:<key
// name>" or "cli".

export async function createRecipient(r: RecipientData, actor: string): Promise<RecipientView> {
  await writeTx(async (tx) => {
    await upsertIn(tx, r, "create");
    await auditInSql(tx, { action: "recipient.create", actor, target: r.id });
  });
  return (await getRecipient(r.id))!;
}

async function replaceAudited(tx: SqlTx, r: RecipientData, actor: string): Promise<UpsertOutcome> {
  const outcome = await upsertIn(tx, r, "replace");
  if (outcome !== "unchanged") await auditInSql(tx, { action: "recipient.update", actor, target: r.id });
  return outcome;
}

export async function replaceRecipient(r: RecipientData, actor: string): Promise<{ recipient: RecipientView; outcome: UpsertOutcome }> {
  const outcome = await writeTx((tx) => replaceAudited(tx, r, actor));
  return { recipient: (await getRecipient(r.id))!, outcome };
}

/** Changes the fields a patch gives; the stored recipient is read in the same transaction. */
export async function patchRecipient(id: string, patch: RecipientPatch, actor: string): Promise<{ recipient: RecipientView; outcome: UpsertOutcome }> {
  const outcome = await writeTx(async (tx) => {
    const current = await recipientIn(tx, id);
    if (!current) throw new AppError("not_found", `There is no recipient with id "${id}".`);
    return replaceAudited(tx, mergeRecipientPatch(current, patch), actor);
  });
  return { recipient: (await getRecipient(id))!, outcome };
}

export async function deleteRecipient(id: string, actor: string): Promise<void> {
  const changes = await writeTx(async (tx) => {
    await tx.run(`DELETE FROM "Subscription" WHERE "recipientId" = ?`, [id]);
    const n = await tx.run(`DELETE FROM "Recipient" WHERE "id" = ?`, [id]);
    if (n > 0) await auditInSql(tx, { action: "recipient.delete", actor, target: id });
    return n;
  });
  if (changes === 0) throw new AppError("not_found", `There is no recipient with id "${id}".`);
}

// --- subscribers --------------------------------------------------------------------------

export interface Subscriber {
  id: string;
  email: string;
  name: string;
  familyName: string;
  language: string;
  plainTextOnly: boolean;
  /** The event paths this recipient's subscriptions cover. */
  paths: string[];
}

/**
 * Recipients subscribed to `kind` events on any of `paths` (normalised), through a subscription
 * on the path or an ancestor, and — for page events — to `eventType` (or to every type).
 * One query: the candidate subscription paths are the ancestors of the event paths.
 */
export async function findSubscribers(kind: "page" | "forum", paths: string[], eventType?: string): Promise<Subscriber[]> {
  if (!paths.length) return [];
  const ancestorsOf = new Map<string, string[]>();
  for (const p of paths) for (const a of pathAndAncestors(p)) (ancestorsOf.get(a) ?? ancestorsOf.set(a, []).get(a)!).push(p);
  const candidates = [...ancestorsOf.keys()];
  const rows = await read(async (tx) => {
    const out: (SubRow & { recipientId: string; email: string; name: string; familyName: string; language: string; plainTextOnly: boolean | number })[] = [];
    // SQLite allows 32766 variables; chunk to stay far below.
    for (let i = 0; i < candidates.length; i += 500) {
      const chunk = candidates.slice(i, i + 500);
      out.push(
        ...(await tx.all<SubRow & { recipientId: string; email: string; name: string; familyName: string; language: string; plainTextOnly: boolean | number }>(
          `SELECT s."recipientId", s."kind", s."path", s."eventTypes", r."email", r."name", r."familyName", r."language", r."plainTextOnly"
             FROM "Subscription" s JOIN "Recipient" r ON r."id" = s."recipientId"
            WHERE s."kind" = ? AND s."path" IN (${chunk.map(() => "?").join(",")})`,
          [kind, ...chunk],
        )),
      );
    }
    return out;
  });
  const byRecipient = new Map<string, Subscriber>();
  for (const r of rows) {
    if (kind === "page" && eventType && r.eventTypes) {
      const types = r.eventTypes.split(",");
      if (!types.includes(eventType)) continue;
    }
    let s = byRecipient.get(r.recipientId);
    if (!s) {
      s = { id: r.recipientId, email: r.email, name: r.name, familyName: r.familyName, language: r.language, plainTextOnly: Boolean(r.plainTextOnly), paths: [] };
      byRecipient.set(r.recipientId, s);
    }
    for (const p of ancestorsOf.get(r.path) ?? []) if (!s.paths.includes(p)) s.paths.push(p);
  }
  // Keep the order of the event's paths in each recipient's list.
  for (const s of byRecipient.values()) s.paths.sort((a, b) => paths.indexOf(a) - paths.indexOf(b));
  return [...byRecipient.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Directory entries by id and by email (lower-cased), for collection events. */
export interface DirectoryEntry {
  id: string;
  email: string;
  name: string;
  language: string;
  plainTextOnly: boolean;
}

export async function findRecipientsByIdOrEmail(keys: string[]): Promise<Map<string, DirectoryEntry>> {
  const out = new Map<string, DirectoryEntry>();
  if (!keys.length) return out;
  const rows = await read(async (tx) => {
    const res: (Omit<DirectoryEntry, "plainTextOnly"> & { plainTextOnly: boolean | number })[] = [];
    for (let i = 0; i < keys.length; i += 400) {
      const chunk = keys.slice(i, i + 400);
      const marks = chunk.map(() => "?").join(",");
      res.push(
        ...(await tx.all<Omit<DirectoryEntry, "plainTextOnly"> & { plainTextOnly: boolean | number }>(
          `SELECT "id", "email", "name", "language", "plainTextOnly" FROM "Recipient" WHERE "id" IN (${marks}) OR "email" IN (${marks})`,
          [...chunk, ...chunk.map((k) => k.toLowerCase())],
        )),
      );
    }
    return res;
  });
  for (const row of rows) {
    const r = { ...row, plainTextOnly: Boolean(row.plainTextOnly) };
    out.set(r.id, r);
    out.set(r.email, r);
  }
  return out;
}
