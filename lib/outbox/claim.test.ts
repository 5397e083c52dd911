// Claim, lease, fencing and release on a real database (SQLite file, or a PostgreSQL schema when
// HERALD_TEST_PG_URL is set), with a second connection standing in for a second worker process.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { testEngine, useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections, row, rows } from "@/lib/testing/db";
import { dbTime, read, toDate, writeTx } from "@/lib/db/sql";
import { claimIn, completeIn, renewIn, statusCountsIn, type ClaimedMessage } from "./store";
import { enqueue } from "./enqueue";
import { otherConnection, testMessage, type OtherConnection } from "./testing";

const log = { server: "test", recipients: "x", subject: "s", messageId: "<m>", transcript: null };

describe("outbox claim and lease", () => {
  let other: OtherConnection;
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
    await enqueue(null, Array.from({ length: 10 }, (_, i) => testMessage(i)), { source: "test" });
    other = await otherConnection();
  });
  afterEach(async () => {
    await other.close();
    await closeConnections();
  });

  it("two workers claiming in turn get disjoint messages, in queue order, and nothing twice", async () => {
    const a = await writeTx((d) => claimIn(d, "A", 4, 60_000));
    const b = await other.transaction((d) => claimIn(d, "B", 100, 60_000));
    const c = await writeTx((d) => claimIn(d, "A", 100, 60_000));
    expect(a).toHaveLength(4);
    expect(b).toHaveLength(6);
    expect(c).toHaveLength(0);
    const ids = [...a, ...b].map((m) => m.id);
    expect(new Set(ids).size).toBe(10);
    expect(a.map((m) => m.id)).toEqual([...a.map((m) => m.id)].sort());
    expect(a.every((m) => m.attempts === 1)).toBe(true);
    expect(await rows(`SELECT "lockedBy", COUNT(*) AS "n" FROM "OutboxMessage" GROUP BY "lockedBy" ORDER BY "lockedBy"`)).toEqual([
      { lockedBy: "A", n: 4 },
      { lockedBy: "B", n: 6 },
    ]);
  });

  it("two workers claiming at the same time never wait on each other's claim and never share a message", async () => {
    if (testEngine() === "postgresql") {
      // FOR UPDATE SKIP LOCKED: while A's claim transaction is still open (its rows locked), B
      // claims on its own connection and gets the other messages at once. B's lock_timeout turns
      // any wait on A's row locks into an error (55P03) instead of a hang.
      const b = await otherConnection({ lockTimeoutMs: 1000 });
      try {
        let fromB: ClaimedMessage[] = [];
        let bTookMs = 0;
        const fromA = await writeTx(async (d) => {
          const mine = await claimIn(d, "A", 4, 60_000);
          const t0 = Date.now();
          fromB = await b.transaction((tb) => claimIn(tb, "B", 100, 60_000));
          bTookMs = Date.now() - t0;
          return mine;
        });
        expect(fromA).toHaveLength(4);
        expect(fromB).toHaveLength(6);
        expect(bTookMs).toBeLessThan(1000);
        const ids = new Set([...fromA, ...fromB].map((m) => m.id));
        expect(ids.size).toBe(10);
        expect(await rows(`SELECT "lockedBy", COUNT(*) AS "n" FROM "OutboxMessage" GROUP BY "lockedBy" ORDER BY "lockedBy"`)).toEqual([
          { lockedBy: "A", n: 4 },
          { lockedBy: "B", n: 6 },
        ]);
      } finally {
        await b.close();
      }
    } else {
      // SQLite has one writer at a time: while A's claim transaction holds the write lock (BEGIN
      // IMMEDIATE), B cannot even begin one — it gets SQLITE_BUSY — so it can never read the rows
      // A is claiming. After A commits, B gets the other messages.
      const b = await otherConnection({ lockTimeoutMs: 50 });
      try {
        let busy: unknown = null;
        const fromA = await writeTx(async (d) => {
          const mine = await claimIn(d, "A", 4, 60_000);
          busy = await b.transaction((tb) => claimIn(tb, "B", 100, 60_000)).then(
            () => null,
            (e: unknown) => e,
          );
          return mine;
        });
        expect((busy as { code?: string } | null)?.code).toBe("SQLITE_BUSY");
        expect(fromA).toHaveLength(4);
        const fromB = await b.transaction((tb) => claimIn(tb, "B", 100, 60_000));
        expect(fromB).toHaveLength(6);
        expect(new Set([...fromA, ...fromB].map((m) => m.id)).size).toBe(10);
      } finally {
        await b.close();
      }
    }
  });

  it("a message whose lease expired (its worker died) is taken again, and counts the attempt", async () => {
    const t0 = new Date("2030-01-01T00:00:00Z");
    const first = await writeTx((d) => claimIn(d, "dead-worker", 1, 1000, t0));
    expect(first).toHaveLength(1);
    // Within the lease: not available, only the 9 others are.
    const during = await other.transaction((d) => claimIn(d, "B", 100, 1000, new Date(t0.getTime() + 500)));
    expect(during.map((m) => m.id)).not.toContain(first[0]!.id);
    // After it: taken again by B.
    const after = await other.transaction((d) => claimIn(d, "B", 100, 1000, new Date(t0.getTime() + 1001)));
    const again = after.find((m) => m.id === first[0]!.id);
    expect(again).toBeDefined();
    expect(again!.attempts).toBe(2);
  });

  it("a live worker renews its lease, so its messages are not taken from it", async () => {
    const t0 = new Date("2030-01-01T00:00:00Z");
    const held = await writeTx((d) => claimIn(d, "A", 2, 1000, t0));
    expect(await writeTx((d) => renewIn(d, "A", 1000, new Date(t0.getTime() + 900)))).toBe(2);
    const later = await other.transaction((d) => claimIn(d, "B", 100, 1000, new Date(t0.getTime() + 1500)));
    expect(later.map((m) => m.id)).not.toContain(held[0]!.id);
    expect(later.map((m) => m.id)).not.toContain(held[1]!.id);
  });

  it("a worker that lost its lease cannot overwrite the new holder's result (fencing)", async () => {
    const t0 = new Date("2030-01-01T00:00:00Z");
    const [m] = await writeTx((d) => claimIn(d, "slow", 1, 1000, t0));
    const [taken] = await other.transaction((d) => claimIn(d, "fast", 1, 60_000, new Date(t0.getTime() + 2000)));
    expect(taken!.id).toBe(m!.id);
    const at = new Date(t0.getTime() + 2500);
    const slow = await writeTx((d) => completeIn(d, "slow", [{ kind: "dead", id: m!.id, attempt: 1, reply: "550 x", error: "x", durationMs: 1, at, log }]));
    expect(slow.lost).toEqual([m!.id]);
    const fast = await other.transaction((d) => completeIn(d, "fast", [{ kind: "sent", id: m!.id, attempt: 2, reply: "250 ok", durationMs: 1, at, log }]));
    expect(fast.lost).toEqual([]);
    expect(await row(`SELECT "status", "smtpReply", "lockedBy" FROM "OutboxMessage" WHERE "id" = ?`, [m!.id])).toEqual({
      status: "sent",
      smtpReply: "250 ok",
      lockedBy: null,
    });
    // Both attempts are on record; the stale one is marked.
    expect(await rows(`SELECT "worker", "result" FROM "OutboxAttempt" WHERE "messageId" = ? ORDER BY "id"`, [m!.id])).toEqual([
      { worker: "slow", result: "dead (lease lost)" },
      { worker: "fast", result: "sent" },
    ]);
    // And each delivery has a mail log row.
    expect(await row(`SELECT COUNT(*) AS "n" FROM "MailLog" WHERE "kind" = 'outbox'`)).toEqual({ n: 2 });
  });

  it("an old result cannot land on a newer claim of the same message by the same worker", async () => {
    const t0 = new Date("2030-01-01T00:00:00Z");
    const [m] = await writeTx((d) => claimIn(d, "A", 1, 1000, t0));
    expect(m!.attempts).toBe(1);
    // A's lease ran out before its result was written (a stalled flush); A claims the message again.
    const again = await writeTx((d) => claimIn(d, "A", 100, 60_000, new Date(t0.getTime() + 2000)));
    expect(again.find((x) => x.id === m!.id)?.attempts).toBe(2);
    const at = new Date(t0.getTime() + 2500);
    // The result of the first claim arrives now: it belongs to attempt 1, the row is at attempt 2.
    const stale = await writeTx((d) => completeIn(d, "A", [{ kind: "sent", id: m!.id, attempt: 1, reply: "250 first", durationMs: 1, at, log }]));
    expect(stale.lost).toEqual([m!.id]);
    expect(await row(`SELECT "status", "attempts", "lockedBy" FROM "OutboxMessage" WHERE "id" = ?`, [m!.id])).toEqual({ status: "sending", attempts: 2, lockedBy: "A" });
    const current = await writeTx((d) => completeIn(d, "A", [{ kind: "sent", id: m!.id, attempt: 2, reply: "250 second", durationMs: 1, at, log }]));
    expect(current.lost).toEqual([]);
    expect(await row(`SELECT "status", "smtpReply" FROM "OutboxMessage" WHERE "id" = ?`, [m!.id])).toEqual({ status: "sent", smtpReply: "250 second" });
  });

  it("renewal and completion of one worker's messages at the same moment both succeed (no deadlock)", async () => {
    await enqueue(null, Array.from({ length: 300 }, (_, i) => testMessage(100 + i)), { source: "test" });
    const held: ClaimedMessage[] = [];
    for (;;) {
      const c = await writeTx((d) => claimIn(d, "A", 100, 60_000));
      if (!c.length) break;
      held.push(...c);
    }
    // Results in the order sends finish, not in id order.
    const shuffled = [...held].sort(() => Math.random() - 0.5);
    const at = new Date();
    const done = shuffled.map((m) => ({ kind: "sent" as const, id: m.id, attempt: m.attempts, reply: "250 ok", durationMs: 1, at, log }));
    const [completed, renewed] = await Promise.all([
      writeTx((d) => completeIn(d, "A", done)),
      other.transaction((d) => renewIn(d, "A", 60_000)),
    ]);
    expect(completed.lost).toEqual([]);
    expect(renewed).toBeGreaterThanOrEqual(0);
    expect(await read((d) => statusCountsIn(d))).toMatchObject({ sent: held.length, sending: 0 });
  });

  it("release gives a message back without counting the attempt; retry schedules it, dead ends it", async () => {
    const t0 = new Date("2030-01-01T00:00:00Z");
    const [a, b, c] = await writeTx((d) => claimIn(d, "A", 3, 60_000, t0));
    const next = new Date(t0.getTime() + 30_000);
    await writeTx((d) =>
      completeIn(d, "A", [
        { kind: "released", id: a!.id, attempt: 1, hadFailed: false, reason: "stopping", at: t0 },
        { kind: "retry", id: b!.id, attempt: 1, reply: "451 try later", error: "busy", nextAttemptAt: next, durationMs: 3, at: t0, log },
        { kind: "dead", id: c!.id, attempt: 1, reply: "550 no", error: "refused", durationMs: 3, at: t0, log },
      ]),
    );
    const get = async (id: string) =>
      (await row(`SELECT "status", "attempts", "lockedBy", "nextAttemptAt" FROM "OutboxMessage" WHERE "id" = ?`, [id])) as Record<string, unknown>;
    expect(await get(a!.id)).toMatchObject({ status: "queued", attempts: 0, lockedBy: null });
    const rb = await get(b!.id);
    expect(rb).toMatchObject({ status: "failed", attempts: 1, lockedBy: null });
    expect(toDate(rb.nextAttemptAt)).toEqual(next);
    // On SQLite the time is stored as text exactly as Prisma writes it, so the two sort alike.
    if (testEngine() === "sqlite") expect(rb.nextAttemptAt).toBe(dbTime(next));
    expect(await get(c!.id)).toMatchObject({ status: "dead", attempts: 1 });
    // b is not due before its time, a is due at once.
    const soon = (await writeTx((d) => claimIn(d, "A", 100, 60_000, new Date(t0.getTime() + 1000)))).map((m) => m.id);
    expect(soon).toContain(a!.id);
    expect(soon).not.toContain(b!.id);
    const later = (await writeTx((d) => claimIn(d, "A", 100, 60_000, new Date(t0.getTime() + 31_000)))).map((m) => m.id);
    expect(later).toEqual([b!.id]);
    expect(await read((d) => statusCountsIn(d))).toMatchObject({ dead: 1, sending: 9 });
  });
});
