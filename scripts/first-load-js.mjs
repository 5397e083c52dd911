// First-load JavaScript of app routes from a finished `next build` (Next 16 no longer prints it):
// the root main files plus every chunk the route's layouts and page enter with, gzip-sized as a
// browser downloads them.
//   node scripts/first-load-js.mjs [distDir] [route …]        prints the table
//   node scripts/first-load-js.mjs --check [distDir]          compares the main pages with
//       scripts/first-load-baseline.json (the build before the console spoke Korean) and fails
//       when one grew by more than 10 % (issue 17: catalogs are loaded per locale, never all)
//   node scripts/first-load-js.mjs --baseline [distDir]       writes that baseline from a build
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const BASELINE = path.join(here, "first-load-baseline.json");
/** The pages people open first and most: the ones the 10 % budget is held to. */
export const MAIN_PAGES = ["/", "/login", "/setup", "/account", "/configuration", "/configuration/[pid]", "/configuration/oauth", "/templates", "/templates/[family]/[lang]", "/outbox", "/recipients", "/api-keys", "/users"];
const LIMIT = 0.1;

/** Route → gzip bytes of its first-load JavaScript. */
export function measure(distDir) {
  const dist = path.resolve(distDir);
  const build = JSON.parse(fs.readFileSync(path.join(dist, "build-manifest.json"), "utf8"));
  const manifests = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? manifests(p) : e.name === "page_client-reference-manifest.js" ? [p] : [];
    });
  const gz = new Map();
  const size = (file) => {
    if (!gz.has(file)) gz.set(file, zlib.gzipSync(fs.readFileSync(path.join(dist, file))).length);
    return gz.get(file);
  };
  const out = {};
  for (const file of manifests(path.join(dist, "server/app"))) {
    globalThis.__RSC_MANIFEST = {};
    new Function("globalThis", fs.readFileSync(file, "utf8"))(globalThis);
    const [[key, m]] = Object.entries(globalThis.__RSC_MANIFEST);
    const route = key.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";
    const files = new Set(build.rootMainFiles);
    for (const list of Object.values(m.entryJSFiles)) for (const f of list) files.add(f);
    out[route] = [...files].reduce((n, f) => n + size(f), 0);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function main(argv) {
  const mode = argv[0] === "--check" || argv[0] === "--baseline" ? argv.shift() : "print";
  const dist = argv.shift() ?? process.env.HERALD_DIST_DIR ?? ".next";
  const now = measure(dist);
  if (mode === "--baseline") {
    fs.writeFileSync(BASELINE, JSON.stringify({ note: "first-load JS (gzip bytes) before the console was translated (issue 17)", routes: now }, null, 2) + "\n");
    console.log(`wrote ${path.relative(process.cwd(), BASELINE)}`);
    return 0;
  }
  if (mode === "print") {
    for (const [route, bytes] of Object.entries(now)) if (!argv.length || argv.includes(route)) console.log(`${route.padEnd(40)} ${kb(bytes).padStart(10)} gzip`);
    return 0;
  }
  const before = JSON.parse(fs.readFileSync(BASELINE, "utf8")).routes;
  const over = [];
  console.log(`first-load JavaScript (gzip), before the console was translated → now; budget +${LIMIT * 100} % on the main pages\n`);
  console.log(`| page | before | now | change |\n|---|---|---|---|`);
  for (const route of MAIN_PAGES) {
    if (before[route] === undefined || now[route] === undefined) {
      over.push(`${route}: missing from the ${before[route] === undefined ? "baseline" : "build"}`);
      continue;
    }
    const change = now[route] / before[route] - 1;
    console.log(`| ${route} | ${kb(before[route])} | ${kb(now[route])} | ${change >= 0 ? "+" : ""}${(change * 100).toFixed(1)} % |`);
    if (change > LIMIT) over.push(`${route}: +${(change * 100).toFixed(1)} %`);
  }
  if (over.length) {
    console.error(`\nfirst-load JavaScript over budget:\n  ${over.join("\n  ")}`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main(process.argv.slice(2)));
