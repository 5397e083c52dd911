import "server-only";
// Every PostgreSQL entry point (Prisma client, Herald's own SQL) waits for the migrations once per
// process; a failure is not cached, so the next use tries again (the database may come back).
import { migratePg } from "./migrate-pg";

const KEY = Symbol.for("herald.pgMigrated");
type Holder = { [KEY]?: Map<string, Promise<void>> };

export function ensurePgMigrated(url: string): Promise<void> {
  const g = globalThis as Holder;
  const map = (g[KEY] ??= new Map());
  let p = map.get(url);
  if (!p) {
    p = migratePg(url).then(
      () => undefined,
      (e) => {
        map.delete(url);
        throw e;
      },
    );
    map.set(url, p);
  }
  return p;
}
