// Wakes the in-process worker as soon as a request stores messages, instead of waiting for its
// next poll. Kept on globalThis: Next.js bundles route handlers and instrumentation separately,
// and module state is not shared between them. On PostgreSQL the news also goes to every other
// process (NOTIFY herald_outbox; workers LISTEN, see worker.ts).
import { EventEmitter } from "node:events";
import { databaseUrl } from "@/lib/env";
import { engineOf } from "@/lib/db/engine";
import { pgPool } from "@/lib/db/pg-pool";

export const OUTBOX_CHANNEL = "herald_outbox";

const KEY = Symbol.for("herald.outboxSignal");

export function outboxSignal(): EventEmitter {
  const g = globalThis as { [KEY]?: EventEmitter };
  if (!g[KEY]) {
    g[KEY] = new EventEmitter();
    g[KEY].setMaxListeners(50);
  }
  return g[KEY];
}

export function notifyEnqueued(count: number) {
  if (count <= 0) return;
  outboxSignal().emit("enqueued", count);
  const url = databaseUrl();
  if (engineOf(url) === "postgresql") {
    // After the commit (callers call this once the messages are stored). A lost notification
    // only means the workers find the mail at their next poll.
    void pgPool(url)
      .query(`SELECT pg_notify($1, $2)`, [OUTBOX_CHANNEL, String(count)])
      .catch(() => undefined);
  }
}
