// Prints the first-load JavaScript of app routes from a finished `next build` (Next 16 no longer
// prints it): the root main files plus every chunk the route's layouts and page enter with, gzip-
// sized as a browser downloads them. Usage: node scripts/first-load-js.mjs [distDir] [route …]
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dist = path.resolve(process.argv[2] ?? process.env.HERALD_DIST_DIR ?? ".next");
const wanted = process.argv.slice(3);
const build = JSON.parse(fs.readFileSync(path.join(dist, "build-manifest.json"), "utf8"));
const appDir = path.join(dist, "server/app");

function manifests(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...manifests(p));
    else if (e.name === "page_client-reference-manifest.js") out.push(p);
  }
  return out;
}

const gz = new Map();
function size(file) {
  if (!gz.has(file)) gz.set(file, zlib.gzipSync(fs.readFileSync(path.join(dist, file))).length);
  return gz.get(file);
}

const rows = [];
for (const file of manifests(appDir)) {
  globalThis.__RSC_MANIFEST = {};
  new Function("globalThis", fs.readFileSync(file, "utf8"))(globalThis);
  const [[key, m]] = Object.entries(globalThis.__RSC_MANIFEST);
  const route = key.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";
  if (wanted.length && !wanted.includes(route)) continue;
  const files = new Set(build.rootMainFiles);
  for (const list of Object.values(m.entryJSFiles)) for (const f of list) files.add(f);
  const total = [...files].reduce((n, f) => n + size(f), 0);
  rows.push([route, total]);
}
rows.sort((a, b) => a[0].localeCompare(b[0]));
for (const [route, total] of rows) console.log(`${route.padEnd(40)} ${(total / 1024).toFixed(1).padStart(7)} KB gzip`);
