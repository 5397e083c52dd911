import "server-only";
// The outbox table's write paths, in Herald's own SQL transactions (lib/db/sql.ts):
//   enqueue  — messages and the request's idempotency record in one transaction;
//   claim    — one UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING: due messages and messages
//              whose lease expired become "sending" under this worker's name, atomically, so two
//              workers never hold the same message (SQLite: under BEGIN IMMEDIATE; PostgreSQL:
//              the selection takes the rows FOR UPDATE SKIP LOCKED, so concurrent workers each
//              take different rows without waiting on each other);
//   renew    — extends the lease of everything a live worker holds;
//   complete — results of many sends in one transaction, each fenced by lockedBy, plus their
//              attempt and mail log rows;
//   release  — gives claimed but unsent messages back without counting an attempt.
import { dbTime, q, runSteps, toDate, type SqlTx, type Steps } from "@/lib/db/sql";
import type { Engine } from "@/lib/db/engine";
import { ADDRESS_SEPARATOR } from "./headers";

export type OutboxStatus = "queued" | "sending" | "sent" | "failed" | "dead" | "cancelled";
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ["queued", "sending", "sent", "failed", "dead", "cancelled"];

export interface NewMessage {
  id: string;
  family: string | null;
  language: string | null;
  recipientId: string | null;
  to: string[];
  cc?: string[];
  bcc?: string[];
  from: string;
  replyTo?: string | null;
  subject: string;
  text: string;
  html?: string | null;
  /** The Message-ID header, e.g. "<msg_01J…@example.com>". */
  messageId: string;
}

export interface IdempotencyInput {
  apiKeyId: string;
  key: string;
  requestHash: string;
  status: number;
  /** The JSON body answered to the first request. */
  response: string;
}

export interface StoredAnswer {
  status: number;
  response: string;
  requestHash: string;
}

export type EnqueueResult = { replay: false; count: number } | { replay: true; answer: StoredAnswer };

const MESSAGE_COLUMNS = `("id", "status", "family", "language", "recipientId", "toAddr", "ccAddr", "bccAddr", "fromAddr", "replyTo",
   "subject", "messageId", "attempts", "queuedAt", "nextAttemptAt", "batchId", "source", "createdAt", "updatedAt")`;
/** Rows per multi-row INSERT (17 parameters each; SQLite allows 32,766, PostgreSQL 65,535). */
const INSERT_CHUNK = 100;

export interface EnqueueOptions {
  source: string;
  batchId?: string | null;
  idempotency?: IdempotencyInput;
  now?: Date;
}

/**
 * Stores messages (and the idempotency record, when given) as steps for writeSteps (see
 * lib/db/sql.ts); returns the earlier answer instead when the idempotency key was already used.
 * Only lib/outbox/enqueue.ts calls this: everything else enqueues through it.
 */
export function* enqueueSteps(messages: NewMessage[], opts: EnqueueOptions): Steps<EnqueueResult> {
  const now = dbTime(opts.now ?? new Date());
  if (opts.idempotency) {
    const i = opts.idempotency;
    const prior = (yield q.get(`SELECT "status", "response", "requestHash" FROM "IdempotencyRecord" WHERE "apiKeyId" = ? AND "key" = ?`, [
      i.apiKeyId,
      i.key,
    ])) as StoredAnswer | undefined;
    if (prior) return { replay: true, answer: prior };
    // On PostgreSQL a concurrent request with the same key blocks on the primary key here and then
    // fails with a unique violation; writeTx re-runs this transaction, which then finds `prior`.
    yield q.run(
      `INSERT INTO "IdempotencyRecord" ("apiKeyId", "key", "requestHash", "status", "response", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`,
      [i.apiKeyId, i.key, i.requestHash, i.status, i.response, now],
    );
  }
  for (let start = 0; start < messages.length; start += INSERT_CHUNK) {
    const chunk = messages.slice(start, start + INSERT_CHUNK);
    const values: unknown[] = [];
    const rows = chunk.map((m) => {
      values.push(
        m.id,
        m.family,
        m.language,
        m.recipientId,
        m.to.join(ADDRESS_SEPARATOR),
        m.cc?.length ? m.cc.join(ADDRESS_SEPARATOR) : null,
        m.bcc?.length ? m.bcc.join(ADDRESS_SEPARATOR) : null,
        m.from,
        m.replyTo ?? null,
        m.subject,
        m.messageId,
        now,
        now,
        opts.batchId ?? null,
        opts.source,
        now,
        now,
      );
      return `(?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)`;
    });
    yield q.run(`INSERT INTO "OutboxMessage" ${MESSAGE_COLUMNS} VALUES ${rows.join(", ")}`, values);
    // The bodies, in their own table (see OutboxContent in prisma/schema.prisma).
    yield q.run(
      `INSERT INTO "OutboxContent" ("id", "text", "html") VALUES ${chunk.map(() => "(?, ?, ?)").join(", ")}`,
      chunk.flatMap((m) => [m.id, m.text, m.html ?? null]),
    );
  }
  return { replay: false, count: messages.length };
}

