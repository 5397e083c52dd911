import "server-only";
// What is wrong right now, read from what already exists: the connection row (OAuth2), the
// workers' heartbeat rows (transport state, pause, last result, token state) and the outbox.
// Each finding says what happened and where to fix it — never a token, password or URL secret.
import { read, dbTime, toDate } from "@/lib/db/sql";
import { storedValues } from "@/lib/config/store";
import { MAIL_SERVICE_PID, OAUTH_PROVIDER_PID } from "@/lib/config/services";
import { readConnection } from "@/lib/oauth/connection";
import { DAY_MS, refreshTokenLimits, type ProviderKind } from "@/lib/oauth/presets";
import { listWorkers, type WorkerView } from "@/lib/outbox/queries";
import type { AlertSettings } from "./settings";
import { renderAlertText, type AlertText, type Condition, type Finding } from "./types";

const OAUTH_PAGE = "/configuration/oauth";

/** The part of a heartbeat's state the alerts read (every field optional: older workers). */
interface HeartbeatState {
  targetKind?: string;
  unavailableReason?: string | null;
  pausedUntil?: string | null;
  lastResult?: { ok?: boolean; at?: string; error?: string | null } | null;
  token?: { state?: string; message?: string | null } | null;
  /** Written by workers that track the transport: up, down since, probing. */
  transport?: { state?: "up" | "down" | "probing"; since?: string; lastError?: string | null } | null;
}

const stateOf = (w: WorkerView) => w.state as HeartbeatState;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function findConditions(settings: AlertSettings, now = new Date()): Promise<Finding[]> {
  const [mail, oauth, connection, workers] = await Promise.all([
    storedValues(MAIL_SERVICE_PID),
    storedValues(OAUTH_PROVIDER_PID),
    readConnection(),
    listWorkers(),
  ]);
  const alive = workers.filter((w) => w.alive);
  const oauthFlow = mail["oauth.flow"] === true;
  const out: Finding[] = [];
  const on = (c: Condition) => settings.enabled[c];

  if (on("reauthorization") && oauthFlow) {
    const tokenReauth = alive.find((w) => stateOf(w).token?.state === "reauthorization-needed");
    if (connection?.status === "reauth_needed" || tokenReauth) {
      const reason = connection?.status === "reauth_needed" ? connection.reason : stateOf(tokenReauth!).token?.message;
      const text: AlertText[] = [{ key: "reauthorization", values: { reason: reason ?? { key: "refreshRefused" } } }];
      out.push({
        condition: "reauthorization",
        summary: renderAlertText(text),
        text,
        detail: { account: connection?.account ?? null, provider: connection?.providerKind ?? null, lastRefreshAt: connection?.lastRefreshAt?.toISOString() ?? null },
        link: OAUTH_PAGE,
      });
    }
  }

  if (on("sending-stalled")) {
    const f = await stalledFinding(settings.thresholdMs, alive, now);
    if (f) out.push(f);
  }

  if (on("messages-dead")) {
    const since = dbTime(now.getTime() - settings.thresholdMs);
    const r = await read((db) =>
      db.get<{ n: number | string; last: string | Date | null }>(
        `SELECT COUNT(*) AS "n", MAX("updatedAt") AS "last" FROM "OutboxMessage" WHERE "status" = 'dead' AND "updatedAt" >= ?`,
        [since],
      ),
    );
    const n = Number(r?.n ?? 0);
    if (n > 0) {
      const last = await read((db) =>
        db.get<{ lastError: string | null }>(`SELECT "lastError" FROM "OutboxMessage" WHERE "status" = 'dead' AND "updatedAt" >= ? ORDER BY "updatedAt" DESC LIMIT 1`, [since]),
      );
      const text: AlertText[] = [{ key: n === 1 ? "deadOne" : "deadMany", values: { count: n, minutes: Math.round(settings.thresholdMs / 60_000) || 1 } }];
      out.push({
        condition: "messages-dead",
        summary: renderAlertText(text),
        text,
        detail: { count: n, lastAt: toDate(r?.last)?.toISOString() ?? null, lastError: last?.lastError ?? null },
        link: "/outbox?status=dead",
      });
    }
  }

  if (on("token-expiring") && oauthFlow && connection?.status === "connected" && connection.refreshToken) {
    const issued = (connection.refreshTokenIssuedAt ?? connection.authorizedAt).getTime();
    const lastUse = Math.max(issued, connection.lastRefreshAt?.getTime() ?? 0);
    const notes = tokenLimitParts(connection.providerKind as ProviderKind, { issued, lastUse, expirySeconds: Number(oauth.refreshTokenExpiry) }, now.getTime());
    if (notes.length) {
      out.push({
        condition: "token-expiring",
        summary: renderAlertText(notes),
        text: notes,
        detail: { provider: connection.providerKind, account: connection.account, refreshTokenIssuedAt: new Date(issued).toISOString(), lastUsedAt: new Date(lastUse).toISOString() },
        link: OAUTH_PAGE,
      });
    }
  }
  return out;
}

/**
 * The refresh token limits reached or near (empty: none). A Google "Testing" app's 7-day limit is
 * only reported between day 5 and day 8: a token that still works after that belongs to a
 * published app, and the incident resolves by itself.
 */
