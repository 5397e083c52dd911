// Proves that the hand-written SQL migrations produce exactly the tables and columns that
// prisma/schema.prisma describes (type and nullability), so the two cannot drift apart.
import { describe, it, expect, beforeAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { migrateDatabase, loadMigrations, MIGRATIONS_TABLE, MigrationError } from "./migrate";

// DMMF comes from @prisma/internals (a dev dependency): the generated client's runtime data model
// lacks nullability.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getDMMF } = require("@prisma/internals") as {
  getDMMF: (o: { datamodel: string }) => Promise<{ datamodel: { models: DmmfModel[] } }>;
};
interface DmmfField {
  name: string;
  kind: string;
  type: string;
  isRequired: boolean;
  isList: boolean;
  dbName?: string | null;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}

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

/** Every difference between a schema text and a migrated database, as readable lines. */
export async function schemaDrift(schemaText: string, db: Database.Database): Promise<string[]> {
  const { datamodel } = await getDMMF({ datamodel: schemaText });
  const problems: string[] = [];
  const tables = new Set(
    (db.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'`).all() as {
      name: string;
    }[]).map((r) => r.name),
  );
  tables.delete(MIGRATIONS_TABLE);
  for (const model of datamodel.models) {
    const table = model.dbName ?? model.name;
    if (!tables.has(table)) {
      problems.push(`model ${model.name}: table "${table}" missing in the migrated database`);
      continue;
    }
    tables.delete(table);
    const cols = new Map(
      (db.prepare(`PRAGMA table_info("${table}")`).all() as Column[]).map((c) => [c.name, c]),
    );
    for (const f of model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum")) {
      const colName = f.dbName ?? f.name;
      const col = cols.get(colName);
      if (!col) {
        problems.push(`${model.name}.${f.name}: column "${colName}" missing`);
        continue;
      }
      cols.delete(colName);
      const want = f.kind === "enum" ? "TEXT" : SQLITE_TYPE[f.type];
      if (col.type.toUpperCase() !== want) {
        problems.push(`${model.name}.${f.name}: type ${col.type} in the database, ${want} (${f.type}) in the schema`);
      }
      // SQLite reports notnull=0 for INTEGER PRIMARY KEY columns even though they can never be null.
      const dbRequired = col.notnull === 1 || (col.pk > 0 && col.type.toUpperCase() === "INTEGER");
      if (dbRequired !== f.isRequired) {
        problems.push(
          `${model.name}.${f.name}: ${dbRequired ? "NOT NULL" : "nullable"} in the database, ${
            f.isRequired ? "required" : "optional"
          } in the schema`,
        );
      }
    }
    for (const extra of cols.keys()) problems.push(`${model.name}: column "${extra}" is in the database but not in the schema`);
  }
  for (const extra of tables) problems.push(`table "${extra}" is in the database but has no model`);
  return problems;
}

const schemaPath = path.resolve(__dirname, "../../prisma/schema.prisma");

describe("schema.prisma ⇄ SQL migrations", () => {
  let db: Database.Database;
  beforeAll(() => {
    db = new Database(":memory:");
    migrateDatabase(db, loadMigrations(path.resolve(__dirname, "../../prisma/migrations/sqlite")));
  });

  it("every model and field of the schema exists with the right type and nullability", async () => {
    const drift = await schemaDrift(fs.readFileSync(schemaPath, "utf8"), db);
    expect(drift).toEqual([]);
  });

  it("detects a field added to the schema without a migration", async () => {
    const text = fs.readFileSync(schemaPath, "utf8").replace(/model User \{/, "model User {\n  nickname String?");
    const drift = await schemaDrift(text, db);
    expect(drift).toContain('User.nickname: column "nickname" missing');
  });

  it("detects a nullability mismatch", async () => {
    const text = fs.readFileSync(schemaPath, "utf8").replace(/  actor  String\?\n/, "  actor  String\n");
    const drift = await schemaDrift(text, db);
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
