import "server-only";
// Herald's own SQL, on either engine. The sending hot paths (enqueue with its idempotency record,
// claim, lease renewal, completion) and a few multi-statement writes run here instead of through
// Prisma, as short transactions:
//   SQLite      — BEGIN IMMEDIATE on a dedicated synchronous connection (lib/db/sqlite.ts), one
//                 transaction at a time per process (an in-process queue), retried while another
//                 process holds the write lock;
//   PostgreSQL  — BEGIN … COMMIT on a pooled connection (lib/db/pg-pool.ts), READ COMMITTED,
//                 retried on serialization failures, deadlocks and unique-key races.
// SQL is written once for both: identifiers double-quoted, parameters as `?` (positional) or
// `@name` (named; an object of values). Dates may be passed as Date objects. Where the dialects
// differ, branch on `tx.engine`.
import type Database from "better-sqlite3";
import type pg from "pg";
import { databaseUrl } from "@/lib/env";
import { engineOf, type Engine } from "./engine";
import { dbTime, sqlite, sqliteReader } from "./sqlite";
import { pgPool } from "./pg-pool";
import { ensurePgMigrated } from "./pg-migrated";

export type SqlParams = readonly unknown[] | Record<string, unknown>;

export interface SqlTx {
  readonly engine: Engine;
  /** Every row of a query (or of an INSERT/UPDATE … RETURNING). */
  all<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
  /** The first row, or undefined. */
  get<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T | undefined>;
  /** Runs a statement; returns the number of rows it changed. */
  run(sql: string, params?: SqlParams): Promise<number>;
  /**
   * Runs fn once this transaction has committed (never when it rolls back or is re-run): news
   * for other connections — a wake-up — must not reach them before the rows they would look for.
   * Outside a transaction writeTx manages, fn runs at once.
   */
  afterCommit(fn: () => void): void;
}

/** Callbacks a managed transaction runs after its COMMIT; a plain connection runs them at once. */
type CommitHooks = (() => void)[] | undefined;

function addHook(hooks: CommitHooks, fn: () => void) {
  if (hooks) hooks.push(fn);
  else fn();
}

function runHooks(hooks: (() => void)[]) {
  for (const fn of hooks.splice(0)) {
    try {
      fn();
    } catch {
      /* a failing callback must not turn a committed transaction into an error */
    }
  }
}

/** The engine of the configured database. */
export function currentEngine(): Engine {
  return engineOf(databaseUrl());
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- SQLite

function sqliteValue(v: unknown): unknown {
  if (v instanceof Date) return dbTime(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v === undefined) return null;
  return v;
}

function sqliteParams(params: SqlParams | undefined): unknown[] {
  if (!params) return [];
  if (Array.isArray(params)) return params.map(sqliteValue);
  return [Object.fromEntries(Object.entries(params).map(([k, v]) => [k, sqliteValue(v)]))];
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function stmt(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    if (cache.size > 500) cache.clear();
    cache.set(sql, s);
  }
  return s;
}

/** A SqlTx over a given better-sqlite3 connection (tests: "another process"). */
export function sqliteTx(db: Database.Database, hooks?: CommitHooks): SqlTx {
  return {
    engine: "sqlite",
    afterCommit: (fn) => addHook(hooks, fn),
    async all<T>(sql: string, params?: SqlParams) {
      return stmt(db, sql).all(...sqliteParams(params)) as T[];
    },
    async get<T>(sql: string, params?: SqlParams) {
      const s = stmt(db, sql);
      return (s.reader ? s.get(...sqliteParams(params)) : (s.run(...sqliteParams(params)), undefined)) as T | undefined;
    },
    async run(sql: string, params?: SqlParams) {
      return stmt(db, sql).run(...sqliteParams(params)).changes;
    },
  };
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_BUSY_SNAPSHOT" || code === "SQLITE_LOCKED";
}

// One SQLite transaction at a time in this process: the connection is shared, and SQLite has no
// nested transactions. Work inside is synchronous in practice (better-sqlite3), so the queue
// moves at the speed of the statements.
let sqliteQueue: Promise<unknown> = Promise.resolve();
function serialized<T>(fn: () => Promise<T>): Promise<T> {
  const next = sqliteQueue.then(fn, fn);
  sqliteQueue = next.catch(() => undefined);
  return next;
}

async function sqliteWrite<T>(fn: (tx: SqlTx) => Promise<T>, timeoutMs: number): Promise<T> {
  let hooks: (() => void)[] = [];
  const out = await sqliteTransaction((db) => {
    hooks = []; // a re-run starts over: callbacks of a rolled-back attempt are dropped
    return fn(sqliteTx(db, hooks));
  }, timeoutMs);
  runHooks(hooks);
  return out;
}

/** BEGIN IMMEDIATE … COMMIT around body on the write connection, one at a time, retried while busy. */
async function sqliteTransaction<T>(body: (db: Database.Database) => T | Promise<T>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await serialized(async () => {
        const db = sqlite();
        db.exec("BEGIN IMMEDIATE");
        try {
          const out = await body(db);
          db.exec("COMMIT");
          return out;
        } catch (e) {
          if (db.inTransaction) db.exec("ROLLBACK");
          throw e;
        }
      });
    } catch (e) {
      if (!isBusy(e) || Date.now() - started > timeoutMs) throw e;
      await sleep(Math.min(1 + attempt * 2, 25) * (0.5 + Math.random()));
    }
  }
}

