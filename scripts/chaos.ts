// npm run test:chaos — the outbox loses nothing when workers die and the SMTP server goes away.
//
//   node --conditions=react-server --import tsx scripts/chaos.ts [--messages 20000] [--workers 3]
//        [--kill-every 3] [--outages 2] [--outage-seconds 4] [--timeout 600] [--small] [--keep]
//
// On PostgreSQL (HERALD_PG_URL, else a throwaway cluster of its own, scripts/pg-cluster.mjs), in a
// fresh schema:
//   1. an SMTP sink in this process (the shared test server, lib/testing/smtp.ts) counts deliveries
//      per outbox message (X-Herald-Message header); the Mail Service points at it;
//   2. N messages are enqueued (lib/outbox/enqueue, 1,000 per transaction);
//   3. `--workers` worker processes (scripts/worker.mjs, as `npm run worker`) drain the outbox with a
//      5 s lease and fast retries;
//   4. every `--kill-every` seconds (±50 %) a random worker is frozen (SIGSTOP), the messages it
//      holds ("sending" under its name) are read, and it is killed with SIGKILL and replaced;
//   5. at 25 % and 60 % of the messages sent the sink goes away for `--outage-seconds` (open
//      sessions get "421 shutting down", new connections are refused), then comes back on the
//      same port;
//   6. once every message is "sent" the workers are stopped with SIGTERM (graceful) and the
//      deliveries are checked.
// Fails (exit 1) when a message was lost (never delivered), is not "sent" at the end (queued,
// failed, dead…), does not arrive within --timeout, when there are more duplicates than the
// killed workers held, or when a duplicate is a message no killed worker held (a healthy worker
// sent it twice). A worker exiting by itself also fails the run.
// --small: the CI size (3,000 messages, a kill every 2 s ±50 %, 2 s outages; well under 2 minutes).
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startTestSmtpServer, TEST_SMTP_HOST as HOST, type TestSmtpServer } from "../lib/testing/smtp";

const ROOT = path.resolve(__dirname, "..");

// ---------------------------------------------------------------- options

interface Options {
  messages: number;
  workers: number;
  killEverySeconds: number;
  outages: number;
  outageSeconds: number;
  timeoutSeconds: number;
  leaseSeconds: number;
  keep: boolean;
  small: boolean;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      messages: { type: "string" },
      workers: { type: "string" },
      "kill-every": { type: "string" },
      outages: { type: "string" },
      "outage-seconds": { type: "string" },
      timeout: { type: "string" },
      lease: { type: "string" },
      small: { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      "usage: chaos.ts [--messages N] [--workers N] [--kill-every SECONDS] [--outages N] [--outage-seconds S] [--timeout S] [--lease S] [--small] [--keep]",
    );
    process.exit(0);
  }
  const small = values.small ?? false;
  const num = (name: string, raw: string | undefined, fallback: number, min: number, int = true) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || (int && !Number.isInteger(n))) {
      throw new Error(`--${name} must be ${int ? "an integer" : "a number"} ≥ ${min}, got "${raw}"`);
    }
    return n;
  };
  const messages = num("messages", values.messages, small ? 3000 : 20_000, 1);
  return {
    messages,
    workers: num("workers", values.workers, 3, 1),
    killEverySeconds: num("kill-every", values["kill-every"], small ? 2 : 3, 0.1, false),
    outages: num("outages", values.outages, 2, 0),
    outageSeconds: num("outage-seconds", values["outage-seconds"], small ? 2 : 4, 0.1, false),
    timeoutSeconds: num("timeout", values.timeout, small ? 90 : Math.max(300, Math.ceil(messages / 40)), 1),
    leaseSeconds: num("lease", values.lease, 5, 2),
    keep: values.keep ?? false,
    small,
  };
}

// ---------------------------------------------------------------- SMTP sink

/**
 * Deliveries per outbox message id, counted on the shared test SMTP server when the whole message
 * has arrived, before the 250 reply goes out — so a message the sink counts is one the worker is
 * told was accepted (unless the worker dies before it reads the reply). It can go away (open
 * sessions get "421", new connections are refused) and come back on the same port.
 */
class Sink {
  readonly deliveries = new Map<string, number>();
  total = 0;
  withoutId = 0;
  port = 0;
  private server: TestSmtpServer | null = null;

