import "server-only";
// The console's admin actions on outbox messages: retry and cancel. Each records an attempt row
// saying who did it, and its audit row, in the same transaction as the change. (Reads are in
// ./queries.)
import { dbTime, writeTx } from "@/lib/db/sql";
import { auditInSql } from "@/lib/db/audit";
import type { OutboxStatus } from "./store";
import type { OutboxFilter } from "./queries";
import { newBatchId } from "./ids";
import { notifyEnqueued } from "./signal";

const RETRYABLE: OutboxStatus[] = ["failed", "dead", "cancelled"];
const CANCELLABLE: OutboxStatus[] = ["queued", "failed"];

/**
 * Puts messages back in the queue now, with a fresh attempt budget: failed (skip the wait), dead
 * and cancelled ones. Returns how many were requeued. The audit row (the count, and `filter` when
 * the ids came from one) is written in the same transaction, also when nothing matched.
 */
export async function retryMessages(ids: string[], actor: string, filter?: OutboxFilter): Promise<number> {
  const now = dbTime(new Date());
  const batch = ids.length > 1 ? newBatchId() : null;
  const n = await writeTx(async (d) => {
    let count = 0;
    for (const id of ids) {
      const changed = await d.run(
        `UPDATE "OutboxMessage" SET "status" = 'queued', "attempts" = 0, "queuedAt" = @now, "nextAttemptAt" = @now, "lockedBy" = NULL, "leaseUntil" = NULL,
                "batchId" = COALESCE(@batch, "batchId"), "updatedAt" = @now
          WHERE "id" = @id AND "status" IN (${RETRYABLE.map((s) => `'${s}'`).join(",")})`,
        { id, now, batch },
      );
      if (changed) {
        count++;
        await d.run(
          `INSERT INTO "OutboxAttempt" ("messageId", "attempt", "at", "result", "reply", "error", "durationMs", "worker") VALUES (?, 0, ?, 'requeued', NULL, ?, NULL, NULL)`,
          [id, now, `Requeued by ${actor}.`],
        );
      }
    }
    await auditInSql(d, { action: "outbox.retry", actor, target: null, detail: { count, ...(filter ? { filter } : {}) } });
    return count;
  });
  notifyEnqueued(n);
  return n;
}

/** Cancels messages that are waiting (queued or failed), audited like retryMessages; one being sent cannot be stopped. */
export async function cancelMessages(ids: string[], actor: string, filter?: OutboxFilter): Promise<number> {
  const now = dbTime(new Date());
  return writeTx(async (d) => {
    let count = 0;
    for (const id of ids) {
      const changed = await d.run(
        `UPDATE "OutboxMessage" SET "status" = 'cancelled', "updatedAt" = @now WHERE "id" = @id AND "status" IN (${CANCELLABLE.map((s) => `'${s}'`).join(",")})`,
        { id, now },
      );
      if (changed) {
        count++;
        await d.run(
          `INSERT INTO "OutboxAttempt" ("messageId", "attempt", "at", "result", "reply", "error", "durationMs", "worker") VALUES (?, 0, ?, 'cancelled', NULL, ?, NULL, NULL)`,
          [id, now, `Cancelled by ${actor}.`],
        );
      }
    }
    await auditInSql(d, { action: "outbox.cancel", actor, target: null, detail: { count, ...(filter ? { filter } : {}) } });
    return count;
  });
}