/** A message as a worker holds it. */
export interface ClaimedMessage {
  id: string;
  toAddr: string;
  ccAddr: string | null;
  bccAddr: string | null;
  fromAddr: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string | null;
  messageId: string;
  family: string | null;
  /** Attempts including this one. */
  attempts: number;
  queuedAt: Date;
  /** Set when the message had failed before (it goes back to "failed" when released). */
  lastError: string | null;
}

/**
 * Claims up to `limit` due messages for `workerId` and returns them. A message is due when it is
 * queued or failed with nextAttemptAt ≤ now, or "sending" under a lease that expired (its worker
 * died). Atomic: the selection and the update are one statement inside BEGIN IMMEDIATE.
 */
export function claimIn(db: SqlTx, workerId: string, limit: number, leaseMs: number, nowDate = new Date()): Promise<ClaimedMessage[]> {
  return runSteps(db, claimSteps(db.engine, workerId, limit, leaseMs, nowDate));
}

/** claimIn as steps, for writeSteps. */
export function* claimSteps(engine: Engine, workerId: string, limit: number, leaseMs: number, nowDate = new Date()): Steps<ClaimedMessage[]> {
  const now = dbTime(nowDate);
  const lease = dbTime(nowDate.getTime() + leaseMs);
  const params = { worker: workerId, lease, now, limit };
  const returning = `RETURNING "id", "toAddr", "ccAddr", "bccAddr", "fromAddr", "replyTo", "subject", "messageId", "family", "attempts", "queuedAt", "lastError"`;
  type Row = Omit<ClaimedMessage, "queuedAt" | "text" | "html"> & { queuedAt: string | Date };
  let rows: Row[];
  if (engine === "postgresql") {
    // FOR UPDATE SKIP LOCKED: rows another worker is claiming right now are skipped, not waited
    // for; the outer WHERE re-checks the state after the lock (READ COMMITTED re-evaluation).
    // The selection is a MATERIALIZED CTE so it runs exactly once: as an `IN (subquery)` the
    // planner may pick a nested-loop semi join that re-runs the LIMITed subquery for every row,
    // and each re-run skips the rows this statement already updated and locks the next ones —
    // claiming the whole queue instead of `limit` messages.
    rows = (yield q.all(
      `WITH "picked" AS MATERIALIZED (
          SELECT "id" FROM "OutboxMessage"
           WHERE ("status" IN ('queued', 'failed') AND "nextAttemptAt" <= @now) OR ("status" = 'sending' AND "leaseUntil" < @now)
           ORDER BY "nextAttemptAt", "id"
           LIMIT @limit
           FOR UPDATE SKIP LOCKED)
       UPDATE "OutboxMessage"
          SET "status" = 'sending', "lockedBy" = @worker, "leaseUntil" = @lease, "attempts" = "attempts" + 1, "updatedAt" = @now
        WHERE "id" IN (SELECT "id" FROM "picked")
          AND (("status" IN ('queued', 'failed') AND "nextAttemptAt" <= @now) OR ("status" = 'sending' AND "leaseUntil" < @now))
      ${returning}`,
      params,
    )) as Row[];
  } else {
    // One ordered, index-walking branch per state (queued, failed, and sending under an expired
    // lease — all in order of when they were due), each stopping at `limit`: a single OR would read
    // every due row and sort them, which turns a deep queue into quadratic work.
    rows = (yield q.all(
      `UPDATE "OutboxMessage"
          SET "status" = 'sending', "lockedBy" = @worker, "leaseUntil" = @lease, "attempts" = "attempts" + 1, "updatedAt" = @now
        WHERE "id" IN (
          SELECT "id" FROM (
            SELECT "id", "due" FROM (SELECT "id", "nextAttemptAt" AS "due" FROM "OutboxMessage" WHERE "status" = 'queued' AND "nextAttemptAt" <= @now ORDER BY "nextAttemptAt" LIMIT @limit)
            UNION ALL
            SELECT "id", "due" FROM (SELECT "id", "nextAttemptAt" AS "due" FROM "OutboxMessage" WHERE "status" = 'failed' AND "nextAttemptAt" <= @now ORDER BY "nextAttemptAt" LIMIT @limit)
            UNION ALL
            SELECT "id", "due" FROM (SELECT "id", "nextAttemptAt" AS "due" FROM "OutboxMessage" WHERE "status" = 'sending' AND "leaseUntil" < @now LIMIT @limit)
          ) ORDER BY "due", "id" LIMIT @limit)
          AND (("status" IN ('queued', 'failed') AND "nextAttemptAt" <= @now) OR ("status" = 'sending' AND "leaseUntil" < @now))
      ${returning}`,
      params,
    )) as Row[];
  }
  // RETURNING order is not guaranteed; keep the queue order.
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const bodies = new Map<string, { text: string; html: string | null }>();
  if (rows.length) {
    const ids = rows.map((r) => r.id);
    const found = (yield engine === "postgresql"
      ? q.all(`SELECT "id", "text", "html" FROM "OutboxContent" WHERE "id" = ANY(CAST(@ids AS text[]))`, { ids })
      : q.all(`SELECT "id", "text", "html" FROM "OutboxContent" WHERE "id" IN (${ids.map(() => "?").join(", ")})`, ids)) as { id: string; text: string; html: string | null }[];
    for (const b of found) bodies.set(b.id, { text: b.text, html: b.html });
  }
  // A message without a body (never: both are written in one transaction) goes out empty rather
  // than stopping the worker; the send's checks and the mail log show what went out.
  return rows.map((r) => ({ ...r, text: bodies.get(r.id)?.text ?? "", html: bodies.get(r.id)?.html ?? null, queuedAt: toDate(r.queuedAt)! }));
}

