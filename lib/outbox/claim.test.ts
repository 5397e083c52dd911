// Claim, lease, fencing and release on a real SQLite file, with a second connection standing in
// for a second worker process.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import type Database from "better-sqlite3";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeSqlite, runImmediate, sqlite } from "./sqlite";
import { claimIn, completeIn, enqueueIn, renewIn, statusCountsIn } from "./store";
import { otherConnection, testMessage } from "./testing";

function immediate<T>(d: Database.Database, fn: (d: Database.Database) => T): T {
  d.exec("BEGIN IMMEDIATE");
  try {
    const r = fn(d);
    d.exec("COMMIT");
    return r;
  } catch (e) {
    d.exec("ROLLBACK");
    throw e;
  }
}

const log = { server: "test", recipients: "x", subject: "s", messageId: "<m>", transcript: null };

describe("outbox claim and lease", () => {
  let other: Database.Database;
  beforeEach(() => {
    useFreshDataDir();
    closeSqlite();
    runImmediate((d) => enqueueIn(d, Array.from({ length: 10 }, (_, i) => testMessage(i)), { source: "test" }));
    other = otherConnection();
  });
  afterEach(() => {
    other.close();
    closeSqlite();
  });

  it("two workers claiming in turn get disjoint messages, in queue order, and nothing twice", () => {
    const a = runImmediate((d) => claimIn(d, "A", 4, 60_000));
    const b = immediate(other, (d) => claimIn(d, "B", 100, 60_000));
    const c = runImmediate((d) => claimIn(d, "A", 100, 60_000));
    expect(a).toHaveLength(4);
    expect(b).toHaveLength(6);
    expect(c).toHaveLength(0);
    const ids = [...a, ...b].map((m) => m.id);
    expect(new Set(ids).size).toBe(10);
    expect(a.map((m) => m.id)).toEqual([...a.map((m) => m.id)].sort());
    expect(a.every((m) => m.attempts === 1)).toBe(true);
    const rows = sqlite().prepare(`SELECT lockedBy, COUNT(*) AS n FROM OutboxMessage GROUP BY lockedBy ORDER BY lockedBy`).all();
    expect(rows).toEqual([
      { lockedBy: "A", n: 4 },
      { lockedBy: "B", n: 6 },
    ]);
  });

  it("a message whose lease expired (its worker died) is taken again, and counts the attempt", () => {
    const t0 = new Date("2030-01-01T00:00:00Z");
    const first = runImmediate((d) => claimIn(d, "dead-worker", 1, 1000, t0));
    expect(first).toHaveLength(1);
    // Within the lease: not available, only the 9 others are.
    const during = immediate(other, (d) => claimIn(d, "B", 100, 1000, new Date(t0.getTime() + 500)));
    expect(during.map((m) => m.id)).not.toContain(first[0].id);
    // After it: taken again by B.
    const after = immediate(other, (d) => claimIn(d, "B", 100, 1000, new Date(t0.getTime() + 1001)));
    const again = after.find((m) => m.id === first[0].id);
    expect(again).toBeDefined();
    expect(again!.attempts).toBe(2);
  });

  it("a live worker renews its lease, so its messages are not taken from it", () => {
    const t0 = new Date("2030-01-01T00:00:00Z");
    const held = runImmediate((d) => claimIn(d, "A", 2, 1000, t0));
    expect(runImmediate((d) => renewIn(d, "A", 1000, new Date(t0.getTime() + 900)))).toBe(2);
    const later = immediate(other, (d) => claimIn(d, "B", 100, 1000, new Date(t0.getTime() + 1500)));
    expect(later.map((m) => m.id)).not.toContain(held[0].id);
    expect(later.map((m) => m.id)).not.toContain(held[1].id);
  });

  it("a worker that lost its lease cannot overwrite the new holder's result (fencing)", () => {
    const t0 = new Date("2030-01-01T00:00:00Z");
    const [m] = runImmediate((d) => claimIn(d, "slow", 1, 1000, t0));
    const [taken] = immediate(other, (d) => claimIn(d, "fast", 1, 60_000, new Date(t0.getTime() + 2000)));
    expect(taken.id).toBe(m.id);
    const at = new Date(t0.getTime() + 2500);
    const slow = runImmediate((d) => completeIn(d, "slow", [{ kind: "dead", id: m.id, attempt: 1, reply: "550 x", error: "x", durationMs: 1, at, log }]));
    expect(slow.lost).toEqual([m.id]);
    const fast = immediate(other, (d) => completeIn(d, "fast", [{ kind: "sent", id: m.id, attempt: 2, reply: "250 ok", durationMs: 1, at, log }]));
    expect(fast.lost).toEqual([]);
    const row = sqlite().prepare(`SELECT status, smtpReply, lockedBy FROM OutboxMessage WHERE id = ?`).get(m.id);
    expect(row).toEqual({ status: "sent", smtpReply: "250 ok", lockedBy: null });
    // Both attempts are on record; the stale one is marked.
    const attempts = sqlite().prepare(`SELECT worker, result FROM OutboxAttempt WHERE messageId = ? ORDER BY id`).all(m.id);
    expect(attempts).toEqual([
      { worker: "slow", result: "dead (lease lost)" },
      { worker: "fast", result: "sent" },
    ]);
    // And each delivery has a mail log row.
    expect(sqlite().prepare(`SELECT COUNT(*) AS n FROM MailLog WHERE kind = 'outbox'`).get()).toEqual({ n: 2 });
  });

  it("release gives a message back without counting the attempt; retry schedules it, dead ends it", () => {
    const t0 = new Date("2030-01-01T00:00:00Z");
    const [a, b, c] = runImmediate((d) => claimIn(d, "A", 3, 60_000, t0));
    const next = new Date(t0.getTime() + 30_000);
    runImmediate((d) =>
      completeIn(d, "A", [
        { kind: "released", id: a.id, attempt: 1, hadFailed: false, reason: "stopping", at: t0 },
        { kind: "retry", id: b.id, attempt: 1, reply: "451 try later", error: "busy", nextAttemptAt: next, durationMs: 3, at: t0, log },
        { kind: "dead", id: c.id, attempt: 1, reply: "550 no", error: "refused", durationMs: 3, at: t0, log },
      ]),
    );
    const get = (id: string) => sqlite().prepare(`SELECT status, attempts, lockedBy, nextAttemptAt FROM OutboxMessage WHERE id = ?`).get(id) as Record<string, unknown>;
    expect(get(a.id)).toMatchObject({ status: "queued", attempts: 0, lockedBy: null });
    expect(get(b.id)).toMatchObject({ status: "failed", attempts: 1, lockedBy: null, nextAttemptAt: next.toISOString().replace("Z", "+00:00") });
    expect(get(c.id)).toMatchObject({ status: "dead", attempts: 1 });
    // b is not due before its time, a is due at once.
    const soon = runImmediate((d) => claimIn(d, "A", 100, 60_000, new Date(t0.getTime() + 1000))).map((m) => m.id);
    expect(soon).toContain(a.id);
    expect(soon).not.toContain(b.id);
    const later = runImmediate((d) => claimIn(d, "A", 100, 60_000, new Date(t0.getTime() + 31_000))).map((m) => m.id);
    expect(later).toEqual([b.id]);
    expect(statusCountsIn(sqlite())).toMatchObject({ dead: 1, sending: 9 });
  });
});
