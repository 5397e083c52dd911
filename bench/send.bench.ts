// npm run bench:send — 10,000 workflow notifications through Herald's HTTP API to a local SMTP
// sink, and the same sink's ceiling with a bare pooled nodemailer client.
//
//   ceiling    bare nodemailer pool → sink, 10,000 messages: the worker's connection count
//              (HERALD_OUTBOX_CONNECTIONS) and the message the API renders (text + HTML)
//   phase B    8,000 requests, 32 in flight, worker stopped: accepted per second
//   drain      the worker alone delivers phase B's 8,000: delivered per second, and its share of
//              the ceiling (target ≥ 85 %)
//   phase A    8,000 rendered messages queued at once (BENCH_BACKLOG), then 2,000 requests
//              open-loop at 200 requests/s while the worker drains them: API latency (target p99
//              ≤ 50 ms); the table says how much backlog was left when phase A ended
//
// Herald runs as in production: `next start` on the existing build (HERALD_DIST_DIR, default
// .next; run `npm run build` first) with a fresh data folder, and `npm run worker` as its own
// process (HERALD_WORKER_IN_SERVER=0). Peak RSS is sampled from /proc for both.
// Knobs: BENCH_N (default 10000), BENCH_RATE (200), BENCH_CONCURRENCY (32); BENCH_SERVER_PROF and
// BENCH_WORKER_PROF (a folder) write a V8 CPU profile of the console server or the worker.
//
// PostgreSQL mode (npm run bench:send:pg): `--engine postgresql [--workers 1,2,4]` (or BENCH_ENGINE,
// BENCH_WORKERS). First the same run as above with the console server and one worker on PostgreSQL
// (a schema of its own). Then, without a console server, for each worker count, a fresh schema, that many
// `npm run worker` processes started and idle, then BENCH_N messages queued in one transaction;
// delivered per second = BENCH_N / (commit → every message "sent"). The same sink and, first, the
// same bare-client ceiling. PostgreSQL is HERALD_PG_URL, else a throwaway cluster of its own.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const ROOT = path.resolve(__dirname, "..");
const N = Number(process.env.BENCH_N ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const PHASE_A = Math.min(2000, Math.floor(N / 5));
const PHASE_B = N - PHASE_A;
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? PHASE_B);
const DIST = process.env.HERALD_DIST_DIR ?? ".next";

interface Sink {
  port: number;
  count: () => number;
  waitFor: (n: number, timeoutMs: number) => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * The SMTP sink runs in a process of its own: in the bench process its bursts would delay the
 * HTTP client's own clock and inflate the latencies it measures.
 */
async function startSink(): Promise<Sink> {
  const script = `
    const { SMTPServer } = require("smtp-server");
    let count = 0, reported = -1;
    const server = new SMTPServer({ authOptional: true, disabledCommands: ["STARTTLS", "AUTH"], logger: false, disableReverseLookup: true,
      onData(stream, _s, cb) { stream.on("data", () => {}); stream.on("end", () => { count++; cb(); }); } });
    server.on("error", () => {});
    // It stands in for a remote SMTP server: it should not take CPU from Herald on this machine.
    try { require("os").setPriority(0, 15); } catch {}
    server.listen(0, "127.0.0.1", () => process.send({ port: server.server.address().port }));
    setInterval(() => { if (count !== reported) { reported = count; process.send({ count }); } }, 10);
    process.on("disconnect", () => process.exit(0));`;
  const child = spawn(process.execPath, ["-e", script], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let count = 0;
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.on("message", (m: { port?: number; count?: number }) => {
      if (typeof m.port === "number") resolve(m.port);
      if (typeof m.count === "number") count = m.count;
    });
  });
  return {
    port,
    count: () => count,
    async waitFor(n, timeoutMs) {
      const start = Date.now();
      while (count < n) {
        if (Date.now() - start > timeoutMs) throw new Error(`sink: ${count}/${n} after ${timeoutMs} ms`);
        await sleep(20);
      }
    },
    stop: async () => {
      child.disconnect();
      await new Promise((r) => child.once("exit", r));
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** RSS (kB) of a process and its descendants, from /proc (Linux). */
function treeRssKb(pid: number): number {
  let total = 0;
  const kids = new Map<number, number[]>();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      (kids.get(ppid) ?? kids.set(ppid, []).get(ppid)!).push(Number(d));
    } catch {
      /* gone */
    }
  }
  const walk = (p: number) => {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) total += Number(m[1]);
    } catch {
      /* gone */
    }
    for (const k of kids.get(p) ?? []) walk(k);
  };
  walk(pid);
  return total;
}

