// Direct database access for tests, on whichever engine the tests run (see temp-data.ts).
import { read, writeTx, type SqlParams } from "@/lib/db/sql";
import { closeSqlite } from "@/lib/db/sqlite";
import { closePgPool } from "@/lib/db/pg-pool";

/** All rows of a query (identifiers double-quoted, `?` parameters). COUNT(*) comes back as a number. */
export function rows<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]> {
  return read((d) => d.all<T>(sql, params));
}

export async function row<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T | undefined> {
  return read((d) => d.get<T>(sql, params));
}

export function exec(sql: string, params?: SqlParams): Promise<number> {
  return writeTx((d) => d.run(sql, params));
}

/** Closes Herald's own SQL connections (between tests that switch databases). */
export async function closeConnections() {
  closeSqlite();
  await closePgPool();
}
