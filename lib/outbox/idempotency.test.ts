// An Idempotency-Key holds when the same request arrives at several console instances at once:
// concurrent transactions on separate connections (PostgreSQL: they race on the record's primary
// key; the losers are re-run and answer the winner's response) store the messages exactly once.
// Everything goes through enqueue(), the outbox's one way in, in the caller's transaction or its own.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections, row } from "@/lib/testing/db";
import { writeTx } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { enqueue, priorAnswer } from "./enqueue";
import { testMessage } from "./testing";

describe("idempotent enqueue under concurrency", () => {
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
  });
  afterEach(() => closeConnections());

  it("12 identical requests at once, each in the caller's transaction, store one set of messages and give one answer", async () => {
    const attempt = (n: number) => {
      const messages = [testMessage(2 * n), testMessage(2 * n + 1)];
      const response = JSON.stringify({ messages: messages.map((m) => m.id) });
      return writeTx((tx) =>
        enqueue(tx, messages, {
          source: "api",
          idempotencyKey: { apiKeyId: "key1", key: "same-key", requestHash: "h", status: 202, response },
        }),
      ).then((r) => ({ r, response }));
    };
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(i)));
    const fresh = results.filter((x) => !x.r.replayed);
    expect(fresh).toHaveLength(1);
    const winner = fresh[0]!.response;
    for (const x of results.filter((x) => x.r.replayed)) {
      expect(x.r.replayed && x.r.response).toBe(winner);
    }
    expect((await row<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "OutboxMessage"`))!.n).toBe(2);
    expect((await row<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "IdempotencyRecord"`))!.n).toBe(1);
  });

  it("the same holds in enqueue's own transaction (synchronous on SQLite, awaited on PostgreSQL)", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        enqueue(null, [testMessage(n)], { source: "api", idempotencyKey: { apiKeyId: "key2", key: "k", requestHash: "h", status: 202, response: `answer ${n}` } }),
      ),
    );
    const fresh = results.filter((r) => !r.replayed);
    expect(fresh).toHaveLength(1);
    const answers = new Set(results.map((r) => (r.replayed ? r.response : null)).filter(Boolean));
    expect(answers.size).toBe(1);
    expect((await row<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "OutboxMessage"`))!.n).toBe(1);
  });

  it("the same key with another request is refused with one message, before and inside the transaction", async () => {
    const key = { apiKeyId: "key3", key: "k3", requestHash: "first" };
    await enqueue(null, [testMessage(1)], { source: "api", idempotencyKey: { ...key, status: 202, response: "{}" } });
    const other = { ...key, requestHash: "second" };
    const before = await priorAnswer(other).catch((e: unknown) => e);
    const inside = await enqueue(null, [testMessage(2)], { source: "api", idempotencyKey: { ...other, status: 202, response: "{}" } }).catch((e: unknown) => e);
    for (const e of [before, inside]) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe("conflict");
      expect((e as AppError).message).toBe("This Idempotency-Key was already used for a different request. Use a new key for a new request.");
    }
    expect(await priorAnswer(key)).toEqual({ replayed: true, status: 202, response: "{}" });
    expect((await row<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "OutboxMessage"`))!.n).toBe(1);
  });
});
