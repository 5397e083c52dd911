import "server-only";
// Prometheus metrics (prom-client) on a registry of Herald's own — not prom-client's global one,
// so nothing another package registers leaks in. The registry and its metrics live on globalThis:
// Next's dev reloads (and the separate bundles of instrumentation and route handlers) evaluate
// this module more than once, and prom-client refuses a second metric of the same name.
//
// What is counted where:
//   herald_outbox_messages               gauge, read from the database at scrape time (cluster-wide:
//                                        every instance reports the same numbers — use max(), not sum())
//   herald_outbox_deliveries_total       the worker, per completed send attempt
//   herald_smtp_send_duration_seconds    the worker, per send attempt
//   herald_oauth_token_refreshes_total   lib/oauth/tokens.ts, per refresh this process made
//   herald_smtp_transport_state /
//   herald_smtp_transport_down_since_seconds  each worker of this process: up, down or probing
//                                        (1 for the current state), and when the outage began
//   herald_api_requests_total /
//   herald_api_request_duration_seconds  lib/api/observe.ts, per /api/v1 request
//   herald_process_* / herald_nodejs_*   prom-client's default process metrics
// Counters are per process: the console's (with its in-server worker) at /api/metrics, a
// standalone worker's on its own port (HERALD_WORKER_METRICS_PORT, lib/metrics/server.ts).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { registerAlertMetrics } from "@/lib/alerts/metrics";

export const OUTBOX_STATUSES = ["queued", "sending", "sent", "failed", "dead", "cancelled"] as const;

/** A completed send attempt, as the deliveries counter labels it. */
export type DeliveryResult = "sent" | "failed" | "dead";

/** SMTP usually answers in milliseconds; a slow relay or a greylisting pause takes seconds. */
export const SMTP_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const API_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "herald_" });
  const registers = [registry];

  const outboxMessages = new Gauge({
    name: "herald_outbox_messages",
    help: "Outbox messages per status (queue depth), read from the database at scrape time; the same in every instance.",
    labelNames: ["status"] as const,
    registers,
    async collect() {
      try {
        const groups = await db().outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
        const counts = new Map(groups.map((g) => [g.status, g._count._all]));
        for (const status of OUTBOX_STATUSES) this.set({ status }, counts.get(status) ?? 0);
      } catch (e) {
        // No numbers rather than stale ones; the rest of the scrape still answers.
        this.reset();
        logger().warn({ err: e }, "metrics: cannot read the outbox queue depth");
      }
    },
  });

  const deliveries = new Counter({
    name: "herald_outbox_deliveries_total",
    help:
      "Send attempts the worker completed, by template family (none: direct mail) and result: sent (delivered), " +
      "failed (will be retried), dead (given up). retried counts the attempts of messages that had failed before — " +
      "a subset of the other three, leave it out when summing.",
    labelNames: ["family", "result"] as const,
    registers,
  });

  const smtpDuration = new Histogram({
    name: "herald_smtp_send_duration_seconds",
    help: "Duration of one SMTP send attempt by the worker (connection from the pool, envelope, data), by result.",
    labelNames: ["result"] as const,
    buckets: SMTP_BUCKETS,
    registers,
  });

  const tokenRefreshes = new Counter({
    name: "herald_oauth_token_refreshes_total",
    help: "OAuth2 access token refreshes this process attempted while holding the refresh lease (one process refreshes for all), by result.",
    labelNames: ["result"] as const,
    registers,
  });

  const apiRequests = new Counter({
    name: "herald_api_requests_total",
    help: "Requests to the HTTP API (/api/v1), by route pattern, method and status.",
    labelNames: ["route", "method", "status"] as const,
    registers,
  });

  const apiDuration = new Histogram({
    name: "herald_api_request_duration_seconds",
    help: "Time to answer a request to the HTTP API (/api/v1), by route pattern and method.",
    labelNames: ["route", "method"] as const,
    buckets: API_BUCKETS,
    registers,
  });

  const transportState = new Gauge({
    name: "herald_smtp_transport_state",
    help: "Whether a worker of this process can use its SMTP server: 1 for its current state (up; down: an outage, waiting for the next probe; probing: trying one connection), 0 for the others.",
    labelNames: ["worker", "state"] as const,
    registers,
  });

  const transportDownSince = new Gauge({
    name: "herald_smtp_transport_down_since_seconds",
    help: "Unix time at which the worker's current SMTP outage began; 0 while the transport is up.",
    labelNames: ["worker"] as const,
    registers,
  });

  // Known label values start at zero, so rate() works from the first scrape.
  for (const result of ["ok", "failed"]) tokenRefreshes.inc({ result }, 0);
  for (const result of ["sent", "failed"]) smtpDuration.zero({ result });

  // The gauges the Prometheus alert rules read (deploy/prometheus/herald-alerts.rules.yml).
  registerAlertMetrics(registers);

  return { registry, outboxMessages, deliveries, smtpDuration, tokenRefreshes, apiRequests, apiDuration, transportState, transportDownSince };
}

type Metrics = ReturnType<typeof create>;
const KEY = Symbol.for("herald.metrics.v2");
type Holder = { [KEY]?: Metrics };

function metrics(): Metrics {
  const g = globalThis as Holder;
  return (g[KEY] ??= create());
}

/** Herald's registry (for serving it, and for tests). */
export function metricsRegistry(): Registry {
  return metrics().registry;
}

/** The scrape: Prometheus text format and its content type. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** The worker completed a send attempt of message `m`. */
export function recordDelivery(m: { family: string | null; attempts: number }, result: DeliveryResult) {
  const { deliveries } = metrics();
  const family = m.family || "none";
  deliveries.inc({ family, result });
  if (m.attempts > 1) deliveries.inc({ family, result: "retried" });
}

/** One SMTP send attempt took `durationMs`. Attempts that never reached SMTP are not observed. */
export function observeSmtpSend(outcome: { ok: boolean; durationMs: number; failure?: { code?: string } }) {
  if (!outcome.ok && outcome.failure?.code === "EMESSAGE") return; // the message could not be built
  metrics().smtpDuration.observe({ result: outcome.ok ? "sent" : "failed" }, Math.max(0, outcome.durationMs) / 1000);
}

/** A worker's transport changed state (see lib/outbox/transport-health.ts). */
export function setTransportState(worker: string, t: { state: "up" | "down" | "probing"; since: string | null }) {
  const { transportState, transportDownSince } = metrics();
  for (const state of ["up", "down", "probing"] as const) transportState.set({ worker, state }, t.state === state ? 1 : 0);
  transportDownSince.set({ worker }, t.state === "up" || !t.since ? 0 : Date.parse(t.since) / 1000);
}

/** This process asked the OAuth2 provider for a new access token. */
export function recordTokenRefresh(result: "ok" | "failed") {
  metrics().tokenRefreshes.inc({ result });
}

/** One /api/v1 request was answered. `route` is the route pattern (/api/v1/messages/[id]). */
export function recordApiRequest(route: string, method: string, status: number, seconds: number) {
  const m = metrics();
  m.apiRequests.inc({ route, method, status: String(status) });
  m.apiDuration.observe({ route, method }, seconds);
}
