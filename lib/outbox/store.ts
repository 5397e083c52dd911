import "server-only";
// The outbox table's write paths, all on the synchronous connection (see sqlite.ts):
//   enqueue  — messages and the request's idempotency record in one transaction;
//   claim    — one UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING: due messages and messages
//              whose lease expired become "sending" under this worker's name, atomically, so two
//              workers never hold the same message;
//   renew    — extends the lease of everything a live worker holds;
//   complete — results of many sends in one transaction, each fenced by lockedBy, plus their
//              attempt and mail log rows;
//   release  — gives claimed but unsent messages back without counting an attempt.
import { dbTime } from "./sqlite";
import type Database from "better-sqlite3";
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

const INSERT_MESSAGE = `INSERT INTO OutboxMessage
  (id, status, family, language, recipientId, toAddr, ccAddr, bccAddr, fromAddr, replyTo, subject, text, html, messageId,
   attempts, queuedAt, nextAttemptAt, batchId, source, createdAt, updatedAt)
  VALUES (@id, 'queued', @family, @language, @recipientId, @toAddr, @ccAddr, @bccAddr, @fromAddr, @replyTo, @subject, @text, @html, @messageId,
   0, @now, @now, @batchId, @source, @now, @now)`;

/**
 * Stores messages (and the idempotency record, when given) in the transaction `db` is in.
 * Returns the earlier answer instead when the idempotency key was already used.
 */
