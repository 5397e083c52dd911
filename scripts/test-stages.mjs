#!/usr/bin/env node
// `npm test`: every suite, cheapest first, stopping at the first failure — a type, lint or SQLite
// unit failure ends the run in minutes, before the build, the browser suite and the PostgreSQL
// pass. Prints each stage's duration and the total, also when a stage fails.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const stages = [
  ["typecheck", "npm", ["run", "--silent", "typecheck"], {}],
  ["lint", "npm", ["run", "--silent", "lint"], {}],
  ["unit (SQLite)", "npm", ["run", "--silent", "test:unit"], {}],
  // Type-checked already: the build skips its own pass.
  ["build", "npm", ["run", "--silent", "build"], { HERALD_SKIP_TYPECHECK: "1" }],
  // Issue 17's budget: the main pages' first-load JavaScript at most 10 % above the build before
  // the console was translated (scripts/first-load-baseline.json); prints before/after.
  ["first-load JS", "node", ["scripts/first-load-js.mjs", "--check"], {}],
  ["e2e (SQLite, Chromium)", "npm", ["run", "--silent", "test:e2e"], {}],
  ["PostgreSQL: unit, e2e, chaos (small)", "npm", ["run", "--silent", "test:pg"], {}],
];

const fmt = (ms) => `${Math.floor(ms / 60000)}m${String(Math.round((ms % 60000) / 1000)).padStart(2, "0")}s`;
const done = [];
const start = Date.now();
let failed = null;
for (const [name, cmd, args, env] of stages) {
  console.log(`\n=== stage: ${name} ===`);
  const t = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  done.push([name, Date.now() - t, r.status === 0 ? "ok" : `failed (${r.status ?? r.signal})`]);
  if (r.status !== 0) {
    failed = name;
    break;
  }
}
console.log("\nstage durations:");
for (const [name, ms, result] of done) console.log(`  ${name.padEnd(40)} ${fmt(ms).padStart(7)}  ${result}`);
console.log(`  ${"total".padEnd(40)} ${fmt(Date.now() - start).padStart(7)}`);
if (failed) {
  console.log(`npm test: stopped at "${failed}"`);
  process.exit(1);
}
