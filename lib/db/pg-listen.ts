import "server-only";
// PostgreSQL LISTEN on a connection of its own, for cross-process wake-ups (a console instance
// stores mail → every worker process starts on it at once instead of at its next poll). The
// connection is re-established after a failure (server restart, failover, terminated backend);
// notifications sent meanwhile are lost, which is fine for wake-ups: the poll is the fallback.
import pg from "pg";
import { pgPoolConfig } from "./pg-pool";

export interface Listener {
  /** Resolves once the first LISTEN is in place (tests). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * `onListening` runs each time the LISTEN is in place — first and after every reconnect. A
 * NOTIFY sent before that moment is never delivered to this connection, so whoever relies on the
 * notifications must look for work again then (the worker does), or it would sleep through mail
 * stored while it was not yet (or no longer) listening.
 */
export function listen(
  url: string,
  channel: string,
  onNotify: (payload: string | undefined) => void,
  opts: { retryMs?: number; onError?: (e: Error) => void; onListening?: () => void } = {},
): Listener {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`channel "${channel}" must be a plain lower-case identifier`);
  let stopped = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));

  const connect = async () => {
    if (stopped) return;
    const { connectionString, options } = pgPoolConfig(url, 1);
    const c = new pg.Client({ connectionString, options, application_name: "herald-listen" });
    client = c;
    const retry = (e: Error) => {
      if (client !== c) return;
      client = null;
      opts.onError?.(e);
      c.removeAllListeners();
      void c.end().catch(() => undefined);
      if (!stopped) {
        timer = setTimeout(() => void connect(), opts.retryMs ?? 2000);
        timer.unref();
      }
    };
    c.on("error", retry);
    c.on("end", () => retry(new Error("connection ended")));
    c.on("notification", (n) => {
      if (n.channel === channel) onNotify(n.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      if (client !== c) return;
      markReady();
      opts.onListening?.();
    } catch (e) {
      retry(e instanceof Error ? e : new Error(String(e)));
    }
  };
  void connect();

  return {
    ready,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners();
        c.on("error", () => undefined);
        await c.end().catch(() => undefined);
      }
    },
  };
}
