import "server-only";
// Case-insensitive Prisma string filters on both engines. SQLite's LIKE (what Prisma's `contains`,
// `startsWith` and `endsWith` become there) ignores ASCII case; PostgreSQL's LIKE does not, and
// Prisma's SQLite client rejects `mode`. Spread this into a string filter:
//   { name: { contains: q, ...insensitive() } }
import { databaseUrl } from "@/lib/env";
import { engineOf } from "./engine";

/**
 * `{ mode: "insensitive" }` on PostgreSQL, `{}` on SQLite. Typed as an empty record: the app is
 * typed against the SQLite client, whose filters have no `mode`; the PostgreSQL client accepts it.
 */
export function insensitive(): Record<never, never> {
  return (engineOf(databaseUrl()) === "postgresql" ? { mode: "insensitive" } : {}) as Record<never, never>;
}