async function sqliteRead<T>(fn: (tx: SqlTx) => Promise<T>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      // Its own connection, outside the write queue: WAL readers never wait for writers.
      return await fn(sqliteTx(sqliteReader()));
    } catch (e) {
      if (!isBusy(e) || Date.now() - started > timeoutMs) throw e;
      await sleep(Math.min(1 + attempt * 2, 25));
    }
  }
}

// ---------------------------------------------------------------- PostgreSQL

interface Translated {
  text: string;
  names: string[] | null;
  positional: number;
}
const translated = new Map<string, Translated>();

/** `?` / `@name` placeholders → `$1…$n`, skipping string literals and quoted identifiers. */
export function toPgSql(sql: string): Translated {
  const hit = translated.get(sql);
  if (hit) return hit;
  let out = "";
  let positional = 0;
  const names: string[] = [];
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      const stop = end < 0 ? sql.length - 1 : end;
      out += sql.slice(i, stop + 1);
      i = stop;
    } else if (ch === "?") {
      out += `$${++positional}`;
    } else if (ch === "@" && /[A-Za-z_]/.test(sql[i + 1] ?? "")) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))!;
      let idx = names.indexOf(m[0]);
      if (idx < 0) idx = names.push(m[0]) - 1;
      out += `$${idx + 1}`;
      i += m[0].length;
    } else {
      out += ch;
    }
  }
  if (positional && names.length) throw new Error("SQL mixes ? and @name parameters");
  const t = { text: out, names: names.length ? names : null, positional };
  if (translated.size > 1000) translated.clear();
  translated.set(sql, t);
  return t;
}

function pgValues(t: Translated, params: SqlParams | undefined): unknown[] {
  if (!params) return [];
  const fix = (v: unknown) => (v === undefined ? null : v);
  if (Array.isArray(params)) return params.map(fix);
  const named = params as Record<string, unknown>;
  return (t.names ?? []).map((n) => {
    if (!(n in named)) throw new Error(`SQL parameter @${n} has no value`);
    return fix(named[n]);
  });
}

/** A SqlTx over a given node-postgres client or pool (tests: "another process"). */
export function pgTx(client: pg.PoolClient | pg.Pool | pg.Client, hooks?: CommitHooks): SqlTx {
  const q = async (sql: string, params?: SqlParams) => {
    const t = toPgSql(sql);
    return client.query({ text: t.text, values: pgValues(t, params) });
  };
  return {
    engine: "postgresql",
    afterCommit: (fn) => addHook(hooks, fn),
    async all<T>(sql: string, params?: SqlParams) {
      return (await q(sql, params)).rows as T[];
    },
    async get<T>(sql: string, params?: SqlParams) {
      return (await q(sql, params)).rows[0] as T | undefined;
    },
    async run(sql: string, params?: SqlParams) {
      return (await q(sql, params)).rowCount ?? 0;
    },
  };
}

