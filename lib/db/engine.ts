// Which database engine a DATABASE_URL names. SQLite (`file:…`) is the embedded default;
// `postgresql://…` / `postgres://…` switch Herald to PostgreSQL. A `schema` query parameter
// (Prisma's convention) selects the PostgreSQL schema; it is not a libpq parameter, so it is taken
// off the connection string and applied by Herald itself.
export type Engine = "sqlite" | "postgresql";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function engineOf(url: string): Engine {
  if (url.startsWith("file:")) return "sqlite";
  if (isPostgresUrl(url)) return "postgresql";
  throw new Error(`DATABASE_URL must be an SQLite file URL (file:…) or a PostgreSQL URL (postgresql://…), got "${redactUrl(url)}"`);
}

export interface PgTarget {
  /** The connection string for node-postgres, without the `schema` parameter. */
  connectionString: string;
  /** The PostgreSQL schema Herald's tables live in ("public" unless ?schema= says otherwise). */
  schema: string;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function pgTarget(url: string): PgTarget {
  const u = new URL(url);
  const schema = u.searchParams.get("schema") ?? "public";
  if (!SCHEMA_NAME.test(schema)) throw new Error(`DATABASE_URL: schema "${schema}" is not a plain PostgreSQL identifier`);
  u.searchParams.delete("schema");
  return { connectionString: u.toString(), schema };
}

/** The URL with any password replaced by "***", for messages and logs. */
export function redactUrl(url: string): string {
  if (url.startsWith("file:")) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
  }
}

/** Where the data lives, for admins (no credentials): "SQLite · /var/lib/herald/herald.db". */
export function describeDatabase(url: string): string {
  if (url.startsWith("file:")) return `SQLite · ${url.slice("file:".length)}`;
  try {
    const u = new URL(url);
    const schema = u.searchParams.get("schema") ?? "public";
    return `PostgreSQL · ${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}${schema === "public" ? "" : ` (schema ${schema})`}`;
  } catch {
    return "PostgreSQL";
  }
}
