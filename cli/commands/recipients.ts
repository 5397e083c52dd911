import fs from "node:fs";
import type { Command } from "commander";
import { importRecipientsCsv } from "@/lib/recipients/import";
import { csvHeader, csvRow } from "@/lib/recipients/csv";
import { allRecipients, listRecipients } from "@/lib/recipients/store";
import { formatSubscriptions } from "@/lib/recipients/schema";
import { CliError, printTable, readStdin } from "../support";

export function register(program: Command) {
  const recipients = program.command("recipients").description("the recipient directory (profiles and subscriptions)");

  recipients
    .command("import")
    .description("create or update recipients from a CSV file (columns id,email,name,familyName,language,subscriptions); - reads stdin")
    .argument("<csv>", "the CSV file, or - for stdin")
    .option("--dry-run", "report what would happen without changing anything")
    .option("--json", "print the report as JSON")
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean }) => {
      if (file !== "-" && !fs.existsSync(file)) throw new CliError(`${file}: no such file`);
      const text = file === "-" ? await readStdin() : fs.readFileSync(file, "utf8");
      const report = await importRecipientsCsv(text, { dryRun: opts.dryRun, actor: "cli", source: file });
      if (report.fileErrors.length) throw new CliError(`nothing was imported: ${report.fileErrors.join(" ")}`);
      if (opts.json) {
        console.log(JSON.stringify(report, null, 2));
      } else {
        if (report.ignoredColumns.length) console.error(`ignored columns: ${report.ignoredColumns.join(", ")}`);
        for (const r of report.rows.filter((x) => x.outcome === "rejected")) {
          console.error(`line ${r.line}${r.id ? ` (${r.id})` : ""}: rejected — ${r.errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`);
        }
        const c = report.counts;
        console.log(`${opts.dryRun ? "dry run: would have " : ""}created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, rejected ${c.rejected}`);
      }
      if (report.counts.rejected > 0) process.exitCode = 3;
    });

  recipients
    .command("export")
    .description("print the directory as CSV (the import format)")
    .action(async () => {
      process.stdout.write(csvHeader());
      for await (const r of allRecipients()) process.stdout.write(csvRow(r));
    });

  recipients
    .command("list")
    .description("list recipients")
    .option("--search <text>", "part of id, email or name")
    .option("--json", "print JSON")
    .action(async (opts: { search?: string; json?: boolean }) => {
      const r = await listRecipients({ q: opts.search, pageSize: 500 });
      if (opts.json) return console.log(JSON.stringify(r.rows, null, 2));
      if (!r.rows.length) return console.log("no recipients");
      printTable(r.rows.map((x) => ({ id: x.id, email: x.email, name: `${x.name}${x.familyName ? ` ${x.familyName}` : ""}`, language: x.language, subscriptions: formatSubscriptions(x.subscriptions) })));
      if (r.total > r.rows.length) console.log(`… ${r.total - r.rows.length} more`);
    });
}