/** serialization_failure, deadlock_detected, unique_violation: re-running sees the winner's rows. */
const PG_RETRY = new Set(["40001", "40P01", "23505"]);

async function pgWrite<T>(fn: (tx: SqlTx) => Promise<T>, timeoutMs: number): Promise<T> {
  const url = databaseUrl();
  await ensurePgMigrated(url);
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const client = await pgPool(url).connect();
    let broken = false;
    try {
      await client.query("BEGIN");
      const hooks: (() => void)[] = [];
      const out = await fn(pgTx(client, hooks));
      await client.query("COMMIT");
      runHooks(hooks);
      return out;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {
        broken = true;
      });
      const code = (e as { code?: string })?.code;
      if (!code || !PG_RETRY.has(code) || attempt >= 4 || Date.now() - started > timeoutMs) throw e;
      await sleep(Math.min(2 + attempt * 5, 50) * (0.5 + Math.random()));
    } finally {
      client.release(broken);
    }
  }
}

async function pgRead<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
  const url = databaseUrl();
  await ensurePgMigrated(url);
  return fn(pgTx(pgPool(url)));
}

// ---------------------------------------------------------------- steps

/**
 * Transaction bodies written once for both engines as generators of SQL steps:
 *   function* body(engine) { const row = (yield q.get(sql, params)) as Row | undefined; … }
 * On SQLite `writeSteps` runs the whole body synchronously between BEGIN IMMEDIATE and COMMIT:
 * an async body would give other work of the process (other requests, other sends) the event
 * loop while the write lock is held, which makes every other process wait longer for it. On
 * PostgreSQL the steps are awaited one by one.
 */
export type Step = { op: "all" | "get" | "run"; sql: string; params?: SqlParams };
export type Steps<T> = Generator<Step, T, unknown>;

export const q = {
  all: (sql: string, params?: SqlParams): Step => ({ op: "all", sql, params }),
  get: (sql: string, params?: SqlParams): Step => ({ op: "get", sql, params }),
  run: (sql: string, params?: SqlParams): Step => ({ op: "run", sql, params }),
};

/** Runs steps on any SqlTx (awaiting each): for callers already inside a transaction. */
export async function runSteps<T>(tx: SqlTx, steps: Steps<T>): Promise<T> {
  let r = steps.next();
  while (!r.done) {
    const { op, sql, params } = r.value;
    r = steps.next(op === "all" ? await tx.all(sql, params) : op === "get" ? await tx.get(sql, params) : await tx.run(sql, params));
  }
  return r.value;
}

function runStepsSync<T>(db: Database.Database, steps: Steps<T>): T {
  let r = steps.next();
  while (!r.done) {
    const { op, sql, params } = r.value;
    const st = stmt(db, sql);
    const args = sqliteParams(params);
    r = steps.next(op === "all" ? st.all(...args) : op === "get" ? (st.reader ? st.get(...args) : (st.run(...args), undefined)) : st.run(...args).changes);
  }
  return r.value;
}

/** One write transaction whose body is a generator of steps (see above); `make` may be called again on retry. */
export function writeSteps<T>(make: (engine: Engine) => Steps<T>, timeoutMs = 10_000): Promise<T> {
  return currentEngine() === "postgresql"
    ? pgWrite((tx) => runSteps(tx, make("postgresql")), timeoutMs)
    : sqliteTransaction((db) => runStepsSync(db, make("sqlite")), timeoutMs);
}

// ---------------------------------------------------------------- both

/** Runs fn in one write transaction. fn may be re-run (lock contention, races): keep it to SQL. */
export function writeTx<T>(fn: (tx: SqlTx) => Promise<T>, timeoutMs = 10_000): Promise<T> {
  return currentEngine() === "postgresql" ? pgWrite(fn, timeoutMs) : sqliteWrite(fn, timeoutMs);
}

/** Runs reads (no transaction on PostgreSQL: each statement sees the latest commits). */
export function read<T>(fn: (tx: SqlTx) => Promise<T>, timeoutMs = 10_000): Promise<T> {
  return currentEngine() === "postgresql" ? pgRead(fn) : sqliteRead(fn, timeoutMs);
}

/** Timestamps come back as Date (PostgreSQL) or ISO text (SQLite). */
export function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(String(v));
}

export { dbTime };