/** CPU time (ms, user + system) of a process and its descendants so far, from /proc (Linux). */
function treeCpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(d), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      /* gone */
    }
  }
  let ticks = 0;
  const walk = (p: number) => {
    ticks += stats.get(p)?.ticks ?? 0;
    for (const [k, v] of stats) if (v.ppid === p) walk(k);
  };
  walk(pid);
  return ticks * 10; // USER_HZ is 100 on Linux
}

function sampler(pids: () => Record<string, number | undefined>) {
  const peak: Record<string, number> = {};
  const t = setInterval(() => {
    for (const [name, pid] of Object.entries(pids())) if (pid) peak[name] = Math.max(peak[name] ?? 0, treeRssKb(pid));
  }, 100);
  return { peak, stop: () => clearInterval(t) };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function workflowBody(i: number) {
  return JSON.stringify({
    event: { type: "NodeTransition", user: "aparker" },
    participant: { id: `user${i}`, email: `user${i}@example.com`, name: `User ${i}`, familyName: "Bench", language: i % 3 === 0 ? "de" : "en" },
    item: { id: `/var/workflow/instances/server0/2026-03-14/model_${i}/workItems/node1`, node: { id: "node1", title: "Approve Content" } },
    model: { id: "/var/workflow/models/request_for_activation", title: "Request for Activation", version: "1.3" },
    instance: { id: `/var/workflow/instances/server0/2026-03-14/model_${i}`, state: "RUNNING" },
    initiator: { id: "aparker", name: "Alison Parker", email: "alison.parker@example.com", home: "/home/users/a/aparker" },
    payload: { type: "JCR_PATH", path: `/content/site/en/page-${i}` },
  });
}

interface CeilingMessage {
  subject: string;
  text: string;
  html?: string | null;
}

/**
 * The ceiling: a bare pooled nodemailer client with the worker's connection count and pool
 * settings, in a process of its own at the worker's priority (nice 10), sending n copies of the
 * message Herald sends to the same sink.
 */
async function ceiling(sink: Sink, n: number, connections: number, message: CeilingMessage): Promise<{ rate: number; cpuMsPerMessage: number }> {
  const script = `
    const nodemailer = require("nodemailer");
    // Same footing as the worker, which runs at nice 10 (see runStandaloneWorker).
    try { require("os").setPriority(0, 10); } catch {}
    const t = nodemailer.createTransport({ host: "127.0.0.1", port: ${sink.port}, secure: false, ignoreTLS: true, pool: true, maxConnections: ${connections}, maxMessages: 1000 });
    const m = ${JSON.stringify({ subject: message.subject, text: message.text, ...(message.html ? { html: message.html } : {}) })};
    const started = performance.now();
    Promise.all(Array.from({ length: ${n} }, (_, i) => t.sendMail({ from: "workflow-process-service@acme.com", to: "user" + i + "@example.com", ...m })))
      .then(() => { const u = process.cpuUsage(); console.log(JSON.stringify({ ms: performance.now() - started, cpuMs: (u.user + u.system) / 1000 })); t.close(); process.exit(0); }, (e) => { console.error(e); process.exit(1); });`;
  const before = sink.count();
  const out = await new Promise<string>((resolve, reject) => {
    const c = spawn(process.execPath, ["-e", script], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let buf = "";
    c.stdout!.on("data", (d: Buffer) => (buf += d));
    c.on("exit", (code) => (code === 0 ? resolve(buf) : reject(new Error(`ceiling client exited ${code}`))));
  });
  await sink.waitFor(before + n, 10_000);
  const r = JSON.parse(out) as { ms: number; cpuMs: number };
  return { rate: n / (r.ms / 1000), cpuMsPerMessage: r.cpuMs / n };
}

function spawnLogged(cmd: string, args: string[], env: NodeJS.ProcessEnv, name: string, log: string[]): ChildProcess {
  const c = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  c.stdout!.on("data", (d: Buffer) => log.push(`[${name}] ${d}`));
  c.stderr!.on("data", (d: Buffer) => log.push(`[${name}] ${d}`));
  return c;
}

async function waitHttp(url: string, timeoutMs: number, log: string[]) {
  const start = Date.now();
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      /* not yet */
    }
    if (Date.now() - start > timeoutMs) throw new Error(`server did not answer at ${url}\n${log.join("").slice(-2000)}`);
    await sleep(200);
  }
}

