// The worker's housekeeping on a real database (SQLite file, or a PostgreSQL schema when
// HERALD_TEST_PG_URL is set): what goes and — as much the point — what stays.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections, exec, rows } from "@/lib/testing/db";
import { dbTime, writeTx } from "@/lib/db/sql";
import { enqueue } from "./enqueue";
import { testMessage } from "./testing";
import { forgetStaleRows, purgeFinishedMessages, trimMailLog } from "./housekeeping";

const DAY = 86_400_000;

describe("outbox housekeeping", () => {
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
  });
  afterEach(() => closeConnections());

  it("purges finished messages past retention in batches until none is left, and keeps waiting ones", async () => {
    const old = new Date(Date.now() - 40 * DAY);
    const finished = Array.from({ length: 2100 }, (_, i) => testMessage(i));
    const waiting = [testMessage(5000), testMessage(5001)];
    await enqueue(null, [...finished, ...waiting], { source: "test", now: old });
    await exec(`UPDATE "OutboxMessage" SET "status" = 'sent'`);
    await exec(`UPDATE "OutboxMessage" SET "status" = 'failed' WHERE "id" = ?`, [waiting[0]!.id]);
    await exec(`UPDATE "OutboxMessage" SET "status" = 'queued' WHERE "id" = ?`, [waiting[1]!.id]);

    // 39 days of retention leaves 40-day-old mail in reach; 41 does not.
    expect(await purgeFinishedMessages({ retentionDays: 41 })).toBe(0);
    expect(await purgeFinishedMessages({ retentionDays: 39 })).toBe(2100);
    const left = await rows<{ status: string }>(`SELECT "status" FROM "OutboxMessage" ORDER BY "status"`);
    expect(left.map((r) => r.status)).toEqual(["failed", "queued"]);
  });

  it("stops between batches when the worker is stopping", async () => {
    const old = new Date(Date.now() - 40 * DAY);
    await enqueue(null, Array.from({ length: 1500 }, (_, i) => testMessage(i)), { source: "test", now: old });
    await exec(`UPDATE "OutboxMessage" SET "status" = 'dead'`);
    let batches = 0;
    const n = await purgeFinishedMessages({ retentionDays: 30, stopping: () => batches++ >= 1 });
    expect(n).toBe(1000);
    expect(await rows(`SELECT "id" FROM "OutboxMessage"`)).toHaveLength(500);
  });

  it("forgets heartbeats of workers gone for a day and Idempotency-Key records older than a day", async () => {
    const now = Date.now();
    const at = (ms: number) => dbTime(now - ms);
    for (const [id, seen] of [["gone", DAY + 60_000], ["alive", 5_000]] as const) {
      await exec(`INSERT INTO "OutboxWorker" ("id", "pid", "host", "startedAt", "seenAt", "state") VALUES (?, 1, 'h', ?, ?, '{}')`, [id, at(2 * DAY), at(seen)]);
    }
    for (const [key, created] of [["expired", DAY + 60_000], ["fresh", 60 * 60_000]] as const) {
      await exec(`INSERT INTO "IdempotencyRecord" ("apiKeyId", "key", "requestHash", "status", "response", "createdAt") VALUES ('k', ?, 'h', 202, '{}', ?)`, [key, at(created)]);
    }

    await writeTx((db) => forgetStaleRows(db, now));
    expect(await rows(`SELECT "id" FROM "OutboxWorker"`)).toEqual([{ id: "alive" }]);
    expect(await rows(`SELECT "key" FROM "IdempotencyRecord"`)).toEqual([{ key: "fresh" }]);
  });

  it("trims the mail log past HERALD_MAIL_LOG_DAYS (30 by default)", async () => {
    const now = Date.now();
    for (const [subject, age] of [["old", 31 * DAY], ["recent", 29 * DAY]] as const) {
      await exec(`INSERT INTO "MailLog" ("at", "kind", "server", "result", "subject") VALUES (?, 'outbox', 's', 'ok', ?)`, [dbTime(now - age), subject]);
    }
    await trimMailLog(now);
    expect(await rows(`SELECT "subject" FROM "MailLog"`)).toEqual([{ subject: "recent" }]);
  });
});
