import "server-only";
// One Prisma client per process, on the database named by DATABASE_URL (SQLite file by default,
// PostgreSQL for `postgresql://…`). Pending migrations are applied before the first query, so
// every entry point (server, worker, CLI) sees a current schema.
//
// Both engines' clients are generated from the same models (prisma/schema.prisma and the derived
// prisma/postgresql/schema.prisma), so they have the same API; the app is typed against the
// SQLite client and the PostgreSQL one is used through that type.
import { ensurePrivateDataDir } from "@/lib/data-files";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "@/lib/generated/prisma-pg/client";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl, env } from "@/lib/env";
import { migrate } from "./migrate";
import { engineOf, pgTarget } from "./engine";
import { ensurePgMigrated } from "./pg-migrated";
import { pgPoolConfig } from "./pg-pool";

const globalForDb = globalThis as unknown as { heraldDb?: PrismaClient; heraldDbUrl?: string };

/** PrismaPg that applies pending migrations before it hands out its first connection. */
class MigratingPrismaPg extends PrismaPg {
  constructor(
    private readonly url: string,
    max: number,
  ) {
    super(pgPoolConfig(url, max), { schema: pgTarget(url).schema });
  }
  override async connect() {
    await ensurePgMigrated(this.url);
    return super.connect();
  }
}

function create(url: string): PrismaClient {
  // Every process (console, worker, CLI) opens the database first: the place to make sure the
  // data folder is private, whichever engine holds the data.
  ensurePrivateDataDir();
  if (engineOf(url) === "postgresql") {
    const client = new PgPrismaClient({ adapter: new MigratingPrismaPg(url, env().HERALD_PG_POOL_SIZE) });
    return client as unknown as PrismaClient;
  }
  migrate(url);
  const adapter = new PrismaBetterSqlite3({ url, timeout: 5000 });
  return new PrismaClient({ adapter });
}

/** The process-wide Prisma client. */
export function db(): PrismaClient {
  const url = databaseUrl();
  if (!globalForDb.heraldDb || globalForDb.heraldDbUrl !== url) {
    if (globalForDb.heraldDb) void globalForDb.heraldDb.$disconnect().catch(() => undefined);
    globalForDb.heraldDb = create(url);
    globalForDb.heraldDbUrl = url;
  }
  return globalForDb.heraldDb;
}
