import type { Command } from "commander";
import { databaseUrl } from "@/lib/env";
import { migrateUrl } from "@/lib/db/migrations";
import { redactUrl } from "@/lib/db/engine";

export function register(program: Command) {
  program
    .command("migrate")
    .description("apply pending database migrations (prisma/migrations/<engine>/*) to DATABASE_URL")
    .action(async () => {
      const url = databaseUrl();
      const { applied, alreadyApplied } = await migrateUrl(url);
      console.log(`database: ${redactUrl(url)}`);
      console.log(applied.length ? `applied: ${applied.join(", ")}` : "nothing to apply");
      console.log(`up to date: ${applied.length + alreadyApplied.length} migrations`);
    });
}