/** Whether anything is due (a read: it does not take the write lock that claiming needs). */
export async function anyDue(db: SqlTx, nowDate = new Date()): Promise<boolean> {
  const now = dbTime(nowDate);
  const row = await db.get<{ due: number | boolean }>(
    `SELECT (EXISTS (SELECT 1 FROM "OutboxMessage" WHERE "status" = 'queued' AND "nextAttemptAt" <= @now)
          OR EXISTS (SELECT 1 FROM "OutboxMessage" WHERE "status" = 'failed' AND "nextAttemptAt" <= @now)
          OR EXISTS (SELECT 1 FROM "OutboxMessage" WHERE "status" = 'sending' AND "leaseUntil" < @now)) AS "due"`,
    { now },
  );
  return row?.due === 1 || row?.due === true;
}

/** Extends the lease of every message `workerId` holds. Returns how many it still holds. */
export function renewIn(db: SqlTx, workerId: string, leaseMs: number, nowDate = new Date()): Promise<number> {
  return runSteps(db, renewSteps(db.engine, workerId, leaseMs, nowDate));
}

/** renewIn as steps, for writeSteps. */
export function* renewSteps(engine: Engine, workerId: string, leaseMs: number, nowDate = new Date()): Steps<number> {
  const until = dbTime(nowDate.getTime() + leaseMs);
  if (engine === "postgresql") {
    // Never waits for a row lock: rows locked right now are being completed by this worker (their
    // lease no longer matters), so renewal can never be part of a deadlock.
    return (yield q.run(
      `UPDATE "OutboxMessage" SET "leaseUntil" = ?
        WHERE "id" IN (SELECT "id" FROM "OutboxMessage" WHERE "lockedBy" = ? AND "status" = 'sending' FOR UPDATE SKIP LOCKED)`,
      [until, workerId],
    )) as number;
  }
  return (yield q.run(`UPDATE "OutboxMessage" SET "leaseUntil" = ? WHERE "lockedBy" = ? AND "status" = 'sending'`, [until, workerId])) as number;
}

