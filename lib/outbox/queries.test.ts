// What the console and the API read from the outbox (filters, batches, hourly figures) and the
// admin actions (retry, cancel), on a real database: SQLite, or PostgreSQL with HERALD_TEST_PG_URL.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections, failInserts, rows } from "@/lib/testing/db";
import { writeTx } from "@/lib/db/sql";
import { claimIn, completeIn } from "./store";
import { enqueue } from "./enqueue";
import { testMessage } from "./testing";
import { activeBatches, activityStats, getMessage, hourlyStats, idsMatching, listMessages, statusCounts } from "./queries";
import { cancelMessages, retryMessages } from "./commands";

const log = { server: "test", recipients: "x", subject: "s", messageId: "<m>", transcript: null };

describe("outbox queries", () => {
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
  });
  afterEach(() => closeConnections());

  it("filters by part of a recipient address whatever its case, on every engine", async () => {
    const [ada, grace] = [testMessage(1, { to: ["Ada.Lovelace@Example.COM"] }), testMessage(2, { to: ["grace@example.com"] })];
    await enqueue(null, [ada, grace, testMessage(3)], { source: "test" });
    for (const part of ["lovelace@example.com", "ADA.LOVELACE", "Ada.Lovelace@Example.COM"]) {
      const { rows: found, total } = await listMessages({ recipient: part });
      expect({ part, ids: found.map((m) => m.id), total }).toEqual({ part, ids: [ada.id], total: 1 });
      expect(await idsMatching({ recipient: part })).toEqual([ada.id]);
    }
    expect((await listMessages({ recipient: "GRACE@" })).rows.map((m) => m.to)).toEqual(["grace@example.com"]);
    expect((await listMessages({})).total).toBe(3);
  });

  it("retry requeues dead messages with a fresh budget; cancel stops queued ones only; both are on record", async () => {
    const msgs = [testMessage(1), testMessage(2), testMessage(3)];
    await enqueue(null, msgs, { source: "test" });
    const [m] = await writeTx((d) => claimIn(d, "W", 1, 60_000));
    await writeTx((d) => completeIn(d, "W", [{ kind: "dead", id: m!.id, attempt: 1, reply: "550 no", error: "refused", durationMs: 1, at: new Date(), log }]));
    expect(await statusCounts()).toMatchObject({ queued: 2, dead: 1 });

    expect(await retryMessages([m!.id], "ada@example.com")).toBe(1);
    const again = await getMessage(m!.id);
    expect(again).toMatchObject({ status: "queued", attempts: 0 });
    expect(again!.history.map((h) => [h.result, h.error])).toEqual([
      ["dead", "refused"],
      ["requeued", "Requeued by ada@example.com."],
    ]);

    const queued = msgs.filter((x) => x.id !== m!.id).map((x) => x.id);
    const [sentOne] = await writeTx((d) => claimIn(d, "W", 1, 60_000));
    await writeTx((d) => completeIn(d, "W", [{ kind: "sent", id: sentOne!.id, attempt: 1, reply: "250 ok", durationMs: 1, at: new Date(), log }]));
    // A sent message cannot be cancelled; queued ones can.
    const cancellable = [...queued, m!.id].filter((id) => id !== sentOne!.id);
    expect(await cancelMessages([sentOne!.id, ...cancellable], "ada@example.com")).toBe(cancellable.length);
    expect(await statusCounts()).toMatchObject({ sent: 1, cancelled: cancellable.length, queued: 0 });
    expect(await rows(`SELECT COUNT(*) AS "n" FROM "OutboxAttempt" WHERE "result" = 'cancelled'`)).toEqual([{ n: cancellable.length }]);
    expect(await rows(`SELECT "action", "actor", "detail" FROM "AuditEvent" ORDER BY "id"`)).toEqual([
      { action: "outbox.retry", actor: "ada@example.com", detail: JSON.stringify({ count: 1 }) },
      { action: "outbox.cancel", actor: "ada@example.com", detail: JSON.stringify({ count: cancellable.length }) },
    ]);
  });

  it("a retry or cancel and its audit row commit together, and a bulk one names its filter", async () => {
    const msgs = [testMessage(1), testMessage(2)];
    await enqueue(null, msgs, { source: "test" });
    await failInserts("AuditEvent", "action", "outbox.cancel");
    await expect(cancelMessages(msgs.map((m) => m.id), "ada@example.com")).rejects.toThrow(/simulated failure/);
    expect(await statusCounts()).toMatchObject({ queued: 2, cancelled: 0 });
    expect(await rows(`SELECT COUNT(*) AS "n" FROM "OutboxAttempt"`)).toEqual([{ n: 0 }]);

    // Nothing matched is on record too (an admin pressed the button).
    expect(await retryMessages([], "bo@example.com", { status: "dead" })).toBe(0);
    expect(await rows(`SELECT "action", "actor", "detail" FROM "AuditEvent"`)).toEqual([
      { action: "outbox.retry", actor: "bo@example.com", detail: JSON.stringify({ count: 0, filter: { status: "dead" } }) },
    ]);
  });

  it("batches in progress and the hourly figures count per batch and per hour", async () => {
    // Half past this hour: every row lands in one hourly bucket, whatever the clock says.
    const now = new Date();
    now.setUTCMinutes(30, 0, 0);
    const batch = [testMessage(1), testMessage(2), testMessage(3)];
    await enqueue(null, batch, { source: "test", batchId: "bat_test", now });
    // Not in the batch, and due a millisecond later: the claim below takes two batch messages.
    await enqueue(null, [testMessage(4)], { source: "test", now: new Date(now.getTime() + 1) });
    const claimed = await writeTx((d) => claimIn(d, "W", 2, 60_000, now));
    await writeTx((d) =>
      completeIn(d, "W", [
        { kind: "sent", id: claimed[0]!.id, attempt: 1, reply: "250 ok", durationMs: 1, at: now, log },
        { kind: "retry", id: claimed[1]!.id, attempt: 1, reply: "451 later", error: "busy", nextAttemptAt: new Date(now.getTime() + 60_000), durationMs: 1, at: now, log },
      ]),
    );

    const batches = await activeBatches();
    expect(batches).toEqual([
      {
        batchId: "bat_test",
        total: 3,
        sent: 1,
        dead: 0,
        cancelled: 0,
        waiting: 2,
        done: 1,
        startedAt: now.toISOString(),
      },
    ]);

    const hours = await hourlyStats(3, now);
    expect(hours).toHaveLength(3);
    const thisHour = new Date(now);
    thisHour.setUTCMinutes(0, 0, 0);
    expect(hours[2]).toEqual({ hour: thisHour.toISOString(), sent: 1, failed: 1, queued: 4 });
    expect(hours.slice(0, 2).every((h) => h.sent === 0 && h.failed === 0 && h.queued === 0)).toBe(true);
  });
});

describe("the dashboard chart's ranges", () => {
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
  });
  afterEach(() => closeConnections());

  it("1 h in 5-minute buckets, 7 d in days; each message in the bucket of its time, on every engine", async () => {
    await enqueue(null, [testMessage(1)], { source: "test" });
    const now = new Date(Date.now() + 1000);
    const total = (b: { queued: number }[]) => b.reduce((n, x) => n + x.queued, 0);
    const hour = await activityStats("1h", now);
    expect(hour).toHaveLength(12);
    expect(Date.parse(hour[1]!.start) - Date.parse(hour[0]!.start)).toBe(5 * 60_000);
    expect(Date.parse(hour[11]!.start)).toBe(Math.floor(now.getTime() / 300_000) * 300_000);
    expect(total(hour)).toBe(1);
    expect(hour.findIndex((b) => b.queued === 1)).toBeGreaterThanOrEqual(10);
    const week = await activityStats("7d", now);
    expect(week).toHaveLength(7);
    expect(week[6]!.start).toBe(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);
    expect(week[6]!.queued).toBe(1);
    expect(total(await activityStats("24h", now))).toBe(1);
  });
});
