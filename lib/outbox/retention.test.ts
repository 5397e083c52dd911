// Outbox retention: finished messages (sent, dead, cancelled) older than the cutoff go, with their
// attempts, in bounded batches; waiting ones (queued, failed) stay however old, and so does
// anything newer. On either engine.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections, exec, row, rows } from "@/lib/testing/db";
import { writeTx } from "@/lib/db/sql";
import { purgeFinishedIn } from "./store";
import { enqueue } from "./enqueue";
import { testMessage } from "./testing";

const DAY = 86_400_000;

describe("outbox retention", () => {
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
  });
  afterEach(() => closeConnections());

  it("removes old finished messages and their attempts, keeps waiting and recent ones", async () => {
    const old = new Date(Date.now() - 40 * DAY);
    const statuses = ["sent", "dead", "cancelled", "queued", "failed"] as const;
    const oldMsgs = statuses.map((_, i) => testMessage(i));
    await enqueue(null, oldMsgs, { source: "test", now: old });
    const recent = testMessage(99);
    await enqueue(null, [recent], { source: "test" });
    for (const [i, status] of statuses.entries()) {
      await exec(`UPDATE "OutboxMessage" SET "status" = ? WHERE "id" = ?`, [status, oldMsgs[i]!.id]);
      await exec(`INSERT INTO "OutboxAttempt" ("messageId", "attempt", "at", "result") VALUES (?, 1, ?, ?)`, [oldMsgs[i]!.id, old, status]);
    }
    await exec(`UPDATE "OutboxMessage" SET "status" = 'sent' WHERE "id" = ?`, [recent.id]);

    const n = await writeTx((d) => purgeFinishedIn(d, new Date(Date.now() - 30 * DAY)));
    expect(n).toBe(3);
    const left = await rows<{ id: string; status: string }>(`SELECT "id", "status" FROM "OutboxMessage" ORDER BY "status"`);
    expect(left.map((r) => r.status).sort()).toEqual(["failed", "queued", "sent"]);
    expect(left.find((r) => r.status === "sent")!.id).toBe(recent.id);
    const attempts = await rows<{ result: string }>(`SELECT "result" FROM "OutboxAttempt" ORDER BY "result"`);
    expect(attempts.map((a) => a.result)).toEqual(["failed", "queued"]);
  });

  it("works in bounded batches", async () => {
    const old = new Date(Date.now() - 40 * DAY);
    await enqueue(null, Array.from({ length: 250 }, (_, i) => testMessage(i)), { source: "test", now: old });
    await exec(`UPDATE "OutboxMessage" SET "status" = 'sent'`);
    const cutoff = new Date(Date.now() - DAY);
    const rounds: number[] = [];
    for (;;) {
      const n = await writeTx((d) => purgeFinishedIn(d, cutoff, 100));
      rounds.push(n);
      if (n < 100) break;
    }
    expect(rounds).toEqual([100, 100, 50]);
    expect(await row(`SELECT COUNT(*) AS "n" FROM "OutboxMessage"`)).toEqual({ n: 0 });
  });
});
