import "server-only";
// The process-wide node-postgres pool for Herald's own SQL (lib/db/sql.ts: outbox, recipients,
// API keys, mailbox). Prisma has a pool of its own (lib/db/client.ts). Every connection uses
// Herald's schema as its search_path, and BIGINT (COUNT(*)) comes back as a JS number.
import pg from "pg";
import { pgTarget } from "./engine";

const KEY = Symbol.for("herald.pgPool");
type Holder = { [KEY]?: { pool: pg.Pool; url: string } };

const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function pgPoolConfig(url: string, max: number): pg.PoolConfig {
  const { connectionString, schema } = pgTarget(url);
  return {
    connectionString,
    max,
    options: `-c search_path="${schema}"`,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: "herald",
  };
}

export function pgPool(url: string, max = 5): pg.Pool {
  const g = globalThis as Holder;
  const cur = g[KEY];
  if (cur && cur.url === url) return cur.pool;
  if (cur) void cur.pool.end().catch(() => undefined);
  const pool = new pg.Pool({ ...pgPoolConfig(url, max), types });
  // An idle client that loses its server (restart, failover) must not crash the process.
  pool.on("error", () => undefined);
  g[KEY] = { pool, url };
  return pool;
}

export async function closePgPool() {
  const g = globalThis as Holder;
  const cur = g[KEY];
  delete g[KEY];
  if (cur) await cur.pool.end().catch(() => undefined);
}
