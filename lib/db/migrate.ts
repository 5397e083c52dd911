import "server-only";
// Herald's own migrator: Prisma's CLI cannot run migrations on machines without its schema engine,
// so the SQL files under prisma/migrations/ are applied here, in name order, each once, each in
// its own transaction. A failing migration is rolled back and stops the caller with its name.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { PRIVATE_DIR_MODE, ensurePrivateSqliteFiles } from "./file-modes";

export const MIGRATIONS_TABLE = "_herald_migrations";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    readonly cause: unknown,
  ) {
    super(
      `Migration ${migration} failed and was rolled back; the database is unchanged by it.\n  ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
    this.name = "MigrationError";
  }
}

/** prisma/migrations/<engine>: one migration set per database engine. */
export function defaultMigrationsDir(engine: "sqlite" | "postgresql" = "sqlite"): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations", engine);
}

export function loadMigrations(dir = defaultMigrationsDir()): Migration[] {
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) throw new Error(`Migrations folder not found: ${dir}`);
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(d.name))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** Path of the SQLite file behind a `file:` URL. */
export function sqlitePath(url: string): string {
  if (!url.startsWith("file:")) throw new Error(`Not an SQLite file URL: ${url}`);
  return url.slice("file:".length);
}

/** Applies every pending migration to the SQLite database at `url`. */
export function migrate(url: string, dir = defaultMigrationsDir()): MigrateResult {
  const file = sqlitePath(url);
  // A folder Herald creates is private; an existing one chosen by the operator is left as it is
  // (the data folder itself is tightened by ensurePrivateDataDir). The files are private always.
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  ensurePrivateSqliteFiles(file);
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    return migrateDatabase(db, loadMigrations(dir));
  } finally {
    db.close();
  }
}

/** Whether `m` is among the applied migrations; refuses one edited after it was applied. */
export function wasApplied(known: Map<string, string>, m: Migration): boolean {
  const seen = known.get(m.name);
  if (seen === undefined) return false;
  if (seen !== m.checksum) {
    throw new Error(`Migration ${m.name} was changed after it was applied (checksum differs). Write a new migration instead of editing an applied one.`);
  }
  return true;
}

export function migrateDatabase(db: Database.Database, migrations: Migration[]): MigrateResult {
  db.exec(
    `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`,
  );
  const result: MigrateResult = { applied: [], alreadyApplied: [] };
  const known = new Map(
    (db.prepare(`SELECT name, checksum FROM "${MIGRATIONS_TABLE}"`).all() as { name: string; checksum: string }[]).map(
      (r) => [r.name, r.checksum],
    ),
  );
  for (const m of migrations) {
    if (wasApplied(known, m)) {
      result.alreadyApplied.push(m.name);
      continue;
    }
    // IMMEDIATE takes the write lock first, so two processes starting at once apply it once.
    try {
      db.exec("BEGIN IMMEDIATE");
      const again = db.prepare(`SELECT 1 FROM "${MIGRATIONS_TABLE}" WHERE name = ?`).get(m.name);
      if (again) {
        db.exec("COMMIT");
        result.alreadyApplied.push(m.name);
        continue;
      }
      db.exec(m.sql);
      db.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" (name, checksum, applied_at) VALUES (?, ?, ?)`).run(
        m.name,
        m.checksum,
        new Date().toISOString(),
      );
      db.exec("COMMIT");
      result.applied.push(m.name);
    } catch (e) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw new MigrationError(m.name, e);
    }
  }
  return result;
}

/** Names of migrations that exist on disk but are not applied yet. */
export function pendingMigrations(url: string, dir = defaultMigrationsDir()): string[] {
  const file = sqlitePath(url);
  if (!fs.existsSync(file)) return loadMigrations(dir).map((m) => m.name);
  const db = new Database(file, { readonly: true });
  try {
    const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name=?`).get(MIGRATIONS_TABLE);
    const done = new Set(
      table ? (db.prepare(`SELECT name FROM "${MIGRATIONS_TABLE}"`).all() as { name: string }[]).map((r) => r.name) : [],
    );
    return loadMigrations(dir)
      .map((m) => m.name)
      .filter((n) => !done.has(n));
  } finally {
    db.close();
  }
}
