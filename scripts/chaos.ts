// npm run test:chaos — the outbox loses nothing when workers die and the SMTP server goes away.
//
//   node --conditions=react-server --import tsx scripts/chaos.ts [--messages 20000] [--workers 3]
//        [--kill-every 3] [--outages 2] [--outage-seconds 4] [--timeout 600] [--small] [--keep]
//
// On PostgreSQL (HERALD_PG_URL, else a throwaway cluster of its own, scripts/pg-cluster.mjs), in a
// fresh schema:
//   1. an SMTP sink in this process counts deliveries per outbox message (X-Herald-Message header);
//      the Mail Service points at it;
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
import { SMTPServer } from "smtp-server";
import type { SMTPServerDataStream } from "smtp-server";

const ROOT = path.resolve(__dirname, "..");
const HOST = "127.0.0.1";

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
 * A real SMTP server counting deliveries per outbox message id. A delivery counts when the whole
 * message has arrived, in the same tick as the 250 reply goes out, so a message the sink counts
 * is one the worker is told was accepted (unless the worker dies before it reads the reply).
 */
class Sink {
  readonly deliveries = new Map<string, number>();
  total = 0;
  withoutId = 0;
  port = 0;
  private server: SMTPServer | null = null;

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      disableReverseLookup: true,
      closeTimeout: 50,
      onData: (stream, _session, callback) => this.receive(stream, callback),
    });
    server.on("error", () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.server.once("error", reject);
      server.listen(this.port, HOST, () => {
        server.server.off("error", reject);
        resolve();
      });
    });
    this.port = (server.server.address() as { port: number }).port;
    this.server = server;
  }

  /** Goes away: new connections are refused, open sessions get "421" and are closed. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get running() {
    return this.server !== null;
  }

  private receive(stream: SMTPServerDataStream, callback: (err?: Error | null) => void) {
    let head = "";
    let id: string | null | undefined;
    stream.on("data", (chunk: Buffer) => {
      if (id !== undefined) return;
      head += chunk.toString("latin1");
      const end = head.indexOf("\r\n\r\n");
      if (end >= 0 || head.length > 65_536) {
        const m = /^X-Herald-Message:[ \t]*(\S+)/im.exec(end >= 0 ? head.slice(0, end) : head);
        id = m ? m[1] : null;
        head = "";
      }
    });
    stream.on("end", () => {
      this.total++;
      if (id) this.deliveries.set(id, (this.deliveries.get(id) ?? 0) + 1);
      else this.withoutId++;
      callback();
    });
  }
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

// ---------------------------------------------------------------- main

async function main() {
  const opts = options(process.argv.slice(2));
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-chaos-"));
  const logFile = path.join(runDir, "workers.log");
  const logStream = fs.createWriteStream(logFile);
  const recentLog: string[] = [];
  const note = (text: string) => {
    const line = `${new Date().toISOString().slice(11, 23)} ${text}`;
    logStream.write(line + "\n");
    recentLog.push(line);
    if (recentLog.length > 200) recentLog.splice(0, recentLog.length - 200);
  };

  // PostgreSQL: the one we are given, or a cluster of our own.
  type ClusterModule = { startCluster: (dir: string) => Promise<string>; stopCluster: (dir: string) => void };
  let ownCluster: { dir: string; m: ClusterModule } | null = null;
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
  const databaseUrl = u.toString();
  const dataDir = path.join(runDir, "data");
  fs.mkdirSync(dataDir);
  process.env.DATABASE_URL = databaseUrl;
  process.env.HERALD_DATA_DIR = dataDir;
  process.env.HERALD_DEV_SMTP = "0";

  // Loaded after the environment is set: lib/env.ts reads it once.
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

  const slots: Slot[] = [];
  const kills: Kill[] = [];
  const heldByKilled = new Set<string>();
  const unexpectedExits: string[] = [];
  const outages: { atSent: number; ms: number }[] = [];
  const sink = new Sink();
  let workersStarted = 0;
  let failed = false;
  let done = false;

  const cleanup = () => {
    for (const s of slots) {
      s.expectedExit = true;
      try {
        s.child.kill("SIGKILL");
      } catch {
        /* gone */
      }
    }
  };
  process.once("exit", cleanup);
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      cleanup();
      if (ownCluster) ownCluster.m.stopCluster(ownCluster.dir);
      console.error(`chaos: interrupted; worker logs in ${logFile}`);
      process.exit(128 + os.constants.signals[sig]);
    });
  }

  const workerEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
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

  const startWorker = (index: number): Slot => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts/worker.mjs")], {
      cwd: ROOT,
      env: workerEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const slot: Slot = { index, child, pid: child.pid!, expectedExit: false };
    workersStarted++;
    const tag = `[w${index} ${child.pid}] `;
    const onData = (d: Buffer) => {
      for (const line of d.toString().split("\n")) if (line.trim()) note(tag + line);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code, signal) => {
      note(`${tag}exited (${signal ?? code})`);
      if (!slot.expectedExit) {
        unexpectedExits.push(`worker ${index} (pid ${slot.pid}) exited by itself: ${signal ?? `code ${code}`}`);
        // Keep the run going with a replacement; the run fails at the end.
        if (!done) slots[index] = startWorker(index);
      }
    });
    return slot;
  };

  const counts = () => read((d) => statusCountsIn(d));
  const started = Date.now();
  const elapsed = () => ((Date.now() - started) / 1000).toFixed(1);

  try {
    console.log(
      `chaos: ${opts.messages} messages, ${opts.workers} workers, a kill every ${opts.killEverySeconds}s ±50 %, ${opts.outages} sink outage(s) of ${opts.outageSeconds}s, lease ${opts.leaseSeconds}s`,
    );
    console.log(`chaos: PostgreSQL ${ownCluster ? "(own throwaway cluster)" : "(HERALD_PG_URL)"}, schema ${schema}; logs in ${logFile}`);

    await sink.start();
    await saveServiceConfig(MAIL_SERVICE_PID, { "smtp.host": HOST, "smtp.port": sink.port, "from.address": "herald@example.com" }, { actor: "chaos" });
    const ids: string[] = [];
    const enqueueStart = Date.now();
    for (let start = 0; start < opts.messages; start += 1000) {
      const chunk = Array.from({ length: Math.min(1000, opts.messages - start) }, (_, k) => {
        const n = start + k;
        const id = newMessageId();
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
      await enqueue(null, chunk, { source: "chaos", timeoutMs: 120_000 });
    }
    console.log(`chaos: enqueued ${ids.length} in ${((Date.now() - enqueueStart) / 1000).toFixed(1)}s; sink on ${HOST}:${sink.port}`);

    // Database-wide (other schemas' users of HERALD_PG_URL count too): lock-order problems show here.
    const deadlocks = async () =>
      Number((await read((d) => d.get<{ n: number }>(`SELECT "deadlocks" AS "n" FROM pg_stat_database WHERE "datname" = current_database()`)))?.n ?? 0);
    const deadlocksBefore = await deadlocks();
    const runStart = Date.now();
    for (let i = 0; i < opts.workers; i++) slots.push(startWorker(i));

    // The killer: freeze a random worker, read what it holds, kill it, start a replacement.
    let sentNow = 0;
    let stopKiller = () => undefined as void;
    const killerStopped = new Promise<void>((resolve) => (stopKiller = resolve));
    const killer = (async () => {
      while (!done) {
        await Promise.race([sleep(opts.killEverySeconds * 1000 * (0.5 + Math.random())), killerStopped]);
        if (done) break;
        const slot = slots[Math.floor(Math.random() * slots.length)];
        if (!slot) continue;
        slot.expectedExit = true;
        try {
          process.kill(slot.pid, "SIGSTOP");
        } catch {
          continue; // gone already; its exit handler noted it
        }
        const prefix = `${os.hostname()}:${slot.pid}:`;
        let held: { id: string }[];
        try {
          held = await read((d) =>
            d.all<{ id: string }>(`SELECT "id" FROM "OutboxMessage" WHERE "status" = 'sending' AND starts_with("lockedBy", ?)`, [prefix]),
          );
        } finally {
          slot.child.kill("SIGKILL");
          await exited(slot.child);
        }
        for (const r of held) heldByKilled.add(r.id);
        kills.push({ at: Date.now() - runStart, held: held.length });
        note(`[chaos] killed worker ${slot.index} (pid ${slot.pid}) holding ${held.length} message(s), ${sentNow} sent so far`);
        if (!done) slots[slot.index] = startWorker(slot.index);
      }
    })();

    // The sink's outages, at 25 % and 60 % of the messages sent (then evenly after that).
    const outageAt = Array.from({ length: opts.outages }, (_, k) => (k === 0 ? 0.25 : k === 1 ? 0.6 : 0.6 + (0.3 * (k - 1)) / Math.max(1, opts.outages - 2)));
    let outage: Promise<void> | null = null;

    let lastPrint = 0;
    for (;;) {
      const c = await counts();
      sentNow = c.sent;
      if (Date.now() - lastPrint > 2000) {
        lastPrint = Date.now();
        console.log(
          `  ${elapsed()}s sent ${c.sent}/${opts.messages}  queued ${c.queued}  sending ${c.sending}  failed ${c.failed}  dead ${c.dead}  kills ${kills.length}  outages ${outages.length}${sink.running ? "" : " (sink down)"}`,
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
      const nextOutageAt = outageAt[outages.length];
      if (!outage && nextOutageAt !== undefined && c.sent >= nextOutageAt * opts.messages) {
        const record = { atSent: c.sent, ms: 0 };
        outages.push(record);
        outage = (async () => {
          const t0 = Date.now();
          note(`[chaos] sink down at ${c.sent} sent`);
          await sink.stop();
          await sleep(opts.outageSeconds * 1000);
          await sink.start();
          record.ms = Date.now() - t0;
          note(`[chaos] sink up again after ${record.ms} ms`);
        })().finally(() => {
          outage = null;
        });
      }
      await sleep(100);
    }
    const allSentAt = Date.now();
    done = true;
    stopKiller();
    await killer;
    if (outage) await outage;
    if (!sink.running) await sink.start();

    // Graceful stop: anything still in a worker's hands is finished (and would show up as a
    // late duplicate) before the deliveries are counted.
    for (const s of slots) {
      s.expectedExit = true;
      s.child.kill("SIGTERM");
    }
    const stopDeadline = sleep(20_000).then(() => "timeout" as const);
    for (const s of slots) {
      if ((await Promise.race([exited(s.child).then(() => "ok" as const), stopDeadline])) === "timeout") {
        unexpectedExits.push(`worker ${s.index} (pid ${s.pid}) did not stop within 20 s of SIGTERM`);
        s.child.kill("SIGKILL");
      }
    }
    await sink.stop();

    // ------------------------------------------------------------ verdict
    const end = await counts();
    const enqueued = new Set(ids);
    const lost = ids.filter((id) => !sink.deliveries.has(id));
    const strangers = [...sink.deliveries.keys()].filter((id) => !enqueued.has(id));
    const dupIds = [...sink.deliveries].filter(([, n]) => n > 1).map(([id]) => id);
    const duplicates = [...sink.deliveries.values()].reduce((a, n) => a + n - 1, 0);
    const bound = kills.reduce((a, k) => a + k.held, 0);
    const fromHealthy = dupIds.filter((id) => !heldByKilled.has(id));
    const notSent = opts.messages - end.sent;
    const stats = await read((d) =>
      d.get<{ maxAttempts: number; retried: number; leaseLost: number; retries: number }>(
        `SELECT (SELECT MAX("attempts") FROM "OutboxMessage") AS "maxAttempts",
                (SELECT COUNT(*) FROM "OutboxMessage" WHERE "attempts" > 1) AS "retried",
                (SELECT COUNT(*) FROM "OutboxAttempt" WHERE "result" LIKE '%lease lost%') AS "leaseLost",
                (SELECT COUNT(*) FROM "OutboxAttempt" WHERE "result" = 'retry') AS "retries"`,
      ),
    );
    const durationS = (allSentAt - runStart) / 1000;
    // The statistics collector publishes counters with a delay of up to a second.
    await sleep(1000);
    const deadlocksDuring = (await deadlocks()) - deadlocksBefore;

    const rows: [string, string][] = [
      ["messages", String(opts.messages)],
      ["workers (concurrent)", `${opts.workers} (${workersStarted} processes started in all)`],
      ["kills (SIGKILL)", `${kills.length}, every ${opts.killEverySeconds}s ±50 %`],
      ["held by killed workers at kill (at second)", kills.map((k) => `${k.held} (${(k.at / 1000).toFixed(0)}s)`).join(", ") || "-"],
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
      const detail = await read((d) =>
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
    problems.push(...unexpectedExits);
    if (problems.length) {
      failed = true;
      console.error(`chaos: FAILED\n${problems.map((p) => `  - ${p}`).join("\n")}`);
      console.error(`\nlast worker output:\n${recentLog.slice(-40).join("\n")}`);
    } else {
      console.log(`chaos: OK — ${opts.messages} delivered, none lost, ${duplicates} duplicate(s) (bound ${bound})`);
    }
  } catch (e) {
    failed = true;
    console.error(`chaos: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    console.error(`\nlast worker output:\n${recentLog.slice(-40).join("\n")}`);
  } finally {
    done = true;
    cleanup();
    await Promise.all(slots.map((s) => exited(s.child)));
    await sink.stop().catch(() => undefined);
    await db().$disconnect().catch(() => undefined);
    if (!failed && !ownCluster && !opts.keep) {
      // Our schema in someone else's database: leave nothing behind.
      await writeTx((d) => d.run(`DROP SCHEMA "${schema}" CASCADE`)).catch(() => undefined);
    }
    await closePgPool();
    await new Promise<void>((r) => logStream.end(() => r()));
    if (ownCluster) ownCluster.m.stopCluster(ownCluster.dir);
    if (failed || opts.keep) console.error(`chaos: worker logs kept in ${logFile}${!ownCluster ? ` (schema ${schema} kept)` : ""}`);
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
