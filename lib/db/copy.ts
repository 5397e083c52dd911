import "server-only";
// `herald db copy --from <url> --to <url>`: moves an installation between engines (typically
// SQLite → PostgreSQL when it outgrows one machine). The target is migrated to the current schema
// and must be empty; every table is copied in one target transaction, in foreign-key order, values
// converted where the engines store them differently (timestamps: ISO text ↔ timestamptz;
// booleans: 0/1 ↔ true/false); PostgreSQL's id sequences are moved past the copied ids; the row
// count of every table is compared before the commit — any difference rolls everything back.
// Sealed secrets are copied as they are: the target installation must use the same secrets key.
import { ensurePrivateSqliteFiles } from "./file-modes";
import Database from "better-sqlite3";
import pg from "pg";
import fs from "node:fs";
import { engineOf, pgTarget, redactUrl, type Engine } from "./engine";
import { migrate, pendingMigrations, sqlitePath, MIGRATIONS_TABLE } from "./migrate";
import { migratePg, pendingMigrationsPg } from "./migrate-pg";
import { pgTx, sqliteTx, type SqlTx } from "./sql";
import { dbTime } from "./sqlite";

export interface TableCopy {
  table: string;
  source: number;
  target: number;
}

export interface CopyResult {
  tables: TableCopy[];
  rows: number;
}

export class CopyError extends Error {}

type ColumnKind = "time" | "bool" | "other";

interface Side {
  engine: Engine;
  tx: SqlTx;
  tables(): Promise<string[]>;
  columns(table: string): Promise<Map<string, ColumnKind>>;
  /** [child, parent] pairs of foreign keys. */
  foreignKeys(): Promise<[string, string][]>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  close(): Promise<void>;
}

function sqliteSide(url: string, readonly: boolean): Side {
  const file = sqlitePath(url);
  if (readonly && !fs.existsSync(file)) throw new CopyError(`--from: ${file} does not exist`);
  if (!readonly) ensurePrivateSqliteFiles(file);
  const db = new Database(file, { readonly, fileMustExist: readonly, timeout: 10_000 });
  const tx = sqliteTx(db);
  const kind = (type: string): ColumnKind => (/^DATETIME/i.test(type) ? "time" : /^BOOLEAN/i.test(type) ? "bool" : "other");
  return {
    engine: "sqlite",
    tx,
    async tables() {
      return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ?`).all(MIGRATIONS_TABLE) as { name: string }[]).map(
        (r) => r.name,
      );
    },
    async columns(table) {
      return new Map((db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string }[]).map((c) => [c.name, kind(c.type)]));
    },
    async foreignKeys() {
      const out: [string, string][] = [];
      for (const t of await this.tables()) for (const fk of db.prepare(`PRAGMA foreign_key_list("${t}")`).all() as { table: string }[]) out.push([t, fk.table]);
      return out;
    },
    async begin() {
      // The source (read-only): a read transaction, one snapshot for the whole copy.
      db.exec(readonly ? "BEGIN" : "BEGIN IMMEDIATE");
    },
    async commit() {
      db.exec("COMMIT");
    },
    async rollback() {
      if (db.inTransaction) db.exec("ROLLBACK");
    },
    async close() {
      db.close();
    },
  };
}

async function pgSide(url: string): Promise<Side> {
  const { connectionString, schema } = pgTarget(url);
  const client = new pg.Client({ connectionString, options: `-c search_path="${schema}"`, connectionTimeoutMillis: 10_000 });
  client.setTypeParser(20, (v: string) => Number(v));
  await client.connect();
  const tx = pgTx(client);
  return {
    engine: "postgresql",
    tx,
    async tables() {
      return (
        await client.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> $2`,
          [schema, MIGRATIONS_TABLE],
        )
      ).rows.map((r) => r.table_name);
    },
    async columns(table) {
      const rows = (
        await client.query<{ column_name: string; data_type: string }>(
          `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
          [schema, table],
        )
      ).rows;
      return new Map(rows.map((c) => [c.column_name, c.data_type.startsWith("timestamp") ? "time" : c.data_type === "boolean" ? "bool" : "other"]));
    },
    async foreignKeys() {
      return (
        await client.query<{ child: string; parent: string }>(
          `SELECT tc.table_name AS child, ccu.table_name AS parent
             FROM information_schema.table_constraints tc
             JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.constraint_schema = tc.constraint_schema
            WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = $1`,
          [schema],
        )
      ).rows.map((r) => [r.child, r.parent] as [string, string]);
    },
    async begin() {
      await client.query("BEGIN");
    },
    async commit() {
      await client.query("COMMIT");
    },
    async rollback() {
      await client.query("ROLLBACK").catch(() => undefined);
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}

/** Parents before children; otherwise alphabetical. */
export function copyOrder(tables: string[], fks: [string, string][]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (seen.has(t) || path.has(t)) return;
    path.add(t);
    for (const [child, parent] of fks) if (child === t && parent !== t && tables.includes(parent)) visit(parent, path);
    seen.add(t);
    out.push(t);
  };
  for (const t of [...tables].sort()) visit(t, new Set());
  return out;
}

/** SQLite keeps DateTime as ISO text (or, from DEFAULT CURRENT_TIMESTAMP, "YYYY-MM-DD HH:MM:SS" in UTC). */
function toInstant(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === "number" || typeof v === "bigint") return new Date(Number(v));
  const s = String(v);
  const d = new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s) ? `${s.replace(" ", "T")}Z` : s);
  if (Number.isNaN(d.getTime())) throw new CopyError(`cannot read "${s}" as a timestamp`);
  return d;
}

function convert(v: unknown, kind: ColumnKind, to: Engine): unknown {
  if (v === null || v === undefined) return null;
  if (kind === "time") {
    const d = toInstant(v)!;
    return to === "sqlite" ? dbTime(d) : d;
  }
  if (kind === "bool") {
    const b = v === true || v === 1 || v === "1" || v === "true";
    return to === "sqlite" ? (b ? 1 : 0) : b;
  }
  return v;
}

async function isEmpty(side: Side, tables: string[]): Promise<string | null> {
  for (const t of tables) {
    const r = await side.tx.get<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "${t}"`);
    if (Number(r?.n ?? 0) > 0) return t;
  }
  return null;
}

