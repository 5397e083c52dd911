import "server-only";
// Liveness and readiness for load balancers and process managers.
import { db } from "@/lib/db/client";
import { databaseUrl } from "@/lib/env";
import { pendingMigrationsOf } from "@/lib/db/migrations";
import { sendingStatus } from "@/lib/outbox/status";

export interface Check {
  ok: boolean;
  detail: string;
}

/** One entry per check; add a check here (and in readiness()) and both views carry it. */
export interface Checks {
  database: Check;
  migrations: Check;
  worker: Check;
  mailTransport: Check & { transport?: TransportView };
}

export interface Readiness {
  ready: boolean;
  checks: Checks;
}

/** What anyone may see: the status and which checks failed, none of their details (a database
 * driver's error text or the SMTP host and port are for operators). */
export interface PublicReadiness {
  ready: boolean;
  status: "ready" | "not ready";
  failed: (keyof Checks)[];
  checks: Record<keyof Checks, { ok: boolean }>;
}

export function publicReadiness(r: Readiness): PublicReadiness {
  const names = Object.keys(r.checks) as (keyof Checks)[];
  return {
    ready: r.ready,
    status: r.ready ? "ready" : "not ready",
    failed: names.filter((n) => !r.checks[n].ok),
    checks: Object.fromEntries(names.map((n) => [n, { ok: r.checks[n].ok }])) as PublicReadiness["checks"],
  };
}

/** The live workers' SMTP transport state (lib/outbox/transport-health.ts): for admins and the metrics token. */
export interface TransportView {
  state: "up" | "down" | "probing";
  since: string | null;
  lastError: string | null;
}

/** Ready = database reachable, migrations current, a worker heartbeat is fresh. The mail
 * transport is reported but does not make the console unready: mail queues while SMTP is down. */
export async function readiness(): Promise<Readiness> {
  const database: Check = await db()
    .$queryRawUnsafe("SELECT 1")
    .then(() => ({ ok: true, detail: "reachable" }))
    .catch((e: unknown) => ({ ok: false, detail: e instanceof Error ? e.message : String(e) }));
  let migrations: Check;
  try {
    const pending = await pendingMigrationsOf(databaseUrl());
    migrations = pending.length ? { ok: false, detail: `pending: ${pending.join(", ")}` } : { ok: true, detail: "current" };
  } catch (e) {
    migrations = { ok: false, detail: e instanceof Error ? e.message : String(e) };
  }
  let worker: Check = { ok: false, detail: "unknown" };
  let mailTransport: Readiness["checks"]["mailTransport"] = { ok: false, detail: "unknown" };
  if (database.ok) {
    try {
      const s = await sendingStatus();
      const alive = s.workers.filter((w) => w.alive);
      worker = alive.length
        ? { ok: true, detail: `${alive.length} alive, newest heartbeat ${alive.map((w) => w.seenAt).sort().at(-1)}` }
        : { ok: false, detail: "no worker heartbeat in the last minute" };
      mailTransport = s.target.kind === "unavailable" ? { ok: false, detail: s.target.reason ?? s.target.label } : { ok: true, detail: s.target.label };
      // A server that stopped answering is not "fine": the workers say so (one down is enough).
      const states = alive.map((w) => w.transport).filter((t): t is TransportView => !!t);
      const down = states.find((t) => t.state !== "up");
      if (down) {
        mailTransport = { ok: false, detail: `${s.target.label}: ${down.state} since ${down.since}${down.lastError ? ` — ${down.lastError}` : ""}`, transport: down };
      } else if (states.length) {
        mailTransport = { ...mailTransport, transport: states[0] };
      }
    } catch (e) {
      worker = { ok: false, detail: e instanceof Error ? e.message : String(e) };
    }
  }
  return { ready: database.ok && migrations.ok && worker.ok, checks: { database, migrations, worker, mailTransport } };
}
