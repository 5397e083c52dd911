import "server-only";
// The one way into the outbox. enqueue() stores messages — in a transaction of its own, or in the
// caller's — together with the answer to an idempotent request, checks the Idempotency-Key
// (a replay returns the stored answer; the same key with another request is refused, with the one
// message below), and wakes the workers. Notifications, the mail API, the CLI and tests use it;
// nothing else writes OutboxMessage rows.
import { AppError } from "@/lib/errors";
import { read, runSteps, writeSteps, type SqlTx } from "@/lib/db/sql";
import { enqueueSteps, type NewMessage, type StoredAnswer } from "./store";
import { notifyEnqueued } from "./signal";

export interface IdempotencyKey {
  apiKeyId: string;
  /** The Idempotency-Key header. */
  key: string;
  /** Hash of method, path and body: the same key with another request is a conflict. */
  requestHash: string;
}

export interface EnqueueOptions {
  /** Who asked: "api:<key id>", "console:<email>", "cli", "test". */
  source: string;
  batchId?: string | null;
  /** With the answer to store for replays (status and JSON body of the first answer). */
  idempotencyKey?: IdempotencyKey & { status: number; response: string };
  now?: Date;
  /** How long the write may wait for the database (bulk loads of thousands: longer). */
  timeoutMs?: number;
}

export type Enqueued = { replayed: false; count: number } | { replayed: true; status: number; response: string };

export function idempotencyMismatch(): AppError {
  return new AppError("conflict", "This Idempotency-Key was already used for a different request. Use a new key for a new request.", {
    "Idempotency-Key": ["was used with a different request body"],
  });
}

function answerOf(prior: StoredAnswer, key: IdempotencyKey): Enqueued {
  if (prior.requestHash !== key.requestHash) throw idempotencyMismatch();
  return { replayed: true, status: prior.status, response: prior.response };
}

/**
 * Stores `messages` and wakes the workers. `tx`: the caller's transaction (the messages commit
 * with it, and the wake-up goes out after that commit: a worker woken earlier would find nothing
 * and sleep until its next poll); null: a transaction of its own.
 */
export async function enqueue(tx: SqlTx | null | undefined, messages: NewMessage[], opts: EnqueueOptions): Promise<Enqueued> {
  const { idempotencyKey, timeoutMs, ...rest } = opts;
  const steps = () => enqueueSteps(messages, { ...rest, idempotency: idempotencyKey });
  if (tx) {
    const result = await runSteps(tx, steps());
    if (result.replay) return answerOf(result.answer, idempotencyKey!);
    tx.afterCommit(() => notifyEnqueued(result.count));
    return { replayed: false, count: result.count };
  }
  const result = await writeSteps(steps, timeoutMs);
  if (result.replay) return answerOf(result.answer, idempotencyKey!);
  notifyEnqueued(result.count);
  return { replayed: false, count: result.count };
}

/**
 * The stored answer to an earlier request with this Idempotency-Key, checked before any work is
 * done for a replay (the API answers it at once); enqueue() checks again in its transaction.
 */
export async function priorAnswer(key: IdempotencyKey): Promise<Enqueued | null> {
  const prior = await read((d) =>
    d.get<StoredAnswer>(`SELECT "status", "response", "requestHash" FROM "IdempotencyRecord" WHERE "apiKeyId" = ? AND "key" = ?`, [key.apiKeyId, key.key]),
  );
  return prior ? answerOf(prior, key) : null;
}
