// Template engine benchmark: Properties parsing, rendering and the editor's lint on AEM's
// workflow template and on a 20 KB template.
//
//   npx tsx bench/templates.bench.ts            (npm run bench)
//
// Each case runs for a fixed time after a warm-up; the table shows the median of five batches.
// Extension point: the Chromium preview latency (editor keystroke → rendered preview) is to be
// measured by a browser-driven case appended to the rows returned by runTemplateBenchmarks().
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compileHtml, renderHtml } from "../lib/templates/html";
import { HtmlCache } from "../lib/templates-store/html-cache";
import { inlineCss } from "../lib/templates-store/inline-css";
import { sampleData, TEMPLATE_KEYS } from "../lib/templates/catalog";
import { lintTemplate } from "../lib/templates/lint";
import { parseProperties, writeProperties } from "../lib/templates/properties";
import { compileTemplate, renderTemplate } from "../lib/templates/render";

export interface BenchRow {
  case: string;
  "ops/s": string;
  "time/op": string;
  note: string;
}

interface Measured {
  opsPerSec: number;
  nsPerOp: number;
}

let sink = 0; // keeps results alive so the work cannot be optimised away

function measure(fn: () => unknown, { batchMs = 200, batches = 5 } = {}): Measured {
  // Warm-up until the JIT has settled.
  const warmEnd = performance.now() + 150;
  while (performance.now() < warmEnd) for (let i = 0; i < 100; i++) consume(fn());
  const rates: number[] = [];
  for (let b = 0; b < batches; b++) {
    let n = 0;
    const start = performance.now();
    let now = start;
    while (now - start < batchMs) {
      for (let i = 0; i < 100; i++) consume(fn());
      n += 100;
      now = performance.now();
    }
    rates.push(n / ((now - start) / 1000));
  }
  rates.sort((a, b) => a - b);
  const opsPerSec = rates[Math.floor(rates.length / 2)] ?? NaN;
  return { opsPerSec, nsPerOp: 1e9 / opsPerSec };
}

function consume(v: unknown): void {
  if (typeof v === "string") sink += v.length;
  else if (v && typeof v === "object") sink += 1;
}

function formatOps(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0);
}

