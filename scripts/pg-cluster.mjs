#!/usr/bin/env node
// A throwaway PostgreSQL cluster for tests, CI, the chaos test and benchmarks:
//   node scripts/pg-cluster.mjs start <dir>   → initdb into <dir>, start on a free loopback port,
//                                                create database "herald", print its URL
//   node scripts/pg-cluster.mjs stop <dir>    → stop it (fast) and remove <dir>
// Binaries: pg_ctl/initdb on PATH, else /usr/lib/postgresql/<newest>/bin (Debian's `postgresql`
// package). initdb refuses to run as root, so as root the cluster runs as the `postgres` user.
// Tuned for tests (fsync off): never use such a cluster for data you want to keep.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export function pgBinDir() {
  const base = "/usr/lib/postgresql";
  if (fs.existsSync(base)) {
    const versions = fs.readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (fs.existsSync(path.join(base, v, "bin", "initdb"))) return path.join(base, v, "bin");
  }
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  if (which.status === 0 && which.stdout.trim()) return path.dirname(fs.realpathSync(which.stdout.trim()));
  throw new Error("PostgreSQL server binaries not found (install Debian's `postgresql` package)");
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

function run(bin, args, opts = {}) {
  const cmd = asRoot ? "runuser" : bin;
  const argv = asRoot ? ["-u", "postgres", "--", bin, ...args] : args;
  const r = spawnSync(cmd, argv, { encoding: "utf8", ...opts });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export async function startCluster(dir, { port } = {}) {
  const bin = pgBinDir();
  fs.mkdirSync(dir, { recursive: true });
  if (asRoot) spawnSync("chown", ["-R", "postgres:postgres", dir]);
  fs.chmodSync(dir, 0o700);
  const data = path.join(dir, "data");
  if (!fs.existsSync(path.join(data, "PG_VERSION"))) {
    run(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
  }
  port ??= await freePort();
  const opts = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=300",
    "-c shared_buffers=128MB",
  ].join(" ");
  run(path.join(bin, "pg_ctl"), ["-D", data, "-o", opts, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  run(path.join(bin, "createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "herald"]);
  const url = `postgresql://postgres@127.0.0.1:${port}/herald`;
  fs.writeFileSync(path.join(dir, "url"), url);
  return url;
}

export function stopCluster(dir) {
  const bin = pgBinDir();
  const data = path.join(dir, "data");
  if (fs.existsSync(path.join(data, "postmaster.pid"))) {
    run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

const [, self, cmd, dirArg] = process.argv;
if (self && path.resolve(self) === path.resolve(new URL(import.meta.url).pathname)) {
  if (!dirArg || !["start", "stop"].includes(cmd)) {
    console.error("usage: node scripts/pg-cluster.mjs start|stop <dir>");
    process.exit(2);
  }
  const dir = path.resolve(dirArg);
  try {
    if (cmd === "start") console.log(await startCluster(dir));
    else stopCluster(dir);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