/** The HTTP run: ceiling, phase B, drain and phase A, on the database DATABASE_URL names (else SQLite). */
async function main(engine = "SQLite") {
  if (!fs.existsSync(path.join(ROOT, DIST, "BUILD_ID"))) {
    console.error(`No production build in ${DIST}/ — run \`npm run build\` (or set HERALD_DIST_DIR) first.`);
    process.exit(2);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-bench-"));
  process.env.HERALD_DATA_DIR = dataDir;
  const log: string[] = [];
  const sink = await startSink();
  console.log(`${engine}: sink on 127.0.0.1:${sink.port}; data in ${dataDir}; N=${N}`);

  // Configuration and an API key, written the way the console would (lib functions).
  const { saveServiceConfig } = await import("@/lib/config/store");
  const { MAIL_SERVICE_PID } = await import("@/lib/config/services");
  const { createApiKey } = await import("@/lib/apikeys/store");
  await saveServiceConfig(MAIL_SERVICE_PID, { "smtp.host": "127.0.0.1", "smtp.port": sink.port, "from.address": "herald@example.com" }, { actor: "bench" });
  const { key } = await createApiKey({ name: "bench", scopes: ["send"], rateLimit: 1_000_000 }, "bench");
  const { env: heraldEnv } = await import("@/lib/env");
  const { renderForRequest } = await import("@/lib/templates-store/render-request");
  const { sampleData } = await import("@/lib/templates");
  const { enqueue } = await import("@/lib/outbox/enqueue");
  const { newMessageId } = await import("@/lib/outbox/ids");
  const connections = heraldEnv().HERALD_OUTBOX_CONNECTIONS;
  // What the API renders for a workflow event (the text part and the HTML part with its layout).
  const rendered = await renderForRequest({ family: "workflow", lang: "en", data: sampleData("workflow") });
  const loadAtStart = os.loadavg();

  console.log(`ceiling: bare pooled nodemailer, ${connections} connections …`);
  const top = await ceiling(sink, N, connections, rendered);
  const ceilingRate = top.rate;

  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HERALD_DATA_DIR: dataDir,
    PORT: String(port),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    HERALD_WORKER_IN_SERVER: "0",
    HERALD_DEV_SMTP: "0",
    HERALD_DIST_DIR: DIST,
  };
  (env as Record<string, string>).NODE_ENV = "production";
  const server = spawnLogged(process.execPath, [...(process.env.BENCH_SERVER_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_SERVER_PROF}`] : []), path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], env, "server", log);
  let worker: ChildProcess | null = null;
  const workerArgs = [...(process.env.BENCH_WORKER_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_WORKER_PROF}`] : []), "--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts/worker.mjs")];
  const startWorker = () => spawnLogged(process.execPath, workerArgs, env, "worker", log);
  const rss = sampler(() => ({ server: server.pid, worker: worker?.pid }));
  try {
    await waitHttp(`http://127.0.0.1:${port}/api/v1/openapi.json`, 60_000, log);
    const url = `http://127.0.0.1:${port}/api/v1/events/workflow`;
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const post = async (i: number) => {
      const t0 = performance.now();
      const r = await fetch(url, { method: "POST", headers, body: workflowBody(i) }).catch((e: unknown) => {
        // undici says only "fetch failed"; the cause (refused, reset, timeout) is what matters.
        throw new Error(`request ${i}: ${e instanceof Error ? e.message : String(e)}${e instanceof Error && e.cause ? ` (${String(e.cause)})` : ""}`);
      });
      await r.arrayBuffer();
      if (r.status !== 202) throw new Error(`request ${i}: HTTP ${r.status}`);
      return performance.now() - t0;
    };
    // Warm-up (first requests compile routes, open connections); not counted, but delivered in the drain.
    const WARMUP = 20;
    for (let i = 0; i < WARMUP; i++) await post(-1 - i);

    console.log(`phase B: ${PHASE_B} requests, ${CONCURRENCY} in flight, worker stopped …`);
    let next = 0;
    const bCpu = treeCpuMs(server.pid);
    const bStart = performance.now();
    const bLat: number[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < PHASE_B) {
          const i = next++;
          bLat.push(await post(i));
        }
      }),
    );
    const bSecs = (performance.now() - bStart) / 1000;
    const serverCpuPerRequest = (treeCpuMs(server.pid) - bCpu) / PHASE_B;

    console.log(`drain: the worker delivers the ${WARMUP + PHASE_B} queued messages …`);
    const before = sink.count();
    worker = startWorker();
    // Time from the first delivery, so the worker's start-up (tsx) is not counted.
    await sink.waitFor(before + 1, 30_000);
    const dStart = performance.now();
    const dCpu = treeCpuMs(worker.pid);
    const first = sink.count();
    await sink.waitFor(before + WARMUP + PHASE_B, 120_000);
    const dSecs = (performance.now() - dStart) / 1000;
    const workerCpuPerMessage = (treeCpuMs(worker.pid) - dCpu) / (before + WARMUP + PHASE_B - first);
    const delivered = (before + WARMUP + PHASE_B - first) / dSecs;

    // Phase A: the API at a steady rate while the (running, warm) worker drains a backlog, which
    // is queued straight into the outbox so that it is there when the first request goes out.
    console.log(`phase A: ${BACKLOG} messages queued, then ${PHASE_A} requests at ${RATE}/s while the worker drains …`);
    const backlogStart = sink.count();
    const backlog = Array.from({ length: BACKLOG }, (_, i) => {
      const id = newMessageId();
      return {
        id,
        family: "workflow",
        language: "en",
        recipientId: null,
        to: [`backlog${i}@example.com`],
        from: "workflow-process-service@acme.com",
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: `<${id}@example.com>`,
      };
    });
    await enqueue(null, backlog, { source: "bench", timeoutMs: 120_000 });
    const latencies: number[] = [];
    const slowest: [number, number][] = [];
    // A request the server did not answer (e.g. it could not even accept the connection within
    // undici's 10 s) is counted and named, not allowed to end the run: it is the finding.
    const failures: string[] = [];
    const aStart = performance.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < PHASE_A; i++) {
      const due = aStart + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const at = performance.now() - aStart;
      inflight.push(
        post(PHASE_B + i).then(
          (ms) => {
            latencies.push(ms);
            slowest.push([ms, at]);
          },
          (e: unknown) => void failures.push(e instanceof Error ? e.message : String(e)),
        ),
      );
    }
    await Promise.all(inflight);
    const aSecs = (performance.now() - aStart) / 1000;
    // Delivered since the backlog was queued; the backlog goes first (older), so what is missing
    // of it is what the worker still had to drain when the last request was answered.
    const backlogLeft = Math.max(0, BACKLOG - (sink.count() - backlogStart));
    if (process.env.BENCH_VERBOSE) console.log("slowest (ms @ offset ms):", slowest.sort((a, b) => b[0] - a[0]).slice(0, 12).map(([ms, at]) => `${ms.toFixed(0)}@${at.toFixed(0)}`).join(" "));
    await sink.waitFor(backlogStart + BACKLOG + PHASE_A - failures.length, 120_000);
    const aDrained = (performance.now() - aStart) / 1000;
    const loadAtEnd = os.loadavg();

    latencies.sort((a, b) => a - b);
    bLat.sort((a, b) => a - b);
    rss.stop();
    const share = delivered / ceilingRate;
    const p99 = percentile(latencies, 99);
    const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
    const rows: [string, string][] = [
      ["engine (console server and one worker)", engine],
      ["messages (workflow notifications via API)", `${N}, plus ${BACKLOG} queued directly for phase A`],
      ["message sent", `workflow/en, text ${Buffer.byteLength(rendered.text)} B + HTML ${Buffer.byteLength(rendered.html ?? "")} B`],
      [`bare nodemailer pool delivered/s (ceiling, ${connections} connections)`, ceilingRate.toFixed(0)],
      ["Herald worker delivered/s (drain, API idle)", delivered.toFixed(0)],
      ["Herald / ceiling (target ≥ 85 %)", `${(share * 100).toFixed(0)} % — ${verdict(share >= 0.85)}`],
      [`API accepted/s (${CONCURRENCY} in flight, worker stopped, phase B)`, (PHASE_B / bSecs).toFixed(0)],
      [`API latency p99 at ${CONCURRENCY} in flight (phase B)`, `${percentile(bLat, 99).toFixed(1)} ms`],
      ["CPU per message: bare client / Herald worker (drain)", `${top.cpuMsPerMessage.toFixed(2)} ms / ${workerCpuPerMessage.toFixed(2)} ms`],
      ["console server CPU per API request (phase B)", `${serverCpuPerRequest.toFixed(2)} ms`],
      [`API latency p50 at ${RATE} req/s while the worker drains (phase A)`, `${percentile(latencies, 50).toFixed(1)} ms`],
      [`API latency p99 at ${RATE} req/s while the worker drains (target ≤ 50 ms)`, `${p99.toFixed(1)} ms — ${verdict(p99 <= 50 && !failures.length)}`],
      [
        "phase A requests that failed",
        failures.length ? `${failures.length} of ${PHASE_A}, first: ${failures[0]} (not in the percentiles)` : `none of ${PHASE_A}`,
      ],
      [
        "phase A offered rate achieved",
        `${(PHASE_A / aSecs).toFixed(0)} req/s; backlog left when it ended ${backlogLeft} of ${BACKLOG}` +
          `${backlogLeft > 0 ? " (the worker drained throughout)" : " (the worker finished the backlog during phase A)"}; all delivered ${aDrained.toFixed(1)} s after start`,
      ],
      ["peak RSS, console server (next start)", `${((rss.peak.server ?? 0) / 1024).toFixed(0)} MB`],
      ["peak RSS, worker (npm run worker)", `${((rss.peak.worker ?? 0) / 1024).toFixed(0)} MB`],
      [
        "machine",
        `${os.cpus().length} cores, Node ${process.version}; load average ${loadAtStart[0]!.toFixed(1)} at start, ` +
          `${loadAtEnd[0]!.toFixed(1)} at the end (server, worker, sink and client share the cores with whatever else runs)`,
      ],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    console.log("\n| metric | value |\n|---|---|");
    for (const [k, v] of rows) console.log(`| ${k.padEnd(w)} | ${v} |`);
  } catch (e) {
    console.error(log.join("").slice(-4000));
    throw e;
  } finally {
    rss.stop();
    worker?.kill("SIGTERM");
    server.kill("SIGTERM");
    await sink.stop();
    await sleep(300);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- PostgreSQL mode

function benchOptions() {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { engine: { type: "string" }, workers: { type: "string" } }, strict: true });
  const engine = values.engine ?? process.env.BENCH_ENGINE ?? "sqlite";
  if (engine !== "sqlite" && engine !== "postgresql") throw new Error(`--engine must be sqlite or postgresql, got "${engine}"`);
  const raw = values.workers ?? process.env.BENCH_WORKERS ?? "1,2,4";
  const workers = raw.split(",").map((w) => Number(w.trim()));
  if (!workers.length || workers.some((w) => !Number.isInteger(w) || w < 1 || w > 32)) {
    throw new Error(`--workers must be a comma-separated list of worker counts (1–32), got "${raw}"`);
  }
  if (engine === "sqlite" && (values.workers ?? process.env.BENCH_WORKERS)) throw new Error("--workers applies to --engine postgresql only");
  return { engine, workers };
}