export type Completion =
  | { kind: "sent"; id: string; attempt: number; reply: string | null; durationMs: number; at: Date; log: MailLogEntry }
  | { kind: "retry"; id: string; attempt: number; reply: string | null; error: string; nextAttemptAt: Date; durationMs: number; at: Date; log: MailLogEntry }
  | { kind: "dead"; id: string; attempt: number; reply: string | null; error: string; durationMs: number; at: Date; log: MailLogEntry }
  /** Handed back unsent (shutdown, paused worker, token needed): no attempt is counted. */
  | { kind: "released"; id: string; attempt: number; hadFailed: boolean; reason: string; at: Date };

export interface MailLogEntry {
  server: string;
  recipients: string;
  subject: string;
  messageId: string;
  transcript: string | null;
}

export interface CompleteResult {
  /** Completions whose message this worker no longer held (its lease had been taken over). */
  lost: string[];
}

/** Applies completions in the transaction `db` is in. */
const SENT = `UPDATE "OutboxMessage" SET "status" = 'sent', "sentAt" = @at, "smtpReply" = @reply, "lastError" = NULL, "lockedBy" = NULL, "leaseUntil" = NULL, "updatedAt" = @at
  WHERE "id" = @id AND "lockedBy" = @worker AND "status" = 'sending' AND "attempts" = @attempt`;
const RETRY = `UPDATE "OutboxMessage" SET "status" = 'failed', "nextAttemptAt" = @next, "smtpReply" = @reply, "lastError" = @error, "lockedBy" = NULL, "leaseUntil" = NULL, "updatedAt" = @at
  WHERE "id" = @id AND "lockedBy" = @worker AND "status" = 'sending' AND "attempts" = @attempt`;
const DEAD = `UPDATE "OutboxMessage" SET "status" = 'dead', "smtpReply" = @reply, "lastError" = @error, "lockedBy" = NULL, "leaseUntil" = NULL, "updatedAt" = @at
  WHERE "id" = @id AND "lockedBy" = @worker AND "status" = 'sending' AND "attempts" = @attempt`;
const RELEASE = `UPDATE "OutboxMessage" SET "status" = @status, "attempts" = CASE WHEN "attempts" > 0 THEN "attempts" - 1 ELSE 0 END, "lockedBy" = NULL, "leaseUntil" = NULL, "updatedAt" = @at
  WHERE "id" = @id AND "lockedBy" = @worker AND "status" = 'sending' AND "attempts" = @attempt`;
const ATTEMPT_COLUMNS = `("messageId", "attempt", "at", "result", "reply", "error", "durationMs", "worker")`;
const LOG_COLUMNS = `("at", "kind", "server", "result", "messageId", "recipients", "subject", "reply", "error", "durationMs", "transcript")`;

/** Applies completions in the transaction `db` is in. */
export function completeIn(db: SqlTx, workerId: string, completions: Completion[]): Promise<CompleteResult> {
  return runSteps(db, completeSteps(db.engine, workerId, completions));
}

