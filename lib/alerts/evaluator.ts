import "server-only";
// The alert evaluator: every HERALD_ALERTS_CHECK_SECONDS, each process that runs it (the console,
// every `npm run worker`) looks at the conditions, brings the incident rows in line and sends
// the notices it holds the lease for. Several processes evaluate the same database: the incident
// table decides (incidents.ts), so each notice goes out once. It runs on its own timer, beside
// the outbox worker's loop: a slow webhook never delays a delivery.
import os from "node:os";
import crypto from "node:crypto";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { findConditions } from "./conditions";
import { claimNotices, markNotified, reachedNobody, reconcile, releaseNotice } from "./incidents";
import { sendNotice, type NoticeDeliveries } from "./notify";
import { alertSettings } from "./settings";
import type { WebhookOptions } from "./webhook";
import type { Condition, Finding } from "./types";

/** How long a process may take to send one incident's notices before another may take over. */
const NOTICE_LEASE_MS = 60_000;

export interface EvaluateOptions {
  /** Who holds notice leases: one id per evaluator. */
  owner: string;
  now?: Date;
  quietMs?: number;
  webhook?: WebhookOptions;
}

export interface EvaluateResult {
  findings: Finding[];
  opened: Condition[];
  resolved: Condition[];
  notices: { incident: number; condition: Condition; deliveries: NoticeDeliveries }[];
}

/** One evaluation: conditions → incidents → notices. */
export async function evaluateAlerts(opts: EvaluateOptions): Promise<EvaluateResult> {
  const now = opts.now ?? new Date();
  const settings = await alertSettings();
  const findings = await findConditions(settings, now);
  const { opened, resolved } = await reconcile(findings, now, opts.quietMs ?? env().HERALD_ALERTS_QUIET_SECONDS * 1000);
  const notices: EvaluateResult["notices"] = [];
  for (const p of await claimNotices(opts.owner, NOTICE_LEASE_MS, now)) {
    try {
      let unheard = p.openedUnheard;
      if (p.open) {
        const d = await sendNotice(p.incident, "opened", settings, { webhook: opts.webhook });
        notices.push({ incident: p.incident.id, condition: p.incident.condition, deliveries: d });
        await markNotified(opts.owner, p.incident.id, "opened", d, !p.resolve);
        unheard = reachedNobody(d);
      }
      if (p.resolve && unheard) {
        // Nobody was told it opened (no channel was configured then): nobody is told it resolved.
        await markNotified(opts.owner, p.incident.id, "resolved", { event: "resolved", webhooks: [], email: null, skipped: "the opened notice reached no channel" }, true);
      } else if (p.resolve) {
        const d = await sendNotice(p.incident, "resolved", settings, { webhook: opts.webhook });
        notices.push({ incident: p.incident.id, condition: p.incident.condition, deliveries: d });
        await markNotified(opts.owner, p.incident.id, "resolved", d, true);
      }
    } catch (e) {
      await releaseNotice(opts.owner, p.incident.id).catch(() => undefined);
      throw e;
    }
  }
  return { findings, opened, resolved, notices };
}

export interface AlertEvaluator {
  readonly owner: string;
  /** Evaluates now (and then on the usual schedule). */
  poke(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts evaluating every HERALD_ALERTS_CHECK_SECONDS in this process. */
export function startAlertEvaluator(opts: { owner?: string; intervalMs?: number; quietMs?: number; webhook?: WebhookOptions } = {}): AlertEvaluator {
  const owner = opts.owner ?? `${os.hostname()}:${process.pid}:alerts:${crypto.randomBytes(3).toString("hex")}`;
  const intervalMs = opts.intervalMs ?? env().HERALD_ALERTS_CHECK_SECONDS * 1000;
  const log = logger().child({ component: "alerts", owner });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const once = async () => {
    try {
      const r = await evaluateAlerts({ owner, quietMs: opts.quietMs, webhook: opts.webhook });
      for (const c of r.opened) log.warn({ condition: c }, `alert opened: ${c}`);
      for (const c of r.resolved) log.info({ condition: c }, `alert resolved: ${c}`);
      for (const n of r.notices) {
        const failed = n.deliveries.webhooks.filter((w) => !w.ok);
        if (failed.length) log.warn({ incident: n.incident, failed }, `alert ${n.deliveries.event} notice: ${failed.length} webhook(s) failed`);
        if (n.deliveries.email && !n.deliveries.email.ok) log.warn({ incident: n.incident }, `alert email not queued: ${n.deliveries.email.error}`);
      }
    } catch (e) {
      log.error({ err: e }, `alert evaluation failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const run = () => {
    if (!running) running = once().finally(() => (running = null));
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void run().then(schedule), intervalMs);
    timer.unref();
  };
  // First look soon after start, not at once: the worker writes its first heartbeat meanwhile.
  timer = setTimeout(() => void run().then(schedule), Math.min(intervalMs, 2000));
  timer.unref();
  return {
    owner,
    poke: run,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

const KEY = Symbol.for("herald.alertEvaluator");

/** The evaluator of this process, started once (the console at start-up, each worker process). */
export function startProcessAlertEvaluator(): AlertEvaluator {
  const g = globalThis as { [KEY]?: AlertEvaluator };
  return (g[KEY] ??= startAlertEvaluator());
}
