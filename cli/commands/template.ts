// `herald template parse|render|lint` — the template engine from the command line: read a file as
// java.util.Properties does, render what a recipient would get, and lint a folder of templates
// (`<family>/<lang>.txt`, the layout of templates/ and of AEM's notification folders).
import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import {
  compileTemplate,
  FAMILY_IDS,
  isFamilyId,
  isIsoLanguage,
  lintTemplate,
  normalizeLanguage,
  parseProperties,
  renderTemplate,
  sampleData,
  type FamilyId,
  type LintDiagnostic,
} from "@/lib/templates";
import { AppError } from "@/lib/errors";
import { renderForRequest, parseRenderRequest } from "@/lib/templates-store/render-request";
import { compileHtml, renderHtml, type TemplateData } from "@/lib/templates";

/** The HTML part: of the stored template (as the render API), or of an HTML body file in the stored layout. */
async function renderHtmlForCli(family: FamilyId, lang: string | null, data: TemplateData, file?: string): Promise<{ html: string; warnings: string[] } | null> {
  if (file === undefined) {
    const r = await renderForRequest({ family, lang, data });
    return r.html === null ? null : { html: r.html, warnings: r.warnings };
  }
  let body: string;
  try {
    body = new TextDecoder("utf-8", { fatal: true }).decode(readFileBytes(file));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${file}: not valid UTF-8`);
  }
  const code = (lang && normalizeLanguage(lang)) || "en";
  // Loaded only here: juice (cheerio) would slow every other command's start.
  const [{ layoutFor }, { inlineCss }] = await Promise.all([import("@/lib/templates-store/html-store"), import("@/lib/templates-store/inline-css")]);
  const r = renderHtml(compileHtml(body, { family, layout: await layoutFor(code), inline: inlineCss }), data);
  return { html: r.html, warnings: r.problems.map((p) => (p.reason === "unsafe-url" ? `a link built from \${${p.name}} is not an http(s) URL; replaced by "#"` : `\${${p.name}}: ${p.reason}; left as written`)) };
}
import { CliError, EXIT_BAD_INPUT, readStdin } from "../support";

/** Java's message starts with "Line N, column C: "; the CLI's format puts the line first already. */
function reasonOf(message: string): string {
  return message.replace(/^Line \d+(, column \d+)?: /, "");
}

function readFileBytes(file: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === "ENOENT" ? `${file}: no such file` : code === "EISDIR" ? `${file}: is a folder, not a file` : `${file}: ${(e as Error).message}`);
  }
}

async function readJson(file: string): Promise<unknown> {
  const text = file === "-" ? await readStdin() : new TextDecoder().decode(readFileBytes(file));
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file === "-" ? "<stdin>" : file}: not valid JSON (${(e as Error).message})`);
  }
}

function printRendered(subject: string, body: string) {
  process.stdout.write(`Subject: ${subject}\n\n${body}${body.endsWith("\n") ? "" : "\n"}`);
}

function warn(message: string) {
  process.stderr.write(`herald: warning: ${message}\n`);
}

interface LintOptions {
  info?: boolean;
  family?: string;
}

interface LintTarget {
  file: string;
  family: FamilyId;
  lang: string;
}

interface LintTally {
  files: number;
  errors: number;
  warnings: number;
}

function line(file: string, d: Pick<LintDiagnostic, "line" | "column" | "severity" | "code" | "message">): string {
  return `${file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`;
}

/** Finds the template files under `target`: a templates folder, one family's folder, or one file. */
function collectTargets(target: string, opts: LintOptions, report: (text: string, severity: "error" | "warning") => void): LintTarget[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new CliError(`${target}: no such file or folder`);
  }
  const familyOption = opts.family;
  if (familyOption !== undefined && !isFamilyId(familyOption)) throw new CliError(`--family: "${familyOption}" is not a template family (${FAMILY_IDS.join(", ")})`);

  const fileTarget = (file: string, family: FamilyId): LintTarget | null => {
    const lang = path.basename(file, ".txt");
    if (!isIsoLanguage(lang)) {
      const hint = normalizeLanguage(lang);
      report(
        `${file}:1:1: error bad-file-name: "${lang}" is not a two-letter ISO 639-1 code; a template is named <language>.txt` +
          (hint && hint !== lang ? ` (did you mean ${hint}.txt?)` : "") +
          ". Herald and AEM never read this file.",
        "error",
      );
      return null;
    }
    return { file, family, lang };
  };

  if (stat.isFile()) {
    const family = familyOption ?? path.basename(path.dirname(path.resolve(target)));
    if (!isFamilyId(family)) throw new CliError(`${target}: cannot tell the family from the folder name "${family}"; add --family <${FAMILY_IDS.join("|")}>`);
    const t = fileTarget(target, family);
    return t ? [t] : [];
  }

  const familyFolder = (dir: string, family: FamilyId): LintTarget[] => {
    const names = fs.readdirSync(dir).filter((n) => n.endsWith(".txt")).sort();
    if (!names.includes("en.txt")) {
      report(`${dir}: warning no-default-language: there is no en.txt; recipients whose language has no template get English, and this family has none.`, "warning");
    }
    return names.map((n) => fileTarget(path.join(dir, n), family)).filter((t): t is LintTarget => t !== null);
  };

  const base = familyOption ?? path.basename(path.resolve(target));
  const subdirs = fs.readdirSync(target, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  if (isFamilyId(base) && (familyOption !== undefined || !subdirs.some(isFamilyId))) return familyFolder(target, base);

  const out: LintTarget[] = [];
  for (const name of subdirs) {
    const dir = path.join(target, name);
    if (name === "_layout") continue; // the shared HTML layout, not a family
    if (!isFamilyId(name)) {
      report(`${dir}: warning unknown-family: not a template family (${FAMILY_IDS.join(", ")}); skipped.`, "warning");
      continue;
    }
    out.push(...familyFolder(dir, name));
  }
  if (out.length === 0 && !subdirs.some(isFamilyId)) {
    throw new CliError(`${target}: no template families here (expected folders named ${FAMILY_IDS.join(", ")} with <language>.txt files)`);
  }
  return out;
}