function formatTime(ns: number): string {
  return ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`;
}

function row(name: string, m: Measured, note = ""): BenchRow {
  return { case: name, "ops/s": formatOps(m.opsPerSec), "time/op": formatTime(m.nsPerOp), note };
}

/** AEM's default English workflow template, as documented (a committed test vector). */
export function aemWorkflowTemplate(): string {
  const file = path.resolve(__dirname, "../lib/templates/__vectors__/reader/aem-workflow-en.properties");
  return fs.readFileSync(file, "utf8");
}

/** A workflow template whose body uses every one of the 24 variables. */
function allVariablesTemplate(): string {
  const names = Object.keys(sampleData("workflow"));
  return writeProperties({
    subject: "Workflow notification: ${event.EventType} (${model.title})",
    header: "-".repeat(60) + "\n" + names.map((n) => `${n}: \${${n}}`).join("\n") + "\n" + "-".repeat(60) + "\n\n",
    message: "Content: ${host.prefix}${payload.path.open}\n",
    footer: "\nInbox: ${host.prefix}/aem/inbox\nThis is an automatically generated message.",
  });
}

/** About 20 KB of Properties text in AEM's layout, one placeholder per line or so. */
export function largeTemplate(targetBytes = 20 * 1024): string {
  const names = Object.keys(sampleData("workflow"));
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes - 400; i++) {
    const line = `Line ${i}: step \${${names[i % names.length]}} of \${model.title} — details ${"x".repeat(i % 40)}\\n \\`;
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return [
    "# A large template for the benchmark",
    "subject=Workflow notification: ${event.EventType}",
    "header=" + "-".repeat(80) + "\\n \\",
    "Time: ${event.TimeStamp}\\n\\n",
    "message=" + lines.join("\n"),
    " end\\n",
    "footer=\\n \\",
    "View the overview in your ${host.prefix}/aem/inbox",
    "",
  ].join("\n");
}

/** Runs tools/java-vectors/PropertiesBench.java (JIT-warm) on the same template; a note row without java. */
function javaRows(template: string, data: Record<string, string>, herald: { parse: Measured; render: Measured }): BenchRow[] {
  const none = (why: string): BenchRow[] => [{ case: "java Properties.load (anchor)", "ops/s": "-", "time/op": "-", note: why }];
  const has = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (has.error || has.status !== 0) return none("java not installed");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-java-bench-"));
  try {
    const file = path.join(dir, "template.properties");
    fs.writeFileSync(file, template);
    const src = path.resolve(__dirname, "../tools/java-vectors/PropertiesBench.java");
    const c = spawnSync("javac", ["-d", dir, src], { encoding: "utf8" });
    if (c.status !== 0) return none(`javac failed: ${(c.stderr || c.error?.message || "").trim().split("\n")[0]}`);
    const args = Object.entries(data).map(([k, v]) => `${k}=${v}`);
    const r = spawnSync("java", ["-cp", dir, "PropertiesBench", file, ...args], { encoding: "utf8" });
    if (r.status !== 0) return none(`java failed: ${(r.stderr || "").trim().split("\n")[0]}`);
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!) as { java: string; parseNs: number; renderNs: number };
    const m = (ns: number): Measured => ({ nsPerOp: ns, opsPerSec: 1e9 / ns });
    return [
      row(
        "java Properties.load AEM workflow (anchor)",
        m(out.parseNs),
        `Java ${out.java}, JIT-warm, from a String; Herald ${formatTime(herald.parse.nsPerOp)} = ` +
          `${(herald.parse.nsPerOp / out.parseNs).toFixed(2)}× Java's time (goal ≤ 1)`,
      ),
      row(
        "java regex render AEM workflow (anchor)",
        m(out.renderNs),
        `Matcher.appendReplacement; Herald is ${(out.renderNs / herald.render.nsPerOp).toFixed(1)}× faster (goal ≥ 5)`,
      ),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runTemplateBenchmarks(): Promise<BenchRow[]> {
  const data = sampleData("workflow"); // all 24 workflow variables
  const rows: BenchRow[] = [];

  const aem = aemWorkflowTemplate();
  const aemBytes = new TextEncoder().encode(aem);
  const parse = measure(() => parseProperties(aem));
  rows.push(row("parse AEM workflow template (string)", parse, `${aem.length} chars`));
  rows.push(row("parse AEM workflow template (UTF-8 bytes)", measure(() => parseProperties(aemBytes)), "strict decode + parse"));

  const parsed = parseProperties(aem);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const compiled = compileTemplate(parsed.entries, { family: "workflow" });
  rows.push(row("compile AEM workflow template", measure(() => compileTemplate(parsed.entries, { family: "workflow" }))));
  const render = measure(() => renderTemplate(compiled, data));
  rows.push(row("render AEM workflow template (24 variables)", render, `${compiled.variables.length} placeholders used`));

  const all = parseProperties(allVariablesTemplate());
  if (!all.ok) throw new Error(all.error.message);
  const allCompiled = compileTemplate(all.entries, { family: "workflow" });
  rows.push(
    row("render template using all 24 variables", measure(() => renderTemplate(allCompiled, data)), `${allCompiled.variables.length} placeholders used`),
  );
  rows.push(row("lint AEM workflow template", measure(() => lintTemplate("workflow", aem)), "editor path"));

  const large = largeTemplate();
  const largeBytes = Buffer.byteLength(large);
  const slow = { batchMs: 300, batches: 5 };
  rows.push(row("parse 20 KB template", measure(() => parseProperties(large), slow), `${(largeBytes / 1024).toFixed(1)} KB`));
  rows.push(
    row(
      "parse + compile + render 20 KB template",
      measure(() => {
        const p = parseProperties(large);
        if (!p.ok) throw new Error(p.error.message);
        return renderTemplate(compileTemplate(p.entries, { family: "workflow" }), data).body;
      }, slow),
      "the live preview's work per keystroke",
    ),
  );
  rows.push(row("lint 20 KB template", measure(() => lintTemplate("workflow", large), slow), "editor path"));

  // The HTML part: AEM's workflow variables in Herald's shipped workflow HTML and layout (en).
  const root = path.resolve(__dirname, "..");
  const htmlBody = fs.readFileSync(path.join(root, "templates/workflow/en.html"), "utf8");
  const htmlLayout = fs.readFileSync(path.join(root, "templates/_layout/en.html"), "utf8");
  rows.push(
    row(
      "compile + inline workflow HTML with layout",
      measure(() => compileHtml(htmlBody, { family: "workflow", layout: htmlLayout, inline: inlineCss }), { batchMs: 300, batches: 3 }),
      "once per template version (cached)",
    ),
  );
  // A mail after the first: the server's cache lookup (lib/templates-store/html-cache.ts, the
  // database loader replaced by the files) and the render.
  const htmlCache = new HtmlCache({
    load: async () => ({ body: htmlBody, layout: htmlLayout }),
    inliner: async () => inlineCss,
    ttlMs: Number.POSITIVE_INFINITY,
    maxCompiled: 1,
  });
  await htmlCache.resolve("workflow", "en");
  const perMail = () => {
    const compiled = htmlCache.cached("workflow", "en");
    if (!compiled) throw new Error("the compiled workflow HTML left the cache");
    return renderHtml(compiled, data).html;
  };
  const htmlRender = measure(perMail);
  const htmlBytes = Buffer.byteLength(perMail());
  rows.push(
    row(
      "render workflow HTML with layout (per mail)",
      htmlRender,
      `cache hit + render, ${(htmlBytes / 1024).toFixed(1)} KB out; goal ≤ 20 µs${htmlRender.nsPerOp > 20_000 ? " — MISSED" : ""}`,
    ),
  );

  // Java's own Properties.load (and AEM-style regex rendering) on the same file, when java is here.
  rows.push(...javaRows(aem, data, { parse, render }));

  // Sanity: the large template renders fully.
  const check = parseProperties(large);
  if (!check.ok || renderTemplate(check.entries, data, { family: "workflow" }).problems.length) {
    throw new Error("benchmark template does not render cleanly");
  }
  if (TEMPLATE_KEYS.some((k) => !check.entries.has(k))) throw new Error("benchmark template lacks a key");
  return rows;
}

if (process.argv[1] && /templates\.bench\.[cm]?[jt]s$/.test(process.argv[1])) {
  // No top-level await: tsx runs this file as CommonJS.
  void runTemplateBenchmarks().then((rows) => {
    console.log(`Herald template benchmark — Node ${process.version}, ${process.platform}/${process.arch}`);
    console.table(rows);
    if (sink === -1) console.log(sink);
  });
}
