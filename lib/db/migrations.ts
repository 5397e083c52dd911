import "server-only";
// Engine-neutral entry points of the migrator, for start-up, the CLI and readiness.
import { engineOf } from "./engine";
import { migrate, pendingMigrations, type MigrateResult } from "./migrate";
import { migratePg, pendingMigrationsPg } from "./migrate-pg";

/** Applies every pending migration of the engine `url` names. */
export async function migrateUrl(url: string): Promise<MigrateResult> {
  return engineOf(url) === "postgresql" ? migratePg(url) : migrate(url);
}

/** Names of migrations on disk that the database at `url` has not applied yet. */
export async function pendingMigrationsOf(url: string): Promise<string[]> {
  return engineOf(url) === "postgresql" ? pendingMigrationsPg(url) : pendingMigrations(url);
}
