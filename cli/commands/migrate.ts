import type { Command } from "commander";
import { databaseUrl } from "@/lib/env";
import { migrate } from "@/lib/db/migrate";

export function register(program: Command) {
  program
    .command("migrate")
    .description("apply pending database migrations (prisma/migrations/*) to DATABASE_URL")
    .action(() => {
      const url = databaseUrl();
      const { applied, alreadyApplied } = migrate(url);
      console.log(`database: ${url}`);
      console.log(applied.length ? `applied: ${applied.join(", ")}` : "nothing to apply");
      console.log(`up to date: ${applied.length + alreadyApplied.length} migrations`);
    });
}