  async start(): Promise<void> {
    // Thousands of messages: counted from the raw header, neither parsed nor kept.
    this.server = await startTestSmtpServer({ port: this.port, keepMessages: false, onMessage: (raw) => this.count(raw) });
    this.port = this.server.port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    await server?.stop();
  }

  get running() {
    return this.server !== null;
  }

  private count(raw: Buffer) {
    const end = raw.indexOf("\r\n\r\n");
    const head = raw.subarray(0, end >= 0 ? end : 65_536).toString("latin1");
    const id = /^X-Herald-Message:[ \t]*(\S+)/im.exec(head)?.[1];
    this.total++;
    if (id) this.deliveries.set(id, (this.deliveries.get(id) ?? 0) + 1);
    else this.withoutId++;
  }
}

// ---------------------------------------------------------------- run log

/** The workers' output and the run's own notes, in a file (kept on failure) and the last 200 in memory. */
function openRunLog(runDir: string) {
  const file = path.join(runDir, "workers.log");
  const stream = fs.createWriteStream(file);
  const recent: string[] = [];
  const note = (text: string) => {
    const line = `${new Date().toISOString().slice(11, 23)} ${text}`;
    stream.write(line + "\n");
    recent.push(line);
    if (recent.length > 200) recent.splice(0, recent.length - 200);
  };
  const close = () => new Promise<void>((r) => stream.end(() => r()));
  return { file, note, recent, close };
}
type RunLog = ReturnType<typeof openRunLog>;

// ---------------------------------------------------------------- database

type ClusterModule = { startCluster: (dir: string) => Promise<string>; stopCluster: (dir: string) => void };
interface Database {
  url: string;
  schema: string;
  /** A throwaway cluster of our own, when HERALD_PG_URL named none. */
  ownCluster: { dir: string; m: ClusterModule } | null;
}

/** PostgreSQL: the one we are given, or a cluster of our own; a fresh schema in it either way. */
async function preparePostgres(): Promise<Database> {
  let ownCluster: Database["ownCluster"] = null;
  let baseUrl = process.env.HERALD_PG_URL ?? "";
  if (!baseUrl) {
    const m = (await import(path.join(ROOT, "scripts/pg-cluster.mjs"))) as ClusterModule;
    // A folder of its own: as root the cluster runs as the postgres user, who cannot enter runDir.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-chaos-pg-"));
    baseUrl = await m.startCluster(dir);
    ownCluster = { dir, m };
  }
  const schema = `chaos_${crypto.randomBytes(5).toString("hex")}`;
  const u = new URL(baseUrl);
  u.searchParams.set("schema", schema);
  return { url: u.toString(), schema, ownCluster };
}

/** Herald's modules, loaded after the environment is set: lib/env.ts reads it once. */
async function loadHerald() {
  const { resetEnvCache } = await import("@/lib/env");
  resetEnvCache();
  const { read, writeTx } = await import("@/lib/db/sql");
  const { closePgPool } = await import("@/lib/db/pg-pool");
  const { statusCountsIn } = await import("@/lib/outbox/store");
  const { enqueue } = await import("@/lib/outbox/enqueue");
  const { newMessageId } = await import("@/lib/outbox/ids");
  const { saveServiceConfig } = await import("@/lib/config/store");
  const { MAIL_SERVICE_PID } = await import("@/lib/config/services");
  const { db } = await import("@/lib/db/client");
  return { read, writeTx, closePgPool, statusCountsIn, enqueue, newMessageId, saveServiceConfig, MAIL_SERVICE_PID, db };
}
type Herald = Awaited<ReturnType<typeof loadHerald>>;

/** N messages through lib/outbox/enqueue, 1,000 per transaction; returns their ids. */
async function enqueueMessages(h: Herald, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 1000) {
    const chunk = Array.from({ length: Math.min(1000, count - start) }, (_, k) => {
      const n = start + k;
      const id = h.newMessageId();
      ids.push(id);
      return {
        id,
        family: "workflow",
        language: "en",
        recipientId: null,
        to: [`user${n}@example.com`],
        from: "Herald <herald@example.com>",
        subject: `Chaos ${n}`,
        text: `Message ${n}\n${"x".repeat(600)}`,
        messageId: `<${id}@example.com>`,
      };
    });
    await h.enqueue(null, chunk, { source: "chaos", timeoutMs: 120_000 });
  }
  return ids;
}

// ---------------------------------------------------------------- workers

