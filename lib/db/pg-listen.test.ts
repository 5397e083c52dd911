// LISTEN on a connection of its own: notifications from other connections arrive, and after the
// connection is killed (as by a server restart or failover) it comes back by itself.
import { describe, it, expect } from "vitest";
import pg from "pg";
import { startTestPostgres } from "@/lib/testing/pg";
import { pgTarget } from "./engine";
import { listen } from "./pg-listen";

const pgUrl = startTestPostgres("listen");

async function notify(url: string, payload: string) {
  const c = new pg.Client({ connectionString: pgTarget(url).connectionString });
  await c.connect();
  await c.query(`SELECT pg_notify('herald_test', $1)`, [payload]);
  await c.end();
}

async function waitFor(fn: () => boolean, ms = 10_000) {
  const start = Date.now();
  while (!fn()) {
    if (Date.now() - start > ms) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("pg listen", () => {
  it("receives notifications from other connections and survives its connection being killed", async () => {
    const url = pgUrl();
    const got: string[] = [];
    const errors: string[] = [];
    const l = listen(url, "herald_test", (p) => got.push(p ?? ""), { retryMs: 100, onError: (e) => errors.push(e.message) });
    try {
      await l.ready;
      await notify(url, "one");
      await waitFor(() => got.includes("one"));
      // Kill the listening backend, as a restart or failover would.
      const admin = new pg.Client({ connectionString: pgTarget(url).connectionString });
      await admin.connect();
      const killed = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'herald-listen'`);
      expect(killed.rowCount).toBe(1);
      await waitFor(() => errors.length > 0);
      // Back by itself: a new backend listens again (notify until it hears; the ones sent while
      // it was reconnecting are lost, which the poll covers).
      for (let i = 0; i < 100 && !got.includes("two"); i++) {
        await notify(url, "two");
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(got).toContain("two");
      await admin.end();
    } finally {
      await l.stop();
    }
    expect(got[0]).toBe("one");
    expect(errors.length).toBeGreaterThan(0);
  });

  it("says when it listens — first and again after a reconnect — so a caller can look for what it missed", async () => {
    const url = pgUrl();
    let listening = 0;
    const errors: string[] = [];
    const l = listen(url, "herald_test", () => undefined, { retryMs: 100, onListening: () => listening++, onError: (e) => errors.push(e.message) });
    try {
      await l.ready;
      expect(listening).toBe(1);
      const admin = new pg.Client({ connectionString: pgTarget(url).connectionString });
      await admin.connect();
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'herald-listen'`);
      await admin.end();
      await waitFor(() => errors.length > 0 && listening === 2);
    } finally {
      await l.stop();
    }
  });
});