/** completeIn as steps, for writeSteps. */
export function* completeSteps(engine: Engine, workerId: string, completions: Completion[]): Steps<CompleteResult> {
  const lost: string[] = [];
  const attempts: unknown[][] = [];
  const logs: unknown[][] = [];
  // PostgreSQL: one UPDATE per kind for the whole batch (a round trip per message would make a
  // worker's results lag behind its sending); SQLite: a statement per message, in process.
  const held = engine === "postgresql" ? yield* updateBatchPg(workerId, completions) : null;
  for (const c of completions) {
    const at = dbTime(c.at);
    if (c.kind === "released") {
      const n = held ? Number(held.has(c.id)) : ((yield q.run(RELEASE, { id: c.id, worker: workerId, at, attempt: c.attempt, status: c.hadFailed ? "failed" : "queued" })) as number);
      if (n === 0) lost.push(c.id);
      continue;
    }
    let changes: number;
    if (held) changes = Number(held.has(c.id));
    else if (c.kind === "sent") changes = (yield q.run(SENT, { id: c.id, worker: workerId, at, attempt: c.attempt, reply: c.reply })) as number;
    else if (c.kind === "retry") {
      changes = (yield q.run(RETRY, { id: c.id, worker: workerId, at, attempt: c.attempt, reply: c.reply, error: c.error, next: dbTime(c.nextAttemptAt) })) as number;
    } else changes = (yield q.run(DEAD, { id: c.id, worker: workerId, at, attempt: c.attempt, reply: c.reply, error: c.error })) as number;
    if (changes === 0) lost.push(c.id);
    // The attempt happened whether or not we still held the message: record it either way, so a
    // delivery made after a lease was taken over shows up as the duplicate it is.
    const result = changes === 0 ? `${c.kind} (lease lost)` : c.kind;
    attempts.push([c.id, c.attempt, at, result, c.reply, c.kind === "sent" ? null : c.error, c.durationMs, workerId]);
    logs.push([
      at,
      "outbox",
      c.log.server,
      c.kind === "sent" ? "ok" : "failed",
      c.log.messageId,
      c.log.recipients,
      c.log.subject,
      c.reply,
      c.kind === "sent" ? null : c.error,
      c.durationMs,
      c.log.transcript,
    ]);
  }
  yield* insertRows("OutboxAttempt", ATTEMPT_COLUMNS, attempts);
  yield* insertRows("MailLog", LOG_COLUMNS, logs);
  return { lost };
}

/**
 * The status updates of a batch on PostgreSQL, one statement per kind, each row fenced on this
 * worker's lease like the per-message statements. Returns the ids this worker still held.
 */