interface Slot {
  index: number;
  child: ChildProcess;
  pid: number;
  /** Set when we SIGKILL or SIGTERM it: its exit is expected. */
  expectedExit: boolean;
}

interface Kill {
  /** Milliseconds since the workers were first started. */
  at: number;
  /** Messages "sending" under its name at the moment it was frozen. */
  held: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
  });
}

/**
 * The worker processes (scripts/worker.mjs, as `npm run worker`): started, killed and replaced,
 * stopped. A worker that exits by itself is replaced too, and recorded: it fails the run.
 */
class WorkerPool {
  readonly slots: Slot[] = [];
  readonly kills: Kill[] = [];
  readonly heldByKilled = new Set<string>();
  readonly unexpectedExits: string[] = [];
  started = 0;
  /** No more replacements once the run is over. */
  done = false;
  private firstStart = 0;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: RunLog,
    private readonly h: Herald,
  ) {}

  startAll(n: number) {
    this.firstStart = Date.now();
    for (let i = 0; i < n; i++) this.slots.push(this.start(i));
  }

  private start(index: number): Slot {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts/worker.mjs")], {
      cwd: ROOT,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const slot: Slot = { index, child, pid: child.pid!, expectedExit: false };
    this.started++;
    const tag = `[w${index} ${child.pid}] `;
    const onData = (d: Buffer) => {
      for (const line of d.toString().split("\n")) if (line.trim()) this.log.note(tag + line);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code, signal) => {
      this.log.note(`${tag}exited (${signal ?? code})`);
      if (!slot.expectedExit) {
        this.unexpectedExits.push(`worker ${index} (pid ${slot.pid}) exited by itself: ${signal ?? `code ${code}`}`);
        // Keep the run going with a replacement; the run fails at the end.
        if (!this.done) this.slots[index] = this.start(index);
      }
    });
    return slot;
  }

  /** Freezes a random worker, reads what it holds, kills it and starts a replacement. */
  async killOne(sentSoFar: number) {
    const slot = this.slots[Math.floor(Math.random() * this.slots.length)]!;
    slot.expectedExit = true;
    try {
      process.kill(slot.pid, "SIGSTOP");
    } catch {
      return; // gone already; its exit handler noted it
    }
    const prefix = `${os.hostname()}:${slot.pid}:`;
    let held: { id: string }[];
    try {
      held = await this.h.read((d) =>
        d.all<{ id: string }>(`SELECT "id" FROM "OutboxMessage" WHERE "status" = 'sending' AND starts_with("lockedBy", ?)`, [prefix]),
      );
    } finally {
      slot.child.kill("SIGKILL");
      await exited(slot.child);
    }
    for (const r of held) this.heldByKilled.add(r.id);
    this.kills.push({ at: Date.now() - this.firstStart, held: held.length });
    this.log.note(`[chaos] killed worker ${slot.index} (pid ${slot.pid}) holding ${held.length} message(s), ${sentSoFar} sent so far`);
    if (!this.done) this.slots[slot.index] = this.start(slot.index);
  }

  /** SIGTERM (graceful: messages in hand are finished); a worker not gone within the time fails the run. */
  async stopGracefully(timeoutMs: number) {
    for (const s of this.slots) {
      s.expectedExit = true;
      s.child.kill("SIGTERM");
    }
    const deadline = sleep(timeoutMs).then(() => "timeout" as const);
    for (const s of this.slots) {
      if ((await Promise.race([exited(s.child).then(() => "ok" as const), deadline])) === "timeout") {
        this.unexpectedExits.push(`worker ${s.index} (pid ${s.pid}) did not stop within ${timeoutMs / 1000} s of SIGTERM`);
        s.child.kill("SIGKILL");
      }
    }
  }

  killAll() {
    for (const s of this.slots) {
      s.expectedExit = true;
      try {
        s.child.kill("SIGKILL");
      } catch {
        /* gone */
      }
    }
  }

  allExited() {
    return Promise.all(this.slots.map((s) => exited(s.child)));
  }
}

function workerEnv(opts: Options, db: Database, dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: db.url,
    HERALD_DATA_DIR: dataDir,
    HERALD_DEV_SMTP: "0",
    HERALD_OUTBOX_LEASE_SECONDS: String(opts.leaseSeconds),
    HERALD_OUTBOX_POLL_MS: "100",
    // An outage costs each message in hand one attempt (the worker then pauses): fast retries, and
    // room for a few outages and kills per message.
    HERALD_OUTBOX_RETRY_BASE_SECONDS: "0.5",
    HERALD_OUTBOX_RETRY_MAX_DELAY_SECONDS: "2",
    HERALD_OUTBOX_MAX_ATTEMPTS: "30",
  };
}

