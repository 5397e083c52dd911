import "server-only";
// The PostgreSQL side of Herald's migrator (see migrate.ts for SQLite): the SQL files under
// prisma/migrations/postgresql/ are applied in name order, each once, each in its own transaction
// (PostgreSQL's DDL is transactional, so a failing migration leaves nothing behind). Every
// instance runs this at start; a session-level advisory lock makes the first one apply them and
// the others wait, then find nothing left to do.
import pg from "pg";
import { loadMigrations, defaultMigrationsDir, MigrationError, MIGRATIONS_TABLE, wasApplied, type Migration, type MigrateResult } from "./migrate";
import { pgTarget } from "./engine";
import { pgPool } from "./pg-pool";

/** pg_advisory_lock key: "herald-m" as a 64-bit number, so it cannot collide with other apps by chance. */
export const MIGRATION_LOCK_KEY = "7522525471848803693";

export async function withPgClient<T>(url: string, fn: (c: pg.Client, schema: string) => Promise<T>): Promise<T> {
  const { connectionString, schema } = pgTarget(url);
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).catch((e: { code?: string }) => {
      // Two instances creating it at the same moment: the loser sees a unique violation.
      if (e.code !== "23505" && e.code !== "42P06") throw e;
    });
    await client.query(`SET search_path TO "${schema}"`);
    return await fn(client, schema);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function migratePg(url: string, dir = defaultMigrationsDir("postgresql")): Promise<MigrateResult> {
  return withPgClient(url, (c) => migratePgClient(c, loadMigrations(dir)));
}

export async function migratePgClient(c: pg.Client, migrations: Migration[]): Promise<MigrateResult> {
  await c.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
  try {
    await c.query(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const known = new Map(
      (await c.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "${MIGRATIONS_TABLE}"`)).rows.map((r) => [r.name, r.checksum]),
    );
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const m of migrations) {
      if (wasApplied(known, m)) {
        result.alreadyApplied.push(m.name);
        continue;
      }
      try {
        await c.query("BEGIN");
        await c.query(m.sql);
        await c.query(`INSERT INTO "${MIGRATIONS_TABLE}" (name, checksum) VALUES ($1, $2)`, [m.name, m.checksum]);
        await c.query("COMMIT");
        result.applied.push(m.name);
      } catch (e) {
        await c.query("ROLLBACK").catch(() => undefined);
        throw new MigrationError(m.name, e);
      }
    }
    return result;
  } finally {
    await c.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`).catch(() => undefined);
  }
}

export async function pendingMigrationsPg(url: string, dir = defaultMigrationsDir("postgresql")): Promise<string[]> {
  // On the process's pool: readiness probes ask every few seconds.
  const { schema } = pgTarget(url);
  const pool = pgPool(url);
  const t = await pool.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2`, [schema, MIGRATIONS_TABLE]);
  const done = new Set(t.rowCount ? (await pool.query<{ name: string }>(`SELECT name FROM "${schema}"."${MIGRATIONS_TABLE}"`)).rows.map((r) => r.name) : []);
  return loadMigrations(dir)
    .map((m) => m.name)
    .filter((n) => !done.has(n));
}
