import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { getService, SERVICES } from "@/lib/config/services";
import { exportCfgJson, exportAllZip, describeProblem, describeChangeLine } from "@/lib/config/cli-support";
import { storedValues } from "@/lib/config/store";
import { planUpload, applyUpload } from "@/lib/config/import-apply";
import { AppError } from "@/lib/errors";
import { CliError } from "../support";

export function register(program: Command) {
  const config = program.command("config").description("export and import the mail services' configuration (AEM .cfg.json / sling:OsgiConfig XML / content package)");

  config
    .command("export")
    .description("print a service's <pid>.cfg.json to stdout (secrets as $[secret:…] placeholders), or write all services to a zip")
    .argument("[pid]", `one of: ${SERVICES.map((s) => s.pid).join(", ")}`)
    .option("--all", "export every service")
    .option("--out <file>", "zip file to write (with --all)")
    .action(async (pid: string | undefined, opts: { all?: boolean; out?: string }) => {
      if (opts.all) {
        if (!opts.out) throw new CliError("--all needs --out <file.zip>");
        const entries = await Promise.all(SERVICES.map(async (def) => ({ def, values: await storedValues(def.pid) })));
        fs.writeFileSync(opts.out, exportAllZip(entries));
        console.error(`wrote ${SERVICES.length} services to ${opts.out}`);
        return;
      }
      if (!pid) throw new CliError("name a PID, or use --all --out <file.zip>");
      const def = getService(pid);
      if (!def) throw new CliError(`"${pid}" is not a service Herald knows (try one of: ${SERVICES.map((s) => s.pid).join(", ")})`);
      process.stdout.write(exportCfgJson(def, await storedValues(pid)));
    });

  config
    .command("import")
    .description("apply a .cfg.json, .xml, .config or content-package .zip; nothing is applied unless all of it is valid")
    .argument("<file>", "the file to import")
    .option("--dry-run", "print the changes without applying them")
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      if (!fs.existsSync(file)) throw new CliError(`${file}: no such file`);
      const bytes = new Uint8Array(fs.readFileSync(file));
      const name = path.basename(file);
      let preview;
      try {
        preview = await planUpload(name, bytes);
      } catch (e) {
        if (e instanceof AppError) throw new CliError(e.message);
        throw e;
      }
      const { plan } = preview;
      for (const s of plan.services) {
        console.log(`${s.pid} (${s.file}${s.folder ? `, ${s.folder}` : ""})${s.isNew ? " [new]" : ""}`);
        if (s.changes.length === 0) console.log("  no changes");
        for (const c of s.changes) console.log(`  ${describeChangeLine(c)}`);
        for (const n of s.notes) console.log(`  note: ${n}`);
      }
      if (!plan.applicable) {
        throw new CliError(`nothing was imported:\n${plan.problems.map((p) => `  ${describeProblem(p)}`).join("\n")}`);
      }
      if (opts.dryRun) {
        console.log("dry run: nothing applied");
        return;
      }
      const results = await applyUpload(name, bytes, "cli");
      for (const r of results) console.log(r.version ? `${r.pid}: saved as version ${r.version}` : `${r.pid}: already up to date`);
    });
}
