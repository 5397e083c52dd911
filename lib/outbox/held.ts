import "server-only";
// Why a waiting message is not moving. A queued or failed message is "held" when no worker can
// send right now: the mail account must be authorized again (OAuth2), the SMTP server is down
// (the worker is probing it), sending is paused for another reason (no usable target, no token),
// or no worker is running. The reason comes from the workers' heartbeats, so every console
// instance and the API give the same answer.
import { listWorkers, type WorkerView } from "./queries";
import type { OutboxStatus } from "./store";

export type HoldReason = "reauthorization_needed" | "oauth_token_unavailable" | "transport_down" | "paused" | "no_worker";

/**
 * The held texts in English by key (ICU): the API's `message`, and the key the console translates
 * (the "outbox.held" catalog texts, held equal to these by a test). `until` is an ISO time.
 */
export const HELD = {
  noWorker: "No outbox worker is running: start Herald (npm start) or a worker (npm run worker).",
  reauth: "The mail account must be authorized again (OAuth2): Configuration → OAuth2 → Re-authorize.",
  transportDown: "The SMTP server cannot be reached; Herald is probing it and sends as soon as it answers.",
  tokenUnavailable: "No OAuth2 access token can be had right now; Herald tries again.",
  detail: "{detail}",
  pausedUntil: "Sending is paused until {until}.",
} as const;
export type HeldKey = keyof typeof HELD;

export interface Hold {
  reason: HoldReason;
  /** Plain words for people (the Outbox page, API clients' logs). */
  message: string;
  /** `message` as a key of HELD with its values, for the console to translate. */
  key: HeldKey;
  values: Record<string, string>;
  /** ISO time since when, when known. */
  since: string | null;
  lastError: string | null;
}

interface HeartbeatState {
  token?: { state?: string; at?: string | null; since?: string | null; message?: string | null };
  transport?: { state?: string; since?: string | null; lastError?: string | null };
  pausedUntil?: string | null;
  unavailableReason?: string | null;
  lastResult?: { error?: string | null } | null;
}

function says(key: HeldKey, values: Record<string, string> = {}): Pick<Hold, "message" | "key" | "values"> {
  return { message: HELD[key].replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m), key, values };
}

/** The hold that applies to every waiting message right now, or null when mail can move. */
export function holdFrom(workers: Pick<WorkerView, "alive" | "seenAt" | "state">[], now = Date.now()): Hold | null {
  const alive = workers.filter((w) => w.alive);
  if (!alive.length) {
    const last = workers.map((w) => w.seenAt).sort().at(-1) ?? null;
    return { reason: "no_worker", ...says("noWorker"), since: last, lastError: null };
  }
  // Held only when no live worker can send: one healthy worker moves the mail.
  const holds = alive.map((w) => holdOf(w.state as HeartbeatState, now));
  if (holds.some((h) => h === null)) return null;
  return holds[0] ?? null;
}

function holdOf(s: HeartbeatState, now: number): Hold | null {
  if (s.token?.state === "reauthorization-needed") {
    return {
      reason: "reauthorization_needed",
      ...says("reauth"),
      since: s.token.since ?? s.token.at ?? null,
      lastError: s.token.message ?? null,
    };
  }
  if (s.transport && s.transport.state && s.transport.state !== "up") {
    return {
      reason: "transport_down",
      ...says("transportDown"),
      since: s.transport.since ?? null,
      lastError: s.transport.lastError ?? null,
    };
  }
  if (s.token?.state === "error" || s.token?.state === "no-provider") {
    return { reason: "oauth_token_unavailable", ...says("tokenUnavailable"), since: s.token.since ?? s.token.at ?? null, lastError: s.token.message ?? null };
  }
  if (s.unavailableReason) return { reason: "paused", ...says("detail", { detail: s.unavailableReason }), since: null, lastError: s.unavailableReason };
  if (s.pausedUntil && Date.parse(s.pausedUntil) > now) {
    return { reason: "paused", ...says("pausedUntil", { until: s.pausedUntil }), since: null, lastError: s.lastResult?.error ?? null };
  }
  return null;
}

/** Only mail that is still waiting can be held. */
export function isWaiting(status: OutboxStatus): boolean {
  return status === "queued" || status === "failed";
}

export async function currentHold(): Promise<Hold | null> {
  return holdFrom(await listWorkers());
}