// ---------------------------------------------------------------- the run

/** Every `--kill-every` seconds (±50 %), one worker killed, until stopped. */
function startKiller(opts: Options, pool: WorkerPool, sentSoFar: () => number) {
  let stopped = false;
  let wake = () => undefined as void;
  const woken = new Promise<void>((resolve) => (wake = resolve));
  const running = (async () => {
    while (!stopped) {
      await Promise.race([sleep(opts.killEverySeconds * 1000 * (0.5 + Math.random())), woken]);
      if (stopped) break;
      await pool.killOne(sentSoFar());
    }
  })();
  return async () => {
    stopped = true;
    wake();
    await running;
  };
}

interface Outage {
  atSent: number;
  ms: number;
}

/**
 * Watches the outbox until every message is sent (or one is dead or cancelled, or time is up),
 * printing progress and taking the sink away at 25 % and 60 % of the messages sent (then evenly
 * after that). Returns when it stopped watching, with the outage still under way if there is one
 * (the caller stops the killer first, then waits for it); the outages are recorded in `outages`.
 */
async function driveUntilSent(
  opts: Options,
  h: Herald,
  pool: WorkerPool,
  sink: Sink,
  log: RunLog,
  progress: { sent: number },
  outages: Outage[],
): Promise<Promise<void> | null> {
  const runStart = Date.now();
  const counts = () => h.read((d) => h.statusCountsIn(d));
  const outageAt = Array.from({ length: opts.outages }, (_, k) => (k === 0 ? 0.25 : k === 1 ? 0.6 : 0.6 + (0.3 * (k - 1)) / Math.max(1, opts.outages - 2)));
  let outage: Promise<void> | null = null;
  let lastPrint = 0;
  for (;;) {
    const c = await counts();
    progress.sent = c.sent;
    if (Date.now() - lastPrint > 2000) {
      lastPrint = Date.now();
      console.log(
        `  ${((Date.now() - runStart) / 1000).toFixed(1)}s sent ${c.sent}/${opts.messages}  queued ${c.queued}  sending ${c.sending}  failed ${c.failed}  dead ${c.dead}  kills ${pool.kills.length}  outages ${outages.length}${sink.running ? "" : " (sink down)"}`,
      );
    }
    if (c.sent === opts.messages) break;
    if (c.dead > 0 || c.cancelled > 0) {
      console.error(`chaos: ${c.dead} message(s) dead, ${c.cancelled} cancelled — they will never be sent`);
      break;
    }
    if ((Date.now() - runStart) / 1000 > opts.timeoutSeconds) {
      console.error(`chaos: timed out after ${opts.timeoutSeconds}s with ${opts.messages - c.sent} message(s) not sent`);
      break;
    }
    if (!outage && outages.length < outageAt.length && c.sent >= outageAt[outages.length]! * opts.messages) {
      const record = { atSent: c.sent, ms: 0 };
      outages.push(record);
      outage = (async () => {
        const t0 = Date.now();
        log.note(`[chaos] sink down at ${c.sent} sent`);
        await sink.stop();
        // The outage's length is the scenario: the sink stays away this long.
        await sleep(opts.outageSeconds * 1000);
        await sink.start();
        record.ms = Date.now() - t0;
        log.note(`[chaos] sink up again after ${record.ms} ms`);
      })().finally(() => {
        outage = null;
      });
    }
    await sleep(100);
  }
  return outage;
}

