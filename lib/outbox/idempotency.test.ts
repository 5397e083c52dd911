// An Idempotency-Key holds when the same request arrives at several console instances at once:
// concurrent transactions on separate connections (PostgreSQL: they race on the record's primary
// key; the losers are re-run and answer the winner's response) store the messages exactly once.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections, row } from "@/lib/testing/db";
import { writeSteps, writeTx } from "@/lib/db/sql";
import { enqueueIn, enqueueSteps } from "./store";
import { testMessage } from "./testing";

describe("idempotent enqueue under concurrency", () => {
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
  });
  afterEach(() => closeConnections());

  it("12 identical requests at once store one set of messages and give one answer", async () => {
    const attempt = (n: number) => {
      const messages = [testMessage(2 * n), testMessage(2 * n + 1)];
      const response = JSON.stringify({ messages: messages.map((m) => m.id) });
      return writeTx((tx) =>
        enqueueIn(tx, messages, {
          source: "api",
          idempotency: { apiKeyId: "key1", key: "same-key", requestHash: "h", status: 202, response },
        }),
      ).then((r) => ({ r, response }));
    };
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(i)));
    const fresh = results.filter((x) => !x.r.replay);
    expect(fresh).toHaveLength(1);
    const winner = fresh[0].response;
    for (const x of results.filter((x) => x.r.replay)) {
      expect(x.r.replay && x.r.answer.response).toBe(winner);
    }
    expect((await row<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "OutboxMessage"`))!.n).toBe(2);
    expect((await row<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "IdempotencyRecord"`))!.n).toBe(1);
  });

  it("the same holds for the steps form the API uses (synchronous on SQLite, awaited on PostgreSQL)", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        writeSteps(() =>
          enqueueSteps([testMessage(n)], {
            source: "api",
            idempotency: { apiKeyId: "key2", key: "k", requestHash: "h", status: 202, response: `answer ${n}` },
          }),
        ),
      ),
    );
    const fresh = results.filter((r) => !r.replay);
    expect(fresh).toHaveLength(1);
    const answers = new Set(results.map((r) => (r.replay ? r.answer.response : null)).filter(Boolean));
    expect(answers.size).toBe(1);
    expect((await row<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "OutboxMessage"`))!.n).toBe(1);
  });
});