export async function copyDatabase(
  fromUrl: string,
  toUrl: string,
  opts: { batch?: number; onTable?: (t: TableCopy) => void } = {},
): Promise<CopyResult> {
  if (fromUrl === toUrl) throw new CopyError("--from and --to name the same database");
  const fromEngine = engineOf(fromUrl);
  const toEngine = engineOf(toUrl);
  const pendingFrom = fromEngine === "postgresql" ? await pendingMigrationsPg(fromUrl) : pendingMigrations(fromUrl);
  if (pendingFrom.length) {
    throw new CopyError(
      `--from ${redactUrl(fromUrl)} is not at the current schema (pending: ${pendingFrom.join(", ")}). Start this version of Herald on it once (or run \`herald migrate\` with DATABASE_URL set to it), then copy.`,
    );
  }
  if (toEngine === "postgresql") await migratePg(toUrl);
  else migrate(toUrl);

  const source = fromEngine === "postgresql" ? await pgSide(fromUrl) : sqliteSide(fromUrl, true);
  const target = toEngine === "postgresql" ? await pgSide(toUrl) : sqliteSide(toUrl, false);
  try {
    const sourceTables = await source.tables();
    const targetTables = new Set(await target.tables());
    const missing = sourceTables.filter((t) => !targetTables.has(t));
    if (missing.length) throw new CopyError(`the target has no table ${missing.join(", ")} — are both at the same Herald version?`);
    const order = copyOrder(sourceTables, await target.foreignKeys());
    const busy = await isEmpty(target, order);
    if (busy) throw new CopyError(`--to ${redactUrl(toUrl)} is not empty (table ${busy} has rows). Copy into an empty database.`);

    // A consistent snapshot of the source while the copy runs.
    if (source.engine === "postgresql") await source.tx.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    else await source.begin();
    await target.begin();
    const result: CopyResult = { tables: [], rows: 0 };
    try {
      for (const table of order) {
        const srcCols = await source.columns(table);
        const dstCols = await target.columns(table);
        const extra = [...srcCols.keys()].filter((c) => !dstCols.has(c));
        if (extra.length) throw new CopyError(`${table}: the target has no column ${extra.join(", ")}`);
        const cols = [...srcCols.keys()];
        const kinds = cols.map((c) => [c, dstCols.get(c) === "other" ? srcCols.get(c)! : dstCols.get(c)!] as const);
        const perBatch = Math.max(1, Math.min(opts.batch ?? 500, Math.floor(30_000 / cols.length)));
        const hasId = cols.includes("id");
        let copied = 0;
        let offset = 0;
        for (;;) {
          const rows = await source.tx.all<Record<string, unknown>>(
            `SELECT ${cols.map((c) => `"${c}"`).join(", ")} FROM "${table}" ORDER BY ${hasId ? `"id"` : cols.map((c) => `"${c}"`).join(", ")} LIMIT ${perBatch} OFFSET ${offset}`,
          );
          if (!rows.length) break;
          const values: unknown[] = [];
          const marks = rows.map((r) => {
            for (const [c, kind] of kinds) values.push(convert(r[c], kind, target.engine));
            return `(${cols.map(() => "?").join(", ")})`;
          });
          await target.tx.run(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES ${marks.join(", ")}`, values);
          copied += rows.length;
          offset += rows.length;
          if (rows.length < perBatch) break;
        }
        if (target.engine === "postgresql" && hasId) {
          // SERIAL ids: the next id must come after the copied ones.
          const seq = await target.tx.get<{ s: string | null }>(`SELECT pg_get_serial_sequence(?, 'id') AS "s"`, [`"${table}"`]);
          if (seq?.s) {
            await target.tx.get(`SELECT setval(?::regclass, GREATEST((SELECT COALESCE(MAX("id"), 0) FROM "${table}"), 1), (SELECT COUNT(*) > 0 FROM "${table}"))`, [seq.s]);
          }
        }
        const s = Number((await source.tx.get<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "${table}"`))?.n ?? 0);
        const t = Number((await target.tx.get<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "${table}"`))?.n ?? 0);
        const entry = { table, source: s, target: t };
        result.tables.push(entry);
        result.rows += t;
        opts.onTable?.(entry);
        if (s !== t || copied !== s) throw new CopyError(`${table}: ${s} rows in the source, ${t} in the target after the copy — nothing was committed`);
      }
      await target.commit();
      return result;
    } catch (e) {
      await target.rollback();
      throw e;
    } finally {
      await source.rollback();
    }
  } finally {
    await source.close();
    await target.close();
  }
}
