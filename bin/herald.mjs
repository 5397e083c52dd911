#!/usr/bin/env node
// `npx herald …` — runs the TypeScript CLI with tsx, in React's server condition so that lib
// modules marked "server-only" load outside Next.js.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const r = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", path.join(root, "cli", "herald.ts"), ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") } },
);
process.exit(r.status ?? 1);