async function mainPg(workerCounts: number[]) {
  type ClusterModule = { startCluster: (dir: string) => Promise<string>; stopCluster: (dir: string) => void };
  let own: { dir: string; m: ClusterModule } | null = null;
  let base = process.env.HERALD_PG_URL ?? "";
  if (!base) {
    const m = (await import(path.join(ROOT, "scripts/pg-cluster.mjs"))) as ClusterModule;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-bench-pg-"));
    base = await m.startCluster(dir);
    own = { dir, m };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-bench-"));
  process.env.HERALD_DATA_DIR = dataDir;
  process.env.HERALD_DEV_SMTP = "0";
  const log: string[] = [];
  const sink = await startSink();
  console.log(`sink on 127.0.0.1:${sink.port}; PostgreSQL ${own ? "(own throwaway cluster)" : "(HERALD_PG_URL)"}; N=${N}; workers ${workerCounts.join(", ")}`);

  const { resetEnvCache } = await import("@/lib/env");
  const { read, writeTx } = await import("@/lib/db/sql");
  const { closePgPool } = await import("@/lib/db/pg-pool");
  const { db } = await import("@/lib/db/client");
  const { enqueue } = await import("@/lib/outbox/enqueue");
  const { newMessageId } = await import("@/lib/outbox/ids");
  const { saveServiceConfig } = await import("@/lib/config/store");
  const { MAIL_SERVICE_PID } = await import("@/lib/config/services");

  const workers: ChildProcess[] = [];
  const schemas: string[] = [];
  const results: { workers: number; seconds: number; rate: number }[] = [];
  try {
    // First the same HTTP run as on SQLite (console server, API, one worker), on a schema of its own.
    const apiSchema = `bench_api_${crypto.randomBytes(4).toString("hex")}`;
    schemas.push(apiSchema);
    const api = new URL(base);
    api.searchParams.set("schema", apiSchema);
    process.env.DATABASE_URL = api.toString();
    resetEnvCache();
    await main("PostgreSQL");
    process.env.HERALD_DATA_DIR = dataDir;
    resetEnvCache();

    const { env: heraldEnv } = await import("@/lib/env");
    console.log("ceiling: bare pooled nodemailer …");
    const ceilingRate = (await ceiling(sink, N, heraldEnv().HERALD_OUTBOX_CONNECTIONS, { subject: "Workflow notification: NodeTransition", text: "x".repeat(900) })).rate;

    for (const k of workerCounts) {
      const schema = `bench_${k}w_${crypto.randomBytes(4).toString("hex")}`;
      schemas.push(schema);
      const u = new URL(base);
      u.searchParams.set("schema", schema);
      process.env.DATABASE_URL = u.toString();
      resetEnvCache();
      await saveServiceConfig(MAIL_SERVICE_PID, { "smtp.host": "127.0.0.1", "smtp.port": sink.port, "from.address": "herald@example.com" }, { actor: "bench" });

      // The workers first, idle (tsx start-up is not measured), each with its heartbeat row.
      const env: NodeJS.ProcessEnv = { ...process.env, HERALD_DATA_DIR: dataDir, HERALD_DEV_SMTP: "0", DATABASE_URL: u.toString() };
      for (let i = 0; i < k; i++) {
        workers.push(spawnLogged(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts/worker.mjs")], env, `worker ${i + 1}/${k}`, log));
      }
      const startedBy = Date.now() + 60_000;
      for (;;) {
        const up = await read((d) => d.get<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "OutboxWorker"`));
        if ((up?.n ?? 0) >= k) break;
        const gone = workers.find((w) => w.exitCode !== null);
        if (gone || Date.now() > startedBy) throw new Error(`${k} worker(s) did not start\n${log.join("").slice(-2000)}`);
        await sleep(100);
      }
      await sleep(500);

      console.log(`${k} worker(s): ${N} messages queued at once …`);
      const before = sink.count();
      const messages = Array.from({ length: N }, (_, i) => {
        const id = newMessageId();
        return {
          id,
          family: "workflow",
          language: "en",
          recipientId: null,
          to: [`user${i}@example.com`],
          from: "workflow-process-service@acme.com",
          subject: "Workflow notification: NodeTransition",
          text: "x".repeat(900),
          messageId: `<${id}@example.com>`,
        };
      });
      await enqueue(null, messages, { source: "bench", timeoutMs: 120_000 });
      const committed = performance.now();
      await sink.waitFor(before + N, 300_000);
      for (;;) {
        const left = await read((d) => d.get<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "OutboxMessage" WHERE "status" <> 'sent'`));
        if ((left?.n ?? 0) === 0) break;
        await sleep(20);
      }
      const seconds = (performance.now() - committed) / 1000;
      if (sink.count() !== before + N) throw new Error(`${k} worker(s): the sink received ${sink.count() - before} messages for ${N} queued`);
      results.push({ workers: k, seconds, rate: N / seconds });

      for (const w of workers) w.kill("SIGTERM");
      await Promise.all(workers.map((w) => (w.exitCode !== null || w.signalCode !== null ? undefined : new Promise((r) => w.once("exit", r)))));
      workers.length = 0;
    }

    const one = results[0];
    const rows: [string, string][] = [
      ["messages per run (queued at once, workflow-sized)", `${N}`],
      ["bare nodemailer pool delivered/s (ceiling, 5 connections)", ceilingRate.toFixed(0)],
      ...results.map(
        (r): [string, string] => [
          `${r.workers} worker process${r.workers === 1 ? "" : "es"} delivered/s`,
          `${r.rate.toFixed(0)} (${r.seconds.toFixed(1)} s; ${((r.rate / ceilingRate) * 100).toFixed(0)} % of ceiling${r === one || !one ? "" : `; ×${(r.rate / one.rate).toFixed(2)} vs ${one.workers}`})`,
        ],
      ),
      ["engine", "PostgreSQL (each run on a fresh schema; worker defaults: batch 200, 5 connections)"],
      ["machine", `${os.cpus().length} cores (workers, PostgreSQL, sink and ceiling client all share them), Node ${process.version}`],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    console.log("\n| metric | value |\n|---|---|");
    for (const [key, v] of rows) console.log(`| ${key.padEnd(w)} | ${v} |`);
  } catch (e) {
    console.error(log.join("").slice(-4000));
    throw e;
  } finally {
    for (const wk of workers) wk.kill("SIGKILL");
    await sink.stop();
    await db().$disconnect().catch(() => undefined);
    if (!own) {
      // Our schemas in someone else's database: leave nothing behind.
      for (const schema of schemas) await writeTx((d) => d.run(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).catch(() => undefined);
    }
    await closePgPool();
    if (own) own.m.stopCluster(own.dir);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function run(): Promise<void> {
  const { engine, workers } = benchOptions();
  return engine === "postgresql" ? mainPg(workers) : main();
}

run().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
