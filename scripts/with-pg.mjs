#!/usr/bin/env node
// Runs a command against a throwaway PostgreSQL cluster:
//   node scripts/with-pg.mjs <command> [args…]      e.g. node scripts/with-pg.mjs vitest run lib/outbox
// Starts a cluster (scripts/pg-cluster.mjs) in a fresh temporary folder, runs the command with
// HERALD_TEST_PG_URL (unit tests: a fresh schema per test, lib/testing/temp-data.ts) and
// HERALD_PG_URL (other consumers) set to the cluster's URL, then stops the cluster and removes the
// folder — also when the command fails, cannot be started, or this script gets SIGINT/SIGTERM/SIGHUP.
// Exits with the command's exit code (128 + signal number when it was killed by a signal).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startCluster, stopCluster } from "./pg-cluster.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error("usage: node scripts/with-pg.mjs <command> [args…]");
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-pg-"));
let stopped = false;
function stop() {
  if (stopped) return;
  stopped = true;
  try {
    stopCluster(dir);
  } catch (e) {
    console.error(`with-pg: could not stop the cluster in ${dir}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];
let child = null;
let signalled = null;
for (const sig of SIGNALS) {
  process.on(sig, () => {
    signalled ??= sig;
    // The command gets the signal too (and finishes its own clean-up); the cluster is stopped once
    // it has exited. Before it started, there is nothing to wait for.
    if (child && child.exitCode === null && child.signalCode === null) child.kill(sig);
    else {
      stop();
      process.exit(128 + os.constants.signals[sig]);
    }
  });
}

let url;
try {
  url = await startCluster(dir);
} catch (e) {
  console.error(`with-pg: could not start PostgreSQL: ${e instanceof Error ? e.message : String(e)}`);
  stop();
  process.exit(1);
}
console.error(`with-pg: PostgreSQL at ${url} (${dir})`);
if (signalled) {
  stop();
  process.exit(128 + os.constants.signals[signalled]);
}

const code = await new Promise((resolve) => {
  child = spawn(cmd, args, {
    stdio: "inherit",
    env: {
      ...process.env,
      HERALD_TEST_PG_URL: url,
      HERALD_PG_URL: url,
      PATH: `${path.join(root, "node_modules", ".bin")}${path.delimiter}${process.env.PATH ?? ""}`,
    },
  });
  child.on("error", (e) => {
    console.error(`with-pg: could not run ${cmd}: ${e.message}`);
    resolve(127);
  });
  child.on("exit", (status, signal) => resolve(status ?? 128 + (signal ? os.constants.signals[signal] : 1)));
});
stop();
process.exit(signalled && code === 0 ? 128 + os.constants.signals[signalled] : code);
