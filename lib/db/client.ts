import "server-only";
// One Prisma client per process, on the SQLite file named by DATABASE_URL / HERALD_DATA_DIR.
// Pending migrations are applied before the first query, so every entry point (server, worker,
// CLI) sees a current schema.
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl } from "@/lib/env";
import { migrate } from "@/lib/db/migrate";

const globalForDb = globalThis as unknown as { heraldDb?: PrismaClient; heraldDbUrl?: string };

function create(url: string): PrismaClient {
  migrate(url);
  const adapter = new PrismaBetterSqlite3({ url, timeout: 5000 });
  return new PrismaClient({ adapter });
}

/** The process-wide Prisma client. */
export function db(): PrismaClient {
  const url = databaseUrl();
  if (!globalForDb.heraldDb || globalForDb.heraldDbUrl !== url) {
    globalForDb.heraldDb = create(url);
    globalForDb.heraldDbUrl = url;
  }
  return globalForDb.heraldDb;
}

export type Db = PrismaClient;
