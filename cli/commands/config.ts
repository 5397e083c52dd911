import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { getService, SERVICES } from "@/lib/config/services";
import { describeProblem, describeResets } from "@/lib/config/import-export";
import { describeChange } from "@/lib/config/diff";
import { buildExport } from "@/lib/config/export-files";
import { planUpload, applyUpload } from "@/lib/config/import-apply";
import { AppError } from "@/lib/errors";
import { CliError } from "../support";

export function register(program: Command) {
  const config = program.command("config").description("export and import the mail services' configuration (AEM .cfg.json / sling:OsgiConfig XML / content package)");

  config
    .command("export")
    .description(
      "print a service's <pid>.cfg.json (or sling:OsgiConfig <pid>.xml with --format xml) to stdout, or write every configured service to a zip — flat, or an AEM content package with --package (secrets as $[secret:…] placeholders)",
    )
    .argument("[pid]", `one of: ${SERVICES.map((s) => s.pid).join(", ")}`)
    .option("--all", "export every service")
    .option("--format <format>", "cfg.json or xml (default: cfg.json; xml in a --package)")
    .option("--package", "with --all: an AEM content package (META-INF/vault, jcr_root/apps/<app>/config/<pid>.xml) for Package Manager")
    .option("--app <name>", "with --package: the app folder under /apps (default: herald)")
    .option("--out <file>", "file to write (required with --all; default for one service: stdout)")
    .action(async (pid: string | undefined, opts: { all?: boolean; out?: string; format?: string; package?: boolean; app?: string }) => {
      if (opts.all && pid) throw new CliError("name a PID or use --all, not both");
      if (!opts.all && !pid) throw new CliError("name a PID, or use --all --out <file.zip>");
      if (!opts.all && (opts.package || opts.app)) throw new CliError("--package and --app go with --all");
      if (opts.app && !opts.package) throw new CliError("--app goes with --package");
      if (opts.all && !opts.out) throw new CliError("--all needs --out <file.zip>");
      if (pid && !getService(pid)) throw new CliError(`"${pid}" is not a service Herald knows (try one of: ${SERVICES.map((s) => s.pid).join(", ")})`);
      let file;
      try {
        file = await buildExport({ pid: pid ?? null, format: opts.format, layout: opts.package ? "package" : undefined, app: opts.app });
      } catch (e) {
        if (e instanceof AppError) throw new CliError(e.message.replace(/^format /, "--format ").replace(/^app: /, "--app: "));
        throw e;
      }
      if (opts.out) {
        fs.writeFileSync(opts.out, file.body);
        console.error(opts.all ? `wrote ${file.services} configured service${file.services === 1 ? "" : "s"} to ${opts.out}` : `wrote ${file.filename} to ${opts.out}`);
      } else process.stdout.write(file.body);
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
        for (const c of s.changes) console.log(`  ${describeChange(c)}`);
        const resets = describeResets(s.resetToDefaults);
        if (resets) console.log(`  ${resets}`);
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