export function register(program: Command) {
  const template = program.command("template").description("read, render and check notification templates (java.util.Properties, UTF-8)");

  template
    .command("parse")
    .description("print a template file's keys and values as one JSON object (keys sorted); a malformed file prints file:line: reason and exits 2")
    .argument("<file>", "a .txt / .properties file")
    .action((file: string) => {
      const r = parseProperties(readFileBytes(file));
      if (!r.ok) {
        process.stderr.write(`${file}:${r.error.line}: ${reasonOf(r.error.message)}\n`);
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      const sorted: Record<string, string> = {};
      // Sorted by UTF-16 code units, as Java's TreeMap would; stable across locales.
      for (const k of [...r.entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) sorted[k] = r.entries.get(k)!;
      process.stdout.write(JSON.stringify(sorted, null, 2) + "\n");
    });

  template
    .command("render")
    .description("print what a recipient of <lang> gets: \"Subject: …\", a blank line, then the body (the stored template, or --file)")
    .argument("<family>", FAMILY_IDS.join(" | "))
    .argument("<lang>", "the recipient's language (de, pt-BR, …); without a template in it, English is used")
    .option("--data <file>", "JSON object of variable values (\"-\" reads stdin); default: the family's sample values")
    .option("--file <template>", "render this template file instead of the stored one (with --html: an HTML body, wrapped in the stored layout)")
    .option("--html", "print the HTML part (layout wrapped, CSS inlined, variables escaped) instead of subject and text")
    .action(async (family: string, lang: string, opts: { data?: string; file?: string; html?: boolean }) => {
      if (!isFamilyId(family)) throw new CliError(`"${family}" is not a template family (${FAMILY_IDS.join(", ")})`);
      const data = opts.data === undefined ? sampleData(family) : await readJson(opts.data);
      let req;
      try {
        req = parseRenderRequest({ family, lang, data });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const where = opts.data === undefined ? "data" : opts.data === "-" ? "<stdin>" : opts.data;
        const fields = Object.entries(e.fields ?? {}).map(([k, v]) => `  ${k}: ${v.join(" ")}`);
        throw new CliError(`${where}: invalid input\n${fields.join("\n")}`);
      }
      if (opts.html) {
        try {
          const html = await renderHtmlForCli(family, req.lang ?? null, req.data ?? {}, opts.file);
          if (html === null) throw new CliError(`${family}/${lang} has no HTML part (text only).`);
          process.stdout.write(html.html + (html.html.endsWith("\n") ? "" : "\n"));
          for (const w of html.warnings) warn(w);
        } catch (e) {
          if (e instanceof AppError) throw new CliError(e.message, e.code === "validation" ? EXIT_BAD_INPUT : 1);
          throw e;
        }
        return;
      }
      if (opts.file) {
        const parsed = parseProperties(readFileBytes(opts.file));
        if (!parsed.ok) throw new CliError(`${opts.file}:${parsed.error.line}: ${reasonOf(parsed.error.message)}`);
        const r = renderTemplate(compileTemplate(parsed.entries, { family }), req.data ?? {});
        for (const p of r.problems) warn(p.reason === "unknown" ? `\${${p.name}} is not a ${family} variable; left as written` : `no value for \${${p.name}}; left as written`);
        for (const e of r.errors) warn(e.message);
        printRendered(r.subjectForSending, r.body);
        return;
      }
      try {
        const r = await renderForRequest(req);
        // Subject and text only here: the HTML part's warnings belong to `--html`.
        for (const w of r.warnings) if (!r.htmlWarnings.includes(w)) warn(w);
        printRendered(r.subject, r.body);
      } catch (e) {
        if (e instanceof AppError) throw new CliError(e.message, e.code === "validation" ? EXIT_BAD_INPUT : 1);
        throw e;
      }
    });

  template
    .command("lint")
    .description("check every <family>/<lang>.txt under a folder (default: templates/): errors exit 1, warnings are printed")
    .argument("[path]", "a templates folder, one family's folder, or one file", "templates")
    .option("--info", "also print notes about legal but surprising Properties syntax")
    .option("--family <family>", "the family of a single file or folder whose name does not say it")
    .action((target: string, opts: LintOptions) => {
      const tally: LintTally = { files: 0, errors: 0, warnings: 0 };
      const report = (text: string, severity: "error" | "warning") => {
        process.stdout.write(text + "\n");
        if (severity === "error") tally.errors++;
        else tally.warnings++;
      };
      for (const t of collectTargets(target, opts, report)) {
        tally.files++;
        for (const d of lintTemplate(t.family, readFileBytes(t.file))) {
          if (d.severity === "info" && !opts.info) continue;
          process.stdout.write(line(t.file, { ...d, message: reasonOf(d.message) }) + "\n");
          if (d.severity === "error") tally.errors++;
          else if (d.severity === "warning") tally.warnings++;
        }
      }
      const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
      process.stderr.write(`${plural(tally.files, "file")} checked: ${plural(tally.errors, "error")}, ${plural(tally.warnings, "warning")}\n`);
      if (tally.errors > 0) process.exitCode = 1;
    });
}
