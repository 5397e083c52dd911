import "server-only";
// "Can mail go out?" for the dashboard: where the worker sends, whether a worker runs, the last
// SMTP result, and — with the OAuth flow on — the token state. Plain data for the page.
import { db } from "@/lib/db/client";
import { describeDatabase } from "@/lib/db/engine";
import { databaseUrl } from "@/lib/env";
import { MAIL_SERVICE_PID } from "@/lib/config/services";
import { serviceState } from "@/lib/config/store";
import { oauthHealth } from "@/lib/oauth";
import { mailboxAddress } from "@/lib/mailbox/registry";
import { listWorkers, statusCounts } from "./queries";
import { sendingSettings } from "./settings";
import { devMailboxMode, resolveTarget } from "./target";
import type { OutboxStatus } from "./store";

export interface SendingStatus {
  target: { kind: "smtp" | "mailbox" | "unavailable"; label: string; reason: string | null; why: "sandbox" | "unconfigured" | null };
  mailServiceConfigured: boolean;
  sandbox: boolean;
  mailbox: { mode: "on" | "auto" | "off"; port: number | null };
  workers: {
    id: string;
    alive: boolean;
    seenAt: string;
    pausedUntil: string | null;
    paused: boolean;
    unavailableReason: string | null;
    /** The worker's SMTP transport: up, down since T, probing. */
    transport: { state: "up" | "down" | "probing"; since: string | null; lastError: string | null } | null;
  }[];
  lastSmtp: { ok: boolean; at: string; kind: string; server: string; detail: string | null } | null;
  oauth: { used: boolean; status: string | null; headline: string | null; workerTokenState: string | null };
  counts: Record<OutboxStatus, number>;
  /** Engine and location of the database (no credentials). */
  database: string;
}

export async function sendingStatus(): Promise<SendingStatus> {
  const [target, settings, mail, workers, counts, last] = await Promise.all([
    resolveTarget(),
    sendingSettings(),
    serviceState(MAIL_SERVICE_PID),
    listWorkers(),
    statusCounts(),
    db().mailLog.findFirst({ orderBy: { id: "desc" } }),
  ]);
  const host = mail.values["smtp.host"];
  const oauthUsed = mail.values["oauth.flow"] === true;
  let oauth: SendingStatus["oauth"] = { used: oauthUsed, status: null, headline: null, workerTokenState: null };
  if (oauthUsed) {
    try {
      const h = await oauthHealth();
      oauth = { ...oauth, status: String(h.status), headline: h.headline };
    } catch (e) {
      oauth = { ...oauth, status: "error", headline: e instanceof Error ? e.message : String(e) };
    }
    const w = workers.find((x) => x.alive);
    const token = (w?.state.token as { state?: string } | undefined)?.state ?? null;
    oauth.workerTokenState = token;
  }
  const mailbox = mailboxAddress();
  return {
    target: {
      kind: target.kind,
      label: target.label,
      reason: target.kind === "unavailable" ? target.reason : null,
      why: target.kind === "mailbox" ? target.why : null,
    },
    mailServiceConfigured: mail.configured && typeof host === "string" && host.trim() !== "",
    sandbox: settings.sandbox,
    mailbox: { mode: devMailboxMode(), port: mailbox?.port ?? null },
    workers: workers.map((w) => ({
      id: w.id,
      alive: w.alive,
      seenAt: w.seenAt,
      pausedUntil: typeof w.state.pausedUntil === "string" ? w.state.pausedUntil : null,
      paused: typeof w.state.pausedUntil === "string" && Date.parse(w.state.pausedUntil) > Date.now(),
      unavailableReason: typeof w.state.unavailableReason === "string" ? w.state.unavailableReason : null,
      transport: (w.state.transport as SendingStatus["workers"][number]["transport"] | undefined) ?? null,
    })),
    lastSmtp: last
      ? { ok: last.result === "ok", at: last.at.toISOString(), kind: last.kind, server: last.server, detail: last.result === "ok" ? last.reply : last.error ?? last.reply }
      : null,
    oauth,
    counts,
    database: describeDatabase(databaseUrl()),
  };
}
