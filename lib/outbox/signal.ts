// Wakes the in-process worker as soon as a request stores messages, instead of waiting for its
// next poll. Kept on globalThis: Next.js bundles route handlers and instrumentation separately,
// and module state is not shared between them.
import { EventEmitter } from "node:events";

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
  if (count > 0) outboxSignal().emit("enqueued", count);
}
