// Helpers for outbox tests: messages to enqueue, a second connection standing in for another
// process (a second worker), on whichever engine the tests run.
import Database from "better-sqlite3";
import pg from "pg";
import { databaseUrl } from "@/lib/env";
import { sqlitePath } from "@/lib/db/migrate";
import { engineOf, type Engine } from "@/lib/db/engine";
import { pgPoolConfig } from "@/lib/db/pg-pool";
import { ensurePgMigrated } from "@/lib/db/pg-migrated";
import { pgTx, sqliteTx, type SqlTx } from "@/lib/db/sql";
import { newMessageId } from "./ids";
import type { NewMessage } from "./store";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections } from "@/lib/testing/db";
import { invalidateSendingSettings } from "./settings";
import { resetTargetCache } from "./target";

export function testMessage(n: number, overrides: Partial<NewMessage> = {}): NewMessage {
  const id = newMessageId();
  return {
    id,
    family: null,
    language: null,
    recipientId: null,
    to: [`rcpt${n}@example.com`],
    from: "Herald <herald@example.com>",
    subject: `Test ${n}`,
    text: `Body ${n}`,
    messageId: `<${id}@example.com>`,
    ...overrides,
  };
}

/** A connection of its own to Herald's database, as another process would have. */
export interface OtherConnection {
  readonly engine: Engine;
  /**
   * Runs fn in one write transaction on this connection: BEGIN IMMEDIATE (SQLite: takes the write
   * lock up front, as Herald's own writeTx does) or BEGIN … COMMIT (PostgreSQL). Rolled back when
   * fn throws. The transaction stays open while fn awaits, so a test can act on another
   * connection in the middle of it.
   */
  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OtherConnectionOptions {
  /**
   * How long a statement waits for a lock another connection holds before it fails: SQLite's
   * busy_timeout (then SQLITE_BUSY), PostgreSQL's lock_timeout (then 55P03 lock_not_available).
   * Default: SQLite 2000 ms, PostgreSQL no limit.
   */
  lockTimeoutMs?: number;
}

// COUNT(*) as a number, as Herald's own pool returns it (lib/db/pg-pool.ts).
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export async function otherConnection(opts: OtherConnectionOptions = {}): Promise<OtherConnection> {
  const url = databaseUrl();
  if (engineOf(url) === "postgresql") {
    await ensurePgMigrated(url);
    const { connectionString, options, application_name } = pgPoolConfig(url, 1);
    const client = new pg.Client({ connectionString, options, application_name: `${application_name}-test-other`, types: pgTypes });
    await client.connect();
    if (opts.lockTimeoutMs !== undefined) await client.query(`SET lock_timeout = ${Math.max(1, Math.round(opts.lockTimeoutMs))}`);
    const tx = pgTx(client);
    return {
      engine: "postgresql",
      async transaction(fn) {
        await client.query("BEGIN");
        try {
          const out = await fn(tx);
          await client.query("COMMIT");
          return out;
        } catch (e) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw e;
        }
      },
      async close() {
        await client.end().catch(() => undefined);
      },
    };
  }
  const d = new Database(sqlitePath(url), { timeout: opts.lockTimeoutMs ?? 2000 });
  d.pragma("journal_mode = WAL");
  const tx = sqliteTx(d);
  return {
    engine: "sqlite",
    async transaction(fn) {
      d.exec("BEGIN IMMEDIATE");
      try {
        const out = await fn(tx);
        d.exec("COMMIT");
        return out;
      } catch (e) {
        if (d.inTransaction) d.exec("ROLLBACK");
        throw e;
      }
    },
    async close() {
      if (d.open) d.close();
    },
  };
}

/**
 * A fresh database and no state left from an earlier test in this process: connections, cached
 * sending settings and mail target, Returns the data folder.
 */
export function useFreshOutboxState(): Promise<string> {
  const dir = useFreshDataDir();
  invalidateSendingSettings();
  resetTargetCache();
  return closeConnections().then(() => dir);
}
