// The PostgreSQL half of the drift test (schema-drift.test.ts is the SQLite half): the derived
// prisma/postgresql/schema.prisma is current, and the PostgreSQL migration set produces exactly the
// tables and columns it describes (type, precision, nullability). Runs against HERALD_TEST_PG_URL,
// or a throwaway cluster of its own when that is not set.
import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { loadMigrations, MIGRATIONS_TABLE, MigrationError } from "./migrate";
import { migratePg, migratePgClient, pendingMigrationsPg, withPgClient } from "./migrate-pg";
import { startTestPostgres } from "@/lib/testing/pg";
import { schemaDrift, type Catalogue, type DmmfField } from "@/lib/testing/schema-drift";

const root = path.resolve(__dirname, "../..");
const pgSchemaPath = path.join(root, "prisma/postgresql/schema.prisma");
const pgMigrations = path.join(root, "prisma/migrations/postgresql");

/** What information_schema reports for each Prisma type (and native type). */
function expectedType(f: DmmfField): string {
  if (f.nativeType) {
    const [name, args] = f.nativeType;
    if (name === "Timestamptz") return `timestamp with time zone(${args[0] ?? 6})`;
    if (name === "Timestamp") return `timestamp without time zone(${args[0] ?? 6})`;
    return name.toLowerCase();
  }
  const auto = typeof f.default === "object" && f.default !== null && (f.default as { name?: string }).name === "autoincrement";
  if (auto) return f.type === "BigInt" ? "bigint" : "integer";
  return (
    {
      String: "text",
      Int: "integer",
      BigInt: "bigint",
      Boolean: "boolean",
      DateTime: "timestamp without time zone(3)",
      Float: "double precision",
      Decimal: "numeric",
      Json: "jsonb",
      Bytes: "bytea",
    } as Record<string, string>
  )[f.type]!;
}

interface PgColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: "YES" | "NO";
  datetime_precision: number | null;
}

async function pgSchemaDrift(schemaText: string, c: pg.Client, schema: string): Promise<string[]> {
  const cols = (
    await c.query<PgColumn>(
      `SELECT table_name, column_name, data_type, is_nullable, datetime_precision FROM information_schema.columns WHERE table_schema = $1`,
      [schema],
    )
  ).rows;
  const catalogue: Catalogue = new Map();
  for (const col of cols) {
    if (!catalogue.has(col.table_name)) catalogue.set(col.table_name, new Map());
    const type = col.data_type.startsWith("timestamp") ? `${col.data_type}(${col.datetime_precision})` : col.data_type;
    catalogue.get(col.table_name)!.set(col.column_name, { type, required: col.is_nullable === "NO" });
  }
  return schemaDrift(schemaText, catalogue, expectedType);
}

const freshUrl = startTestPostgres("drift");

describe("prisma/postgresql/schema.prisma", () => {
  it("is derived from prisma/schema.prisma and current", async () => {
    const { derivePostgresSchema } = (await import(path.join(root, "scripts/derive-postgres-schema.mjs"))) as {
      derivePostgresSchema: (s: string) => string;
    };
    const derived = derivePostgresSchema(fs.readFileSync(path.join(root, "prisma/schema.prisma"), "utf8"));
    expect(fs.readFileSync(pgSchemaPath, "utf8")).toBe(derived);
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toMatch(/queuedAt\s+DateTime @db\.Timestamptz\(3\)/);
  });
});

describe("PostgreSQL migrations ⇄ schema", () => {
  it("every model and field of the schema exists with the right type and nullability", async () => {
    const url = freshUrl();
    await migratePg(url, pgMigrations);
    const drift = await withPgClient(url, (c, schema) => pgSchemaDrift(fs.readFileSync(pgSchemaPath, "utf8"), c, schema));
    expect(drift).toEqual([]);
  });

  it("detects a field added to the schema without a migration, and a nullability mismatch", async () => {
    const url = freshUrl();
    await migratePg(url, pgMigrations);
    const text = fs
      .readFileSync(pgSchemaPath, "utf8")
      .replace(/model User \{/, "model User {\n  nickname String?")
      .replace(/  actor  String\?\n/, "  actor  String\n");
    const drift = await withPgClient(url, (c, schema) => pgSchemaDrift(text, c, schema));
    expect(drift).toContain('User.nickname: column "nickname" missing');
    expect(drift.some((d) => d.startsWith("AuditEvent.actor: nullable in the database"))).toBe(true);
  });
});

describe("PostgreSQL migrator", () => {
  it("applies each migration once, also when several instances start at the same moment", async () => {
    const url = freshUrl();
    const names = loadMigrations(pgMigrations).map((m) => m.name);
    const results = await Promise.all([migratePg(url, pgMigrations), migratePg(url, pgMigrations), migratePg(url, pgMigrations)]);
    // The advisory lock lets exactly one apply them; the others find them applied.
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, names.length]);
    expect(results.filter((r) => r.alreadyApplied.length === names.length)).toHaveLength(2);
    expect(await pendingMigrationsPg(url, pgMigrations)).toEqual([]);
    const n = await withPgClient(url, async (c) => (await c.query(`SELECT count(*)::int AS n FROM "${MIGRATIONS_TABLE}"`)).rows[0].n);
    expect(n).toBe(names.length);
  });

  it("rolls back a failing migration completely and names it", async () => {
    const url = freshUrl();
    const good = { name: "20260101000000_good", sql: `CREATE TABLE a (x INTEGER);`, checksum: "1" };
    const bad = { name: "20260102000000_bad", sql: `CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (1); CREATE TABLE a (z INTEGER);`, checksum: "2" };
    await withPgClient(url, (c) => migratePgClient(c, [good]));
    await expect(withPgClient(url, (c) => migratePgClient(c, [good, bad]))).rejects.toThrow(MigrationError);
    await expect(withPgClient(url, (c) => migratePgClient(c, [good, bad]))).rejects.toThrow(/20260102000000_bad failed and was rolled back/);
    await withPgClient(url, async (c, schema) => {
      const tables = (await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema])).rows.map(
        (r) => r.table_name,
      );
      expect(tables).toEqual([MIGRATIONS_TABLE, "a"].sort());
      expect((await c.query(`SELECT count(*)::int AS n FROM a`)).rows[0].n).toBe(0);
    });
  });

  it("refuses a migration edited after it was applied", async () => {
    const url = freshUrl();
    await withPgClient(url, (c) => migratePgClient(c, [{ name: "20260101000000_a", sql: "CREATE TABLE a (x INTEGER);", checksum: "1" }]));
    await expect(
      withPgClient(url, (c) => migratePgClient(c, [{ name: "20260101000000_a", sql: "CREATE TABLE a (x TEXT);", checksum: "2" }])),
    ).rejects.toThrow(/was changed after it was applied/);
  });
});