export function tokenLimitNotes(kind: ProviderKind, t: { issued: number; lastUse: number; expirySeconds: number }, now: number): string[] {
  return tokenLimitParts(kind, t, now).map((p) => renderAlertText([p]));
}

/** tokenLimitNotes as parts with keys, for the banner's language. */
export function tokenLimitParts(kind: ProviderKind, t: { issued: number; lastUse: number; expirySeconds: number }, now: number): AlertText[] {
  const notes: AlertText[] = [];
  for (const limit of refreshTokenLimits(kind)) {
    const since = limit.basis === "age" ? t.issued : t.lastUse;
    const days = (now - since) / DAY_MS;
    if (days < limit.warnAfterDays) continue;
    if (limit.basis === "age" && days >= limit.limitDays + 1) continue;
    notes.push({ key: "limitNote", values: { message: limit.message, days: Math.floor(days), date: day(since + limit.limitDays * DAY_MS) } });
  }
  if (Number.isFinite(t.expirySeconds) && t.expirySeconds > 0) {
    const ends = t.issued + t.expirySeconds * 1000;
    if (ends - now < Math.min(t.expirySeconds * 200, 7 * DAY_MS)) {
      notes.push({ key: ends <= now ? "expiryPassed" : "expiryEnds", values: { seconds: t.expirySeconds, date: day(ends) } });
    }
  }
  return notes;
}

/**
 * Sending is stalled when a worker reports the SMTP transport down (or probing) for longer than
 * the threshold, or when mail older than the threshold is still undelivered and nothing at all
 * was delivered within the threshold — whatever the cause: paused, failing (messages waiting for
 * their retry count too), unauthorized, or no worker running. A backlog that drains is not
 * stalled: deliveries keep happening.
 */
async function stalledFinding(thresholdMs: number, alive: WorkerView[], now: Date): Promise<Finding | null> {
  const cutoff = now.getTime() - thresholdMs;
  const down = alive
    .map((w) => stateOf(w).transport)
    .filter((t) => t && (t.state === "down" || t.state === "probing") && t.since && Date.parse(t.since) <= cutoff)
    .sort((a, b) => Date.parse(a!.since!) - Date.parse(b!.since!))[0];
  const [waitingRow, sentRow, errorRow] = await read((db) =>
    Promise.all([
      db.get<{ n: number | string; oldest: string | Date | null }>(
        `SELECT COUNT(*) AS "n", MIN("queuedAt") AS "oldest" FROM "OutboxMessage" WHERE "status" IN ('queued', 'failed', 'sending') AND "queuedAt" <= ?`,
        [dbTime(cutoff)],
      ),
      db.get<{ last: string | Date | null }>(`SELECT MAX("sentAt") AS "last" FROM "OutboxMessage"`),
      db.get<{ lastError: string | null }>(
        `SELECT "lastError" FROM "OutboxMessage" WHERE "status" IN ('queued', 'failed') AND "lastError" IS NOT NULL ORDER BY "updatedAt" DESC LIMIT 1`,
      ),
    ]),
  );
  const lastSent = toDate(sentRow?.last);
  const waiting = lastSent && lastSent.getTime() > cutoff ? 0 : Number(waitingRow?.n ?? 0);
  if (!down && waiting === 0) return null;
  const oldest = toDate(waitingRow?.oldest)?.toISOString() ?? null;
  const why = stallReason(alive, down ?? null, errorRow?.lastError ?? null);
  const minutes = (since: string) => Math.max(1, Math.round((now.getTime() - Date.parse(since)) / 60_000));
  const text: AlertText[] = [
    down
      ? { key: "unreachable", values: { minutes: minutes(down.since!), why } }
      : {
          key: waiting === 1 ? "waitingOne" : "waitingMany",
          values: { count: waiting, minutes: minutes(oldest ?? now.toISOString()), since: lastSent ? lastSent.toISOString() : { key: "sinceStart" }, why },
        },
  ];
  return {
    condition: "sending-stalled",
    summary: renderAlertText(text),
    text,
    detail: { since: down?.since ?? oldest, waiting, lastDeliveredAt: lastSent?.toISOString() ?? null, workers: alive.length, transport: down?.state ?? null },
    link: "/",
  };
}

/** Why sending stalls: a verbatim error (an SMTP reply, the worker's reason), or a part of Herald's own. */
function stallReason(alive: WorkerView[], down: HeartbeatState["transport"] | null, lastMessageError: string | null): string | AlertText {
  if (down?.lastError) return down.lastError;
  if (alive.length === 0) return { key: "noWorker" };
  for (const w of alive) {
    const s = stateOf(w);
    if (s.unavailableReason) return s.unavailableReason;
    if (s.token?.state && s.token.state !== "ok" && s.token.state !== "not-used") return s.token.message ?? { key: "tokenState", values: { state: s.token.state } };
    if (s.lastResult && s.lastResult.ok === false && s.lastResult.error) {
      const paused = s.pausedUntil && Date.parse(s.pausedUntil) > Date.now();
      return paused ? { key: "workerPaused", values: { error: s.lastResult.error, until: s.pausedUntil! } } : s.lastResult.error;
    }
  }
  // The heartbeat (every few seconds) may not have caught up yet; the messages' own last error has.
  if (lastMessageError) return lastMessageError;
  return { key: "notDelivered" };
}
