// enqueue() in the caller's transaction wakes the workers only once that transaction has
// committed: a worker woken before the commit finds nothing to claim and sleeps until its next
// poll (a minute, on a quiet installation) — the same lost wake-up as a NOTIFY before LISTEN.
// A rolled-back transaction wakes nobody. Real database (SQLite file, or PostgreSQL with
// HERALD_TEST_PG_URL), the real in-process signal the worker listens to.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections, row } from "@/lib/testing/db";
import { writeTx } from "@/lib/db/sql";
import { enqueue } from "./enqueue";
import { outboxSignal } from "./signal";
import { testMessage } from "./testing";

const count = async () => (await row<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "OutboxMessage"`))!.n;

describe("the wake-up of an enqueue in the caller's transaction", () => {
  const woken: { at: "in-tx" | "after"; stored: number }[] = [];
  let phase: "in-tx" | "after" = "in-tx";
  const onEnqueued = () => {
    // What a woken worker would see: count on another connection at the moment of the wake-up.
    void count().then((stored) => woken.push({ at: phase, stored }));
  };
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
    woken.length = 0;
    outboxSignal().on("enqueued", onEnqueued);
  });
  afterEach(async () => {
    outboxSignal().off("enqueued", onEnqueued);
    await closeConnections();
  });

  it("comes after the commit, when the messages can be claimed", async () => {
    phase = "in-tx";
    await writeTx(async (tx) => {
      await enqueue(tx, [testMessage(1), testMessage(2)], { source: "test" });
      // Later work of the caller's transaction: nobody has been woken yet.
      await tx.run(`UPDATE "OutboxMessage" SET "subject" = "subject" WHERE 1 = 0`);
      expect(woken).toEqual([]);
    });
    phase = "after";
    await expect.poll(() => woken.length).toBe(1);
    expect(woken[0]).toEqual({ at: "after", stored: 2 });
  });

  it("never comes when the caller's transaction rolls back", async () => {
    await expect(
      writeTx(async (tx) => {
        await enqueue(tx, [testMessage(3)], { source: "test" });
        throw new Error("the caller fails after enqueue");
      }),
    ).rejects.toThrow("the caller fails after enqueue");
    await new Promise((r) => setImmediate(r));
    expect(woken).toEqual([]);
    expect(await count()).toBe(0);
  });
});