/** Compares what the sink received with what was enqueued; prints the table; returns the problems found. */
async function verdict(
  opts: Options,
  h: Herald,
  pool: WorkerPool,
  sink: Sink,
  ids: string[],
  outages: Outage[],
  timing: { durationS: number; deadlocksDuring: number },
): Promise<string[]> {
  const end = await h.read((d) => h.statusCountsIn(d));
  const enqueued = new Set(ids);
  const lost = ids.filter((id) => !sink.deliveries.has(id));
  const strangers = [...sink.deliveries.keys()].filter((id) => !enqueued.has(id));
  const dupIds = [...sink.deliveries].filter(([, n]) => n > 1).map(([id]) => id);
  const duplicates = [...sink.deliveries.values()].reduce((a, n) => a + n - 1, 0);
  const bound = pool.kills.reduce((a, k) => a + k.held, 0);
  const fromHealthy = dupIds.filter((id) => !pool.heldByKilled.has(id));
  const notSent = opts.messages - end.sent;
  const stats = await h.read((d) =>
    d.get<{ maxAttempts: number; retried: number; leaseLost: number; retries: number }>(
      `SELECT (SELECT MAX("attempts") FROM "OutboxMessage") AS "maxAttempts",
              (SELECT COUNT(*) FROM "OutboxMessage" WHERE "attempts" > 1) AS "retried",
              (SELECT COUNT(*) FROM "OutboxAttempt" WHERE "result" LIKE '%lease lost%') AS "leaseLost",
              (SELECT COUNT(*) FROM "OutboxAttempt" WHERE "result" = 'retry') AS "retries"`,
    ),
  );
  const { durationS, deadlocksDuring } = timing;

  const rows: [string, string][] = [
    ["messages", String(opts.messages)],
    ["workers (concurrent)", `${opts.workers} (${pool.started} processes started in all)`],
    ["kills (SIGKILL)", `${pool.kills.length}, every ${opts.killEverySeconds}s ±50 %`],
    ["held by killed workers at kill (at second)", pool.kills.map((k) => `${k.held} (${(k.at / 1000).toFixed(0)}s)`).join(", ") || "-"],
    ["sink outages", outages.map((o) => `${(o.ms / 1000).toFixed(1)}s at ${o.atSent} sent`).join("; ") || "-"],
    ["status at end", Object.entries(end).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(", ")],
    ["delivered (distinct)", String(sink.deliveries.size)],
    ["deliveries in all", String(sink.total)],
    ["lost (enqueued, never delivered)", String(lost.length)],
    ["not sent at end", String(notSent)],
    ["duplicates (deliveries beyond the first)", `${duplicates} (${dupIds.length} message(s))`],
    ["bound (messages held by killed workers)", String(bound)],
    ["duplicates not held by a killed worker", String(fromHealthy.length)],
    ["sends after a lease was taken over", String(stats?.leaseLost ?? 0)],
    ["failed attempts retried (outages)", String(stats?.retries ?? 0)],
    ["PostgreSQL deadlocks detected (database-wide)", String(deadlocksDuring)],
    ["messages with >1 attempt / max attempts", `${stats?.retried ?? 0} / ${stats?.maxAttempts ?? 0}`],
    ["duration (workers start → all sent)", `${durationS.toFixed(1)} s`],
    ["throughput", `${(opts.messages / durationS).toFixed(0)} messages/s`],
    ["machine", `${os.cpus().length} cores, Node ${process.version}`],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log("\n| chaos | result |\n|---|---|");
  for (const [k, v] of rows) console.log(`| ${k.padEnd(w)} | ${v} |`);
  console.log("");

  const problems: string[] = [];
  if (lost.length) problems.push(`${lost.length} message(s) never delivered, e.g. ${lost.slice(0, 5).join(", ")}`);
  if (notSent) problems.push(`${notSent} message(s) not "sent" at the end`);
  if (strangers.length || sink.withoutId) problems.push(`${strangers.length + sink.withoutId} delivery(ies) of messages that were never enqueued`);
  if (duplicates > bound) problems.push(`${duplicates} duplicate(s) exceed the bound of ${bound} (messages held by killed workers)`);
  if (fromHealthy.length) {
    const detail = await h.read((d) =>
      d.all<{ messageId: string; attempt: number; result: string; worker: string }>(
        `SELECT "messageId", "attempt", "result", "worker" FROM "OutboxAttempt" WHERE "messageId" IN (${fromHealthy.slice(0, 10).map(() => "?").join(", ")}) ORDER BY "messageId", "attempt"`,
        fromHealthy.slice(0, 10),
      ),
    );
    problems.push(
      `${fromHealthy.length} duplicate message(s) were not held by any killed worker (a healthy worker sent them twice): ${fromHealthy.slice(0, 10).join(", ")}\n` +
        detail.map((a) => `      ${a.messageId} attempt ${a.attempt}: ${a.result} by ${a.worker}`).join("\n"),
    );
  }
  problems.push(...pool.unexpectedExits);
  if (!problems.length) console.log(`chaos: OK — ${opts.messages} delivered, none lost, ${duplicates} duplicate(s) (bound ${bound})`);
  return problems;
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = options(process.argv.slice(2));
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-chaos-"));
  const log = openRunLog(runDir);
  const database = await preparePostgres();
  const dataDir = path.join(runDir, "data");
  fs.mkdirSync(dataDir);
  process.env.DATABASE_URL = database.url;
  process.env.HERALD_DATA_DIR = dataDir;
  process.env.HERALD_DEV_SMTP = "0";
  const h = await loadHerald();

  const pool = new WorkerPool(workerEnv(opts, database, dataDir), log, h);
  const sink = new Sink();
  let failed = false;

  process.once("exit", () => pool.killAll());
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      pool.killAll();
      if (database.ownCluster) database.ownCluster.m.stopCluster(database.ownCluster.dir);
      console.error(`chaos: interrupted; worker logs in ${log.file}`);
      process.exit(128 + os.constants.signals[sig]);
    });
  }

  try {
    console.log(
      `chaos: ${opts.messages} messages, ${opts.workers} workers, a kill every ${opts.killEverySeconds}s ±50 %, ${opts.outages} sink outage(s) of ${opts.outageSeconds}s, lease ${opts.leaseSeconds}s`,
    );
    console.log(`chaos: PostgreSQL ${database.ownCluster ? "(own throwaway cluster)" : "(HERALD_PG_URL)"}, schema ${database.schema}; logs in ${log.file}`);

    await sink.start();
    await h.saveServiceConfig(h.MAIL_SERVICE_PID, { "smtp.host": HOST, "smtp.port": sink.port, "from.address": "herald@example.com" }, { actor: "chaos" });
    const enqueueStart = Date.now();
    const ids = await enqueueMessages(h, opts.messages);
    console.log(`chaos: enqueued ${ids.length} in ${((Date.now() - enqueueStart) / 1000).toFixed(1)}s; sink on ${HOST}:${sink.port}`);

    // Database-wide (other schemas' users of HERALD_PG_URL count too): lock-order problems show here.
    const deadlocks = async () =>
      Number((await h.read((d) => d.get<{ n: number }>(`SELECT "deadlocks" AS "n" FROM pg_stat_database WHERE "datname" = current_database()`)))?.n ?? 0);
    const deadlocksBefore = await deadlocks();
    const runStart = Date.now();
    pool.startAll(opts.workers);
    const progress = { sent: 0 };
    const stopKiller = startKiller(opts, pool, () => progress.sent);
    const outages: Outage[] = [];
    const outage = await driveUntilSent(opts, h, pool, sink, log, progress, outages);
    const allSentAt = Date.now();
    pool.done = true;
    await stopKiller();
    if (outage) await outage;
    if (!sink.running) await sink.start();

    // Graceful stop: anything still in a worker's hands is finished (and would show up as a
    // late duplicate) before the deliveries are counted.
    await pool.stopGracefully(20_000);
    await sink.stop();

    // The statistics collector publishes counters with a delay of up to a second.
    await sleep(1000);
    const deadlocksDuring = (await deadlocks()) - deadlocksBefore;
    const problems = await verdict(opts, h, pool, sink, ids, outages, { durationS: (allSentAt - runStart) / 1000, deadlocksDuring });
    if (problems.length) {
      failed = true;
      console.error(`chaos: FAILED\n${problems.map((p) => `  - ${p}`).join("\n")}`);
      console.error(`\nlast worker output:\n${log.recent.slice(-40).join("\n")}`);
    }
  } catch (e) {
    failed = true;
    console.error(`chaos: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    console.error(`\nlast worker output:\n${log.recent.slice(-40).join("\n")}`);
  } finally {
    pool.done = true;
    pool.killAll();
    await pool.allExited();
    await sink.stop().catch(() => undefined);
    await h.db().$disconnect().catch(() => undefined);
    if (!failed && !database.ownCluster && !opts.keep) {
      // Our schema in someone else's database: leave nothing behind.
      await h.writeTx((d) => d.run(`DROP SCHEMA "${database.schema}" CASCADE`)).catch(() => undefined);
    }
    await h.closePgPool();
    await log.close();
    if (database.ownCluster) database.ownCluster.m.stopCluster(database.ownCluster.dir);
    if (failed || opts.keep) console.error(`chaos: worker logs kept in ${log.file}${!database.ownCluster ? ` (schema ${database.schema} kept)` : ""}`);
    else fs.rmSync(runDir, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