function* updateBatchPg(workerId: string, completions: Completion[]): Steps<Set<string>> {
  const held = new Set<string>();
  const of = <K extends Completion["kind"]>(kind: K) => completions.filter((c): c is Extract<Completion, { kind: K }> => c.kind === kind);
  function* run(sql: string, params: Record<string, unknown>): Steps<void> {
    for (const r of (yield q.all(sql, { ...params, worker: workerId })) as { id: string }[]) held.add(r.id);
  }
  // Fenced like the per-message statements: this worker's lease, and the claim this result
  // belongs to (an old result must not land on a newer claim of the same message).
  const fence = `m."id" = v."id" AND m."lockedBy" = @worker AND m."status" = 'sending' AND m."attempts" = v."attempt" RETURNING m."id"`;
  const sent = of("sent");
  if (sent.length) {
    yield* run(
      `UPDATE "OutboxMessage" m SET "status" = 'sent', "sentAt" = v."at", "smtpReply" = v."reply", "lastError" = NULL, "lockedBy" = NULL, "leaseUntil" = NULL, "updatedAt" = v."at"
         FROM (SELECT * FROM unnest(CAST(@ids AS text[]), CAST(@attempts AS int[]), CAST(@ats AS timestamptz[]), CAST(@replies AS text[])) AS t("id", "attempt", "at", "reply")) v
        WHERE ${fence}`,
      { ids: sent.map((c) => c.id), attempts: sent.map((c) => c.attempt), ats: sent.map((c) => dbTime(c.at)), replies: sent.map((c) => c.reply) },
    );
  }
  const retry = of("retry");
  if (retry.length) {
    yield* run(
      `UPDATE "OutboxMessage" m SET "status" = 'failed', "nextAttemptAt" = v."next", "smtpReply" = v."reply", "lastError" = v."error", "lockedBy" = NULL, "leaseUntil" = NULL, "updatedAt" = v."at"
         FROM (SELECT * FROM unnest(CAST(@ids AS text[]), CAST(@attempts AS int[]), CAST(@ats AS timestamptz[]), CAST(@replies AS text[]), CAST(@errors AS text[]), CAST(@nexts AS timestamptz[])) AS t("id", "attempt", "at", "reply", "error", "next")) v
        WHERE ${fence}`,
      {
        ids: retry.map((c) => c.id),
        attempts: retry.map((c) => c.attempt),
        ats: retry.map((c) => dbTime(c.at)),
        replies: retry.map((c) => c.reply),
        errors: retry.map((c) => c.error),
        nexts: retry.map((c) => dbTime(c.nextAttemptAt)),
      },
    );
  }
  const dead = of("dead");
  if (dead.length) {
    yield* run(
      `UPDATE "OutboxMessage" m SET "status" = 'dead', "smtpReply" = v."reply", "lastError" = v."error", "lockedBy" = NULL, "leaseUntil" = NULL, "updatedAt" = v."at"
         FROM (SELECT * FROM unnest(CAST(@ids AS text[]), CAST(@attempts AS int[]), CAST(@ats AS timestamptz[]), CAST(@replies AS text[]), CAST(@errors AS text[])) AS t("id", "attempt", "at", "reply", "error")) v
        WHERE ${fence}`,
      { ids: dead.map((c) => c.id), attempts: dead.map((c) => c.attempt), ats: dead.map((c) => dbTime(c.at)), replies: dead.map((c) => c.reply), errors: dead.map((c) => c.error) },
    );
  }
  const released = of("released");
  if (released.length) {
    yield* run(
      `UPDATE "OutboxMessage" m SET "status" = v."status", "attempts" = GREATEST(m."attempts" - 1, 0), "lockedBy" = NULL, "leaseUntil" = NULL, "updatedAt" = v."at"
         FROM (SELECT * FROM unnest(CAST(@ids AS text[]), CAST(@attempts AS int[]), CAST(@ats AS timestamptz[]), CAST(@statuses AS text[])) AS t("id", "attempt", "at", "status")) v
        WHERE ${fence}`,
      { ids: released.map((c) => c.id), attempts: released.map((c) => c.attempt), ats: released.map((c) => dbTime(c.at)), statuses: released.map((c) => (c.hadFailed ? "failed" : "queued")) },
    );
  }
  return held;
}

/** Multi-row INSERT in chunks (one round trip per chunk on PostgreSQL). */
function* insertRows(table: string, columns: string, rows: unknown[][], chunk = 200): Steps<void> {
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const marks = part.map((r) => `(${r.map(() => "?").join(", ")})`).join(", ");
    yield q.run(`INSERT INTO "${table}" ${columns} VALUES ${marks}`, part.flat());
  }
}

/** Row counts per status. */
export async function statusCountsIn(db: SqlTx): Promise<Record<OutboxStatus, number>> {
  const out = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const r of await db.all<{ status: OutboxStatus; n: number }>(`SELECT "status", COUNT(*) AS "n" FROM "OutboxMessage" GROUP BY "status"`)) {
    out[r.status] = Number(r.n);
  }
  return out;
}

/**
 * Deletes finished messages (sent, dead, cancelled) created before `cutoff`, with their attempts,
 * at most `limit` at a time (short transactions; the caller repeats). Returns how many went.
 */
export async function purgeFinishedIn(db: SqlTx, cutoff: Date, limit = 1000): Promise<number> {
  const gone = await db.all<{ id: string }>(
    `DELETE FROM "OutboxMessage" WHERE "id" IN (
       SELECT "id" FROM "OutboxMessage" WHERE "createdAt" < ? AND "status" IN ('sent', 'dead', 'cancelled') ORDER BY "createdAt" LIMIT ?)
     RETURNING "id"`,
    [dbTime(cutoff), limit],
  );
  for (let i = 0; i < gone.length; i += 500) {
    const ids = gone.slice(i, i + 500).map((r) => r.id);
    await db.run(`DELETE FROM "OutboxAttempt" WHERE "messageId" IN (${ids.map(() => "?").join(", ")})`, ids);
    await db.run(`DELETE FROM "OutboxContent" WHERE "id" IN (${ids.map(() => "?").join(", ")})`, ids);
  }
  return gone.length;
}
