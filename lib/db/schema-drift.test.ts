// Proves that the hand-written SQL migrations produce exactly the tables and columns that
// prisma/schema.prisma describes (type and nullability), so the two cannot drift apart.
import { describe, it, expect, beforeAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { migrateDatabase, loadMigrations, MIGRATIONS_TABLE, MigrationError } from "./migrate";
import { schemaDrift, type Catalogue } from "@/lib/testing/schema-drift";

const SQLITE_TYPE: Record<string, string> = {
  String: "TEXT",
  Int: "INTEGER",
  BigInt: "BIGINT",
  Boolean: "BOOLEAN",
  DateTime: "DATETIME",
  Float: "REAL",
  Decimal: "DECIMAL",
  Json: "JSONB",
  Bytes: "BLOB",
};

interface Column {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

/** Every difference between a schema text and a migrated SQLite database, as readable lines. */
async function sqliteDrift(schemaText: string, db: Database.Database): Promise<string[]> {
  const catalogue: Catalogue = new Map();
  for (const { name } of db.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]) {
    const cols = db.prepare(`PRAGMA table_info("${name}")`).all() as Column[];
    catalogue.set(
      name,
      new Map(
        cols.map((c) => [
          c.name,
          // SQLite reports notnull=0 for INTEGER PRIMARY KEY columns even though they can never be null.
          { type: c.type.toUpperCase(), required: c.notnull === 1 || (c.pk > 0 && c.type.toUpperCase() === "INTEGER") },
        ]),
      ),
    );
  }
  return schemaDrift(schemaText, catalogue, (f) => (f.kind === "enum" ? "TEXT" : SQLITE_TYPE[f.type]!));
}

const schemaPath = path.resolve(__dirname, "../../prisma/schema.prisma");

describe("schema.prisma ⇄ SQL migrations", () => {
  let db: Database.Database;
  beforeAll(() => {
    db = new Database(":memory:");
    migrateDatabase(db, loadMigrations(path.resolve(__dirname, "../../prisma/migrations/sqlite")));
  });

  it("every model and field of the schema exists with the right type and nullability", async () => {
    const drift = await sqliteDrift(fs.readFileSync(schemaPath, "utf8"), db);
    expect(drift).toEqual([]);
  });

  it("detects a field added to the schema without a migration", async () => {
    const text = fs.readFileSync(schemaPath, "utf8").replace(/model User \{/, "model User {\n  nickname String?");
    const drift = await sqliteDrift(text, db);
    expect(drift).toContain('User.nickname: column "nickname" missing');
  });

  it("detects a nullability mismatch", async () => {
    const text = fs.readFileSync(schemaPath, "utf8").replace(/  actor  String\?\n/, "  actor  String\n");
    const drift = await sqliteDrift(text, db);
    expect(drift.some((d) => d.startsWith("AuditEvent.actor: nullable in the database"))).toBe(true);
  });
});

describe("migrator", () => {
  it("applies each migration once and records it", () => {
    const db = new Database(":memory:");
    const migrations = loadMigrations(path.resolve(__dirname, "../../prisma/migrations/sqlite"));
    const first = migrateDatabase(db, migrations);
    expect(first.applied).toEqual(migrations.map((m) => m.name));
    const second = migrateDatabase(db, migrations);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(migrations.map((m) => m.name));
    const rows = db.prepare(`SELECT name FROM ${MIGRATIONS_TABLE}`).all();
    expect(rows).toHaveLength(migrations.length);
  });

  it("moves the bodies of messages stored before the outbox_content migration into OutboxContent", () => {
    const db = new Database(":memory:");
    const all = loadMigrations(path.resolve(__dirname, "../../prisma/migrations/sqlite"));
    const at = all.findIndex((m) => m.name.endsWith("_outbox_content"));
    expect(at).toBeGreaterThan(0);
    migrateDatabase(db, all.slice(0, at));
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO "OutboxMessage" ("id", "status", "toAddr", "fromAddr", "subject", "text", "html", "messageId", "queuedAt", "nextAttemptAt", "source", "createdAt", "updatedAt")
       VALUES ('msg_old', 'queued', 'a@example.com', 'b@example.com', 'Hello', 'the text body', '<p>the html</p>', '<x@y>', ?, ?, 'api', ?, ?)`,
    ).run(now, now, now, now);
    migrateDatabase(db, all);
    expect(db.prepare(`SELECT "id", "text", "html" FROM "OutboxContent"`).all()).toEqual([{ id: "msg_old", text: "the text body", html: "<p>the html</p>" }]);
    expect(db.prepare(`SELECT "subject", "status" FROM "OutboxMessage" WHERE "id" = 'msg_old'`).get()).toEqual({ subject: "Hello", status: "queued" });
    const columns = (db.prepare(`PRAGMA table_info("OutboxMessage")`).all() as Column[]).map((c) => c.name);
    expect(columns).not.toContain("text");
    expect(columns).not.toContain("html");
    db.close();
  });

  it("rolls back a failing migration and leaves the database as it was", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-mig-"));
    const file = path.join(dir, "t.db");
    const db = new Database(file);
    const good = { name: "20260101000000_good", sql: "CREATE TABLE a (x INTEGER);", checksum: "1" };
    const bad = {
      name: "20260102000000_bad",
      sql: "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (1); CREATE TABLE a (z INTEGER);",
      checksum: "2",
    };
    migrateDatabase(db, [good]);
    expect(() => migrateDatabase(db, [good, bad])).toThrow(MigrationError);
    expect(() => migrateDatabase(db, [good, bad])).toThrow(/20260102000000_bad failed and was rolled back/);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(tables).not.toContain("b");
    expect(db.prepare("SELECT count(*) AS n FROM a").get()).toEqual({ n: 0 });
    expect(db.prepare(`SELECT name FROM ${MIGRATIONS_TABLE}`).all()).toEqual([{ name: good.name }]);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a migration edited after it was applied", () => {
    const db = new Database(":memory:");
    migrateDatabase(db, [{ name: "20260101000000_a", sql: "CREATE TABLE a (x INTEGER);", checksum: "1" }]);
    expect(() =>
      migrateDatabase(db, [{ name: "20260101000000_a", sql: "CREATE TABLE a (x TEXT);", checksum: "2" }]),
    ).toThrow(/was changed after it was applied/);
  });
});
