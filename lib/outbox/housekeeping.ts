import "server-only";
// What the outbox worker does on the side so that no table grows without end. Kept apart from
// the send loop: each job is a plain function of the time, which the worker calls on its own
// rhythm (heartbeat, after writing results) and a test calls directly.
//   - finished messages (sent, dead, cancelled) past HERALD_OUTBOX_RETENTION_DAYS, with their
//     attempts, in short transactions of a thousand;
//   - heartbeat rows of workers gone for a day, and Idempotency-Key records older than a day
//     (the API promises a replay for 24 hours);
//   - the mail log past HERALD_MAIL_LOG_DAYS (lib/db/mail-log throttles it to once a minute).
import { env } from "@/lib/env";
import { purgeMailLog } from "@/lib/db/mail-log";
import { dbTime, writeTx, type SqlTx } from "@/lib/db/sql";
import { purgeFinishedIn } from "./store";

const DAY_MS = 86_400_000;
const PURGE_BATCH = 1000;
// Twenty batches a call at most: a backlog of old mail is worked off over several minutes rather
// than in one long burst of write locks the API is waiting for.
const PURGE_ROUNDS = 20;

/**
 * Deletes finished messages created more than `retentionDays` before `now`, batch by batch, until
 * fewer than a batch are left, PURGE_ROUNDS have run, or `stopping()` says the worker is going.
 * Returns how many went.
 */
export async function purgeFinishedMessages(
  opts: { now?: number; retentionDays?: number; stopping?: () => boolean } = {},
): Promise<number> {
  const now = opts.now ?? Date.now();
  const cutoff = new Date(now - (opts.retentionDays ?? env().HERALD_OUTBOX_RETENTION_DAYS) * DAY_MS);
  let total = 0;
  for (let round = 0; round < PURGE_ROUNDS && !opts.stopping?.(); round++) {
    const n = await writeTx((db) => purgeFinishedIn(db, cutoff, PURGE_BATCH));
    total += n;
    if (n < PURGE_BATCH) break;
  }
  return total;
}

/**
 * Forgets rows that have outlived their use a day after they were last touched: heartbeats of
 * workers that are gone, and Idempotency-Key records. Runs inside the caller's transaction (the
 * heartbeat's), so it costs no extra write lock.
 */
export async function forgetStaleRows(db: SqlTx, now = Date.now()): Promise<void> {
  const dayAgo = dbTime(now - DAY_MS);
  await db.run(`DELETE FROM "OutboxWorker" WHERE "seenAt" < ?`, [dayAgo]);
  await db.run(`DELETE FROM "IdempotencyRecord" WHERE "createdAt" < ?`, [dayAgo]);
}

/** Drops mail-log entries past their retention; never fails the caller (it is housekeeping). */
export async function trimMailLog(now = Date.now()): Promise<void> {
  await purgeMailLog(now).catch(() => undefined);
}
