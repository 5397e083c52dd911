// Direct database access for tests, on whichever engine the tests run (see temp-data.ts).
import { currentEngine, read, writeTx, type SqlParams } from "@/lib/db/sql";
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

/**
 * Makes every insert into `table` whose `column` equals `value` fail, as a crash in the middle of
 * a write would: for tests that a change and its audit row commit or roll back together. The
 * schema must exist already (open the database first).
 */
export async function failInserts(table: string, column: string, value: string) {
  const name = `fail_${table}_${column}`;
  if (currentEngine() === "sqlite") {
    await exec(`CREATE TRIGGER "${name}" BEFORE INSERT ON "${table}" WHEN NEW."${column}" = '${value}' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    return;
  }
  await exec(`CREATE FUNCTION "${name}"() RETURNS trigger AS $$ BEGIN IF NEW."${column}" = '${value}' THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
  await exec(`CREATE TRIGGER "${name}" BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${name}"()`);
}
