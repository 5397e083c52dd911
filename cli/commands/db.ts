import type { Command } from "commander";
import { copyDatabase, CopyError } from "@/lib/db/copy";
import { engineOf, redactUrl } from "@/lib/db/engine";
import { CliError, printTable } from "../support";

export function register(program: Command) {
  const dbCmd = program.command("db").description("database operations");

  dbCmd
    .command("copy")
    .description("copy every table from one database to another, empty one (e.g. SQLite → PostgreSQL), verifying row counts")
    .requiredOption("--from <url>", "source DATABASE_URL (file:… or postgresql://…); stop the console and workers first")
    .requiredOption("--to <url>", "target DATABASE_URL; migrated to the current schema, must be empty")
    .action(async (opts: { from: string; to: string }) => {
      for (const [flag, url] of [["--from", opts.from], ["--to", opts.to]] as const) {
        try {
          engineOf(url);
        } catch (e) {
          throw new CliError(`${flag}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      console.log(`copying ${redactUrl(opts.from)} → ${redactUrl(opts.to)}`);
      try {
        const result = await copyDatabase(opts.from, opts.to, {
          onTable: (t) => process.stderr.write(`  ${t.table}: ${t.target} rows\n`),
        });
        printTable(result.tables.map((t) => ({ table: t.table, "source rows": String(t.source), "target rows": String(t.target) })));
        console.log(`copied ${result.rows} rows in ${result.tables.length} tables; every row count matches.`);
        console.log("Sealed secrets were copied as they are: run the new installation with the same HERALD_SECRET_KEY (or data-folder key file).");
      } catch (e) {
        if (e instanceof CopyError) throw new CliError(`nothing was copied: ${e.message}`);
        throw e;
      }
    });
}
