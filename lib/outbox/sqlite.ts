import "server-only";
// A second, synchronous connection to Herald's SQLite file for the sending hot paths: enqueue
// with its idempotency record, claim, lease renewal and completion. Each unit of work runs as
// one synchronous BEGIN IMMEDIATE transaction, so
//   - nothing else in this process can run inside it (Prisma's adapter shares one connection
//     between concurrent queries, so an interactive Prisma transaction can swallow — and roll
//     back — another request's writes);
//   - the write lock is taken up front, so two processes never both read "due" and then both
//     write (no lost updates, no SQLITE_BUSY on lock upgrade);
//   - the lock is never held across an await, so Prisma in this process never waits on it.
// When another *process* holds the lock, we wait a little synchronously (busy_timeout) and then
// retry asynchronously, so the event loop is never blocked for long.
import Database from "better-sqlite3";
import { databaseUrl } from "@/lib/env";
import { migrate, sqlitePath } from "@/lib/db/migrate";

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
  const g = globalThis as Holder;
  g[KEY]?.db.close();
  delete g[KEY];
}

/** Datetime text exactly as Prisma's SQLite adapter writes it, so both sort and compare alike. */
export function dbTime(d: Date | number): string {
  return new Date(d).toISOString().replace("Z", "+00:00");
}

export function fromDbTime(v: string | null | undefined): Date | null {
  return v ? new Date(v) : null;
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_BUSY_SNAPSHOT" || code === "SQLITE_LOCKED";
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs fn inside BEGIN IMMEDIATE … COMMIT on the synchronous connection. fn must be synchronous.
 * Retries (asynchronously) while another process holds the write lock, up to `timeoutMs`.
 */
export async function writeTx<T>(fn: (db: Database.Database) => T, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return runImmediate(fn);
    } catch (e) {
      if (!isBusy(e) || Date.now() - started > timeoutMs) throw e;
      await sleep(Math.min(1 + attempt * 2, 25) * (0.5 + Math.random()));
    }
  }
}

/** Synchronous variant for callers that cannot await (tests); throws SQLITE_BUSY after 5 ms. */
export function runImmediate<T>(fn: (db: Database.Database) => T): T {
  const db = sqlite();
  db.exec("BEGIN IMMEDIATE");
  try {
    const out = fn(db);
    db.exec("COMMIT");
    return out;
  } catch (e) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw e;
  }
}

/** A read on the synchronous connection, retried like writeTx when the database is locked. */
export async function read<T>(fn: (db: Database.Database) => T, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return fn(sqlite());
    } catch (e) {
      if (!isBusy(e) || Date.now() - started > timeoutMs) throw e;
      await sleep(Math.min(1 + attempt * 2, 25));
    }
  }
}
