import "server-only";
// Starting and stopping workers: one inside the console process (unless HERALD_WORKER_IN_SERVER=0)
// and the standalone `npm run worker`. Both stop gracefully on SIGTERM / SIGINT.
import os from "node:os";
import { env } from "@/lib/env";
import { OutboxWorker, type WorkerOptions } from "./worker";
import { checkpointLoop, setSqliteRole } from "@/lib/db/sqlite";
import { currentEngine } from "@/lib/db/sql";
import { logger } from "@/lib/log";
import { serveMetrics } from "@/lib/metrics/server";

const KEY = Symbol.for("herald.inServerWorker");
type Holder = { [KEY]?: OutboxWorker };

/** The worker running in this process, if any (the dashboard reads its live state). */
export function localWorker(): OutboxWorker | null {
  return (globalThis as Holder)[KEY] ?? null;
}

/** Starts the in-server worker once per process; returns null when switched off. */
export function startInServerWorker(opts: WorkerOptions = {}): OutboxWorker | null {
  if (env().HERALD_WORKER_IN_SERVER === "0") {
    // The worker runs elsewhere and checkpoints the WAL; API commits here never pay for it.
    if (currentEngine() === "sqlite") setSqliteRole("api");
    return null;
  }
  const g = globalThis as Holder;
  if (g[KEY]) return g[KEY];
  const worker = new OutboxWorker(opts);
  g[KEY] = worker;
  void worker.start();
  stopOnSignals(worker, false);
  return worker;
}

/**
 * On SIGTERM / SIGINT: stop taking messages, finish the ones being sent, write their results,
 * then exit (exitAfter) or let the host process decide.
 */
export function stopOnSignals(worker: OutboxWorker, exitAfter: boolean) {
  let stopping = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const log = logger().child({ component: "worker", workerId: worker.id });
    log.info({ signal: sig }, `herald worker: ${sig} — finishing the messages in hand`);
    void worker.stop().then(() => {
      log.info("herald worker: stopped");
      if (exitAfter) process.exit(0);
    });
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}

/** `npm run worker`: a worker process of its own. */
export async function runStandaloneWorker(opts: WorkerOptions = {}) {
  // Delivery is asynchronous; answering API requests is not. On a machine shared with the
  // console, the worker yields the CPU to it (nice 10) — bursts of sending then cannot slow the
  // API down, and an otherwise idle machine still gives the worker everything.
  try {
    os.setPriority(0, Math.max(os.getPriority(0), 10));
  } catch {
    /* not permitted here: run at normal priority */
  }
  if (currentEngine() === "sqlite") {
    setSqliteRole("worker");
    checkpointLoop();
  }
  const worker = new OutboxWorker(opts);
  const log = logger().child({ component: "worker", workerId: worker.id });
  const [batch, connections] = [opts.batchSize ?? env().HERALD_OUTBOX_BATCH, opts.connections ?? env().HERALD_OUTBOX_CONNECTIONS];
  log.info({ batch, connections }, `herald worker: ${worker.id} started (batch ${batch}, ${connections} connections)`);
  // Its counters live in this process: serve them when asked to (see lib/metrics/server.ts).
  const metricsPort = env().HERALD_WORKER_METRICS_PORT;
  if (metricsPort) serveMetrics({ port: metricsPort, token: env().HERALD_METRICS_TOKEN, log });
  stopOnSignals(worker, true);
  // Loaded after the worker starts: alerts never delay the first delivery.
  setImmediate(() => void import("@/lib/alerts").then((a) => a.startProcessAlertEvaluator()).catch((e: unknown) => log.error({ err: e }, "alerts did not start")));
  await worker.start();
}