export function enqueueIn(
  db: Database.Database,
  messages: NewMessage[],
  opts: { source: string; batchId?: string | null; idempotency?: IdempotencyInput; now?: Date },
): EnqueueResult {
  const now = dbTime(opts.now ?? new Date());
  if (opts.idempotency) {
    const i = opts.idempotency;
    const prior = db
      .prepare(`SELECT status, response, requestHash FROM IdempotencyRecord WHERE apiKeyId = ? AND key = ?`)
      .get(i.apiKeyId, i.key) as StoredAnswer | undefined;
    if (prior) return { replay: true, answer: prior };
    db.prepare(`INSERT INTO IdempotencyRecord (apiKeyId, key, requestHash, status, response, createdAt) VALUES (?, ?, ?, ?, ?, ?)`).run(
      i.apiKeyId,
      i.key,
      i.requestHash,
      i.status,
      i.response,
      now,
    );
  }
  const insert = db.prepare(INSERT_MESSAGE);
  for (const m of messages) {
    insert.run({
      id: m.id,
      family: m.family,
      language: m.language,
      recipientId: m.recipientId,
      toAddr: m.to.join(ADDRESS_SEPARATOR),
      ccAddr: m.cc?.length ? m.cc.join(ADDRESS_SEPARATOR) : null,
      bccAddr: m.bcc?.length ? m.bcc.join(ADDRESS_SEPARATOR) : null,
      fromAddr: m.from,
      replyTo: m.replyTo ?? null,
      subject: m.subject,
      text: m.text,
      html: m.html ?? null,
      messageId: m.messageId,
      now,
      batchId: opts.batchId ?? null,
      source: opts.source,
    });
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
export function claimIn(db: Database.Database, workerId: string, limit: number, leaseMs: number, nowDate = new Date()): ClaimedMessage[] {
  const now = dbTime(nowDate);
  const lease = dbTime(nowDate.getTime() + leaseMs);
  // One ordered, index-walking branch per state (queued, failed, and sending under an expired
  // lease — all in order of when they were due), each stopping at `limit`: a single OR would read every due row and sort them,
  // which turns a deep queue into quadratic work.
  const rows = db
    .prepare(
      `UPDATE OutboxMessage
          SET status = 'sending', lockedBy = @worker, leaseUntil = @lease, attempts = attempts + 1, updatedAt = @now
        WHERE id IN (
          SELECT id FROM (
            SELECT id, due FROM (SELECT id, nextAttemptAt AS due FROM OutboxMessage WHERE status = 'queued' AND nextAttemptAt <= @now ORDER BY nextAttemptAt LIMIT @limit)
            UNION ALL
            SELECT id, due FROM (SELECT id, nextAttemptAt AS due FROM OutboxMessage WHERE status = 'failed' AND nextAttemptAt <= @now ORDER BY nextAttemptAt LIMIT @limit)
            UNION ALL
            SELECT id, due FROM (SELECT id, nextAttemptAt AS due FROM OutboxMessage WHERE status = 'sending' AND leaseUntil < @now LIMIT @limit)
          ) ORDER BY due, id LIMIT @limit)
          AND ((status IN ('queued', 'failed') AND nextAttemptAt <= @now) OR (status = 'sending' AND leaseUntil < @now))
      RETURNING id, toAddr, ccAddr, bccAddr, fromAddr, replyTo, subject, text, html, messageId, family, attempts, queuedAt, lastError`,
    )
    .all({ worker: workerId, lease, now, limit }) as (Omit<ClaimedMessage, "queuedAt"> & { queuedAt: string })[];
  // RETURNING order is not guaranteed; keep the queue order.
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.map((r) => ({ ...r, queuedAt: new Date(r.queuedAt) }));
}

/** Whether anything is due (a read: it does not take the write lock that claiming needs). */
export function anyDue(db: Database.Database, nowDate = new Date()): boolean {
  const now = dbTime(nowDate);
  const row = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM OutboxMessage WHERE status = 'queued' AND nextAttemptAt <= @now)
           OR EXISTS (SELECT 1 FROM OutboxMessage WHERE status = 'failed' AND nextAttemptAt <= @now)
           OR EXISTS (SELECT 1 FROM OutboxMessage WHERE status = 'sending' AND leaseUntil < @now) AS due`,
    )
    .get({ now }) as { due: number };
  return row.due === 1;
}

/** Extends the lease of every message `workerId` holds. Returns how many it still holds. */
export function renewIn(db: Database.Database, workerId: string, leaseMs: number, nowDate = new Date()): number {
  return db
    .prepare(`UPDATE OutboxMessage SET leaseUntil = ? WHERE lockedBy = ? AND status = 'sending'`)
    .run(dbTime(nowDate.getTime() + leaseMs), workerId).changes;
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
export function completeIn(db: Database.Database, workerId: string, completions: Completion[]): CompleteResult {
  const lost: string[] = [];
  const sent = db.prepare(
    `UPDATE OutboxMessage SET status = 'sent', sentAt = @at, smtpReply = @reply, lastError = NULL, lockedBy = NULL, leaseUntil = NULL, updatedAt = @at
      WHERE id = @id AND lockedBy = @worker AND status = 'sending'`,
  );
  const retry = db.prepare(
    `UPDATE OutboxMessage SET status = 'failed', nextAttemptAt = @next, smtpReply = @reply, lastError = @error, lockedBy = NULL, leaseUntil = NULL, updatedAt = @at
      WHERE id = @id AND lockedBy = @worker AND status = 'sending'`,
  );
  const dead = db.prepare(
    `UPDATE OutboxMessage SET status = 'dead', smtpReply = @reply, lastError = @error, lockedBy = NULL, leaseUntil = NULL, updatedAt = @at
      WHERE id = @id AND lockedBy = @worker AND status = 'sending'`,
  );
  const release = db.prepare(
    `UPDATE OutboxMessage SET status = @status, attempts = MAX(attempts - 1, 0), lockedBy = NULL, leaseUntil = NULL, updatedAt = @at
      WHERE id = @id AND lockedBy = @worker AND status = 'sending'`,
  );
  const attemptRow = db.prepare(
    `INSERT INTO OutboxAttempt (messageId, attempt, at, result, reply, error, durationMs, worker) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const logRow = db.prepare(
    `INSERT INTO MailLog (at, kind, server, result, messageId, recipients, subject, reply, error, durationMs, transcript)
     VALUES (?, 'outbox', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of completions) {
    const at = dbTime(c.at);
    if (c.kind === "released") {
      const r = release.run({ id: c.id, worker: workerId, at, status: c.hadFailed ? "failed" : "queued" });
      if (r.changes === 0) lost.push(c.id);
      continue;
    }
    let changes: number;
    if (c.kind === "sent") changes = sent.run({ id: c.id, worker: workerId, at, reply: c.reply }).changes;
    else if (c.kind === "retry") changes = retry.run({ id: c.id, worker: workerId, at, reply: c.reply, error: c.error, next: dbTime(c.nextAttemptAt) }).changes;
    else changes = dead.run({ id: c.id, worker: workerId, at, reply: c.reply, error: c.error }).changes;
    if (changes === 0) lost.push(c.id);
    // The attempt happened whether or not we still held the message: record it either way, so a
    // delivery made after a lease was taken over shows up as the duplicate it is.
    const result = changes === 0 ? `${c.kind} (lease lost)` : c.kind;
    attemptRow.run(c.id, c.attempt, at, result, c.reply, c.kind === "sent" ? null : c.error, c.durationMs, workerId);
    logRow.run(
      at,
      c.log.server,
      c.kind === "sent" ? "ok" : "failed",
      c.log.messageId,
      c.log.recipients,
      c.log.subject,
      c.reply,
      c.kind === "sent" ? null : c.error,
      c.durationMs,
      c.log.transcript,
    );
  }
  return { lost };
}

/** Row counts per status. */
export function statusCountsIn(db: Database.Database): Record<OutboxStatus, number> {
  const out = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const r of db.prepare(`SELECT status, COUNT(*) AS n FROM OutboxMessage GROUP BY status`).all() as { status: OutboxStatus; n: number }[]) {
    out[r.status] = r.n;
  }
  return out;
}
