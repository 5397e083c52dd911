import "server-only";
// A second, synchronous connection to Herald's SQLite file for Herald's own SQL (lib/db/sql.ts):
// enqueue with its idempotency record, claim, lease renewal and completion. Each unit of work runs
// as one BEGIN IMMEDIATE transaction, one at a time per process, so
//   - nothing else in this process can run inside it (Prisma's adapter shares one connection
//     between concurrent queries, so an interactive Prisma transaction can swallow — and roll
//     back — another request's writes);
//   - the write lock is taken up front, so two processes never both read "due" and then both
//     write (no lost updates, no SQLITE_BUSY on lock upgrade);
//   - the lock is never held across an await, so Prisma in this process never waits on it.
// When another *process* holds the lock, we wait a little synchronously (busy_timeout) and then
// retry asynchronously (lib/db/sql.ts), so the event loop is never blocked for long.
import Database from "better-sqlite3";
import { databaseUrl } from "@/lib/env";
import { migrate, sqlitePath } from "./migrate";

const KEY = Symbol.for("herald.sendingSqlite");
type Holder = { [KEY]?: { db: Database.Database; url: string } };

/** The process-wide synchronous connection (migrations applied on first use). */
export function sqlite(): Database.Database {
  const g = globalThis as Holder;
  const url = databaseUrl();
  const cur = g[KEY];
  if (cur && cur.url === url && cur.db.open) return cur.db;
  migrate(url);
  // A short synchronous busy wait: longer waits happen asynchronously in writeTx / read, so a
  // console process never stalls its event loop on another process's write lock.
  const db = new Database(sqlitePath(url), { timeout: 5 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  // Who copies the WAL back into the database file (a checkpoint, tens of milliseconds of
  // synchronous I/O for a few MB) matters for API latency: by default the connection whose commit
  // crosses 1000 pages does it, in the middle of a request. A console whose outbox runs in a
  // worker process of its own leaves that to the worker (see checkpointLoop).
  if (role === "api") db.pragma("wal_autocheckpoint = 0");
  g[KEY] = { db, url };
  return db;
}

const READER = Symbol.for("herald.sendingSqliteReader");
type ReaderHolder = { [READER]?: { db: Database.Database; url: string } };

/**
 * A second connection for reads (lib/db/sql.ts `read`): in WAL mode readers never wait for the
 * writer, so a read is never queued behind a write transaction of this process (or one waiting
 * for another process's lock), and it only ever sees committed data.
 */
export function sqliteReader(): Database.Database {
  const g = globalThis as ReaderHolder;
  const url = databaseUrl();
  const cur = g[READER];
  if (cur && cur.url === url && cur.db.open) return cur.db;
  sqlite(); // migrations first, WAL mode set
  const db = new Database(sqlitePath(url), { timeout: 5 });
  db.pragma("foreign_keys = ON");
  g[READER] = { db, url };
  return db;
}

let role: "default" | "api" | "worker" = "default";

/**
 * Declares what this process is, before the first use of the connection: "api" (a console with
 * HERALD_WORKER_IN_SERVER=0) never checkpoints on commit; "worker" checkpoints on a timer.
 */
export function setSqliteRole(r: "default" | "api" | "worker") {
  role = r;
  const open = (globalThis as Holder)[KEY];
  if (open?.db.open) open.db.pragma(`wal_autocheckpoint = ${r === "api" ? 0 : 1000}`);
}

/** A worker process's checkpoints: PASSIVE (never waits for readers or writers), twice a second. */
export function checkpointLoop(intervalMs = 500): () => void {
  const t = setInterval(() => {
    try {
      sqlite().pragma("wal_checkpoint(PASSIVE)");
    } catch {
      /* busy: next time */
    }
  }, intervalMs);
  t.unref();
  return () => clearInterval(t);
}

/** Closes the connection (tests, worker shutdown). */
export function closeSqlite() {
  const g = globalThis as Holder & ReaderHolder;
  g[KEY]?.db.close();
  delete g[KEY];
  g[READER]?.db.close();
  delete g[READER];
}

/** Datetime text exactly as Prisma's SQLite adapter writes it, so both sort and compare alike. */
export function dbTime(d: Date | number): string {
  return new Date(d).toISOString().replace("Z", "+00:00");
}
