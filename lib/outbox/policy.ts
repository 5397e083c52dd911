// The retry policy: which failures are worth another attempt, and when. Pure.
//
// A failure is one of
//   - "permanent": the server refused this message for good (a 5xx reply to MAIL FROM, RCPT TO or
//     DATA, or a message nodemailer cannot build) → the message is dead, with the reply;
//   - "transient": a 4xx reply to this message → retried with backoff;
//   - "server": the server could not be used at all (refused / timed out / TLS / greeting /
//     login, including a 5xx to AUTH) → retried with backoff, and the worker pauses before
//     trying the next message, so an outage does not burn every message's attempts.
// Retries stop after `maxAttempts` attempts or `maxAgeSeconds` after the message was queued.

export interface RetryPolicy {
  maxAttempts: number;
  /** Delay before the first retry; doubles with each attempt. */
  baseDelaySeconds: number;
  /** Upper bound of one delay. */
  maxDelaySeconds: number;
  /** Give up this long after the message was (re)queued. */
  maxAgeSeconds: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 8,
  baseDelaySeconds: 30,
  maxDelaySeconds: 3600,
  maxAgeSeconds: 24 * 3600,
});

/**
 * Delay before the next attempt after `attempt` attempts (1 = the first failed): exponential
 * (base · 2^(attempt-1), capped) with "equal jitter": half fixed, half random, so workers that
 * failed together do not all come back at the same instant, and no retry comes sooner than half
 * the nominal delay.
 */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, "baseDelaySeconds" | "maxDelaySeconds">, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  const base = Math.max(0, policy.baseDelaySeconds) * 1000;
  const cap = Math.max(base, policy.maxDelaySeconds * 1000);
  // 2^(n-1) overflows to Infinity for large n; min() keeps it finite.
  const nominal = Math.min(cap, base * Math.pow(2, Math.min(n - 1, 52)));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(nominal / 2 + (nominal / 2) * r);
}

export type FailureKind = "permanent" | "transient" | "server";

export interface SendFailure {
  kind: FailureKind;
  /** The SMTP reply code, if the server answered. */
  responseCode?: number;
  /** The server's reply as received (e.g. "550 5.1.1 <x@y>: no such user"). */
  reply?: string;
  /** nodemailer's / Node's error code (ECONNECTION, ETIMEDOUT, EAUTH, EENVELOPE…). */
  code?: string;
  /** The SMTP command that failed (CONN, EHLO, AUTH PLAIN, MAIL FROM, RCPT TO, DATA…). */
  command?: string;
  message: string;
}

const SERVER_CODES = new Set([
  "ECONNECTION",
  "ETIMEDOUT",
  "ESOCKET",
  "EDNS",
  "ETLS",
  "EAUTH",
  "EOAUTH2",
  "EPROTOCOL",
  "ECONNREFUSED",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** Commands whose failure says something about the server or our login, not about the message. */
function isSessionCommand(command: string | undefined): boolean {
  if (!command) return false;
  const c = command.toUpperCase();
  return c === "CONN" || c === "EHLO" || c === "HELO" || c === "LHLO" || c === "STARTTLS" || c.startsWith("AUTH") || c === "GREETING";
}

/** Sorts a nodemailer / Node error into permanent, transient or server. */
export function classifyError(error: unknown): SendFailure {
  type ErrorLike = { code?: unknown; responseCode?: unknown; response?: unknown; command?: unknown; message?: unknown; rejectedErrors?: unknown };
  const e = (error ?? {}) as ErrorLike;
  // "All recipients were rejected": the first recipient's reply is the one that matters.
  const first = Array.isArray(e.rejectedErrors) ? ((e.rejectedErrors[0] ?? {}) as ErrorLike) : {};
  const code = typeof e.code === "string" ? e.code : undefined;
  const responseCode = typeof e.responseCode === "number" ? e.responseCode : typeof first.responseCode === "number" ? first.responseCode : undefined;
  const reply = typeof e.response === "string" ? e.response : typeof first.response === "string" ? first.response : undefined;
  const command = typeof e.command === "string" ? e.command : typeof first.command === "string" ? first.command : undefined;
  const message = typeof e.message === "string" ? e.message : String(error);
  const base = { code, responseCode, reply, command, message };

  if (isSessionCommand(command) || code === "EAUTH" || code === "EOAUTH2") return { kind: "server", ...base };
  if (responseCode !== undefined) {
    // 421 means "service not available, closing channel": the server, not the message.
    if (responseCode === 421) return { kind: "server", ...base };
    if (responseCode >= 500) return { kind: "permanent", ...base };
    if (responseCode >= 400) return { kind: "transient", ...base };
  }
  if (code && SERVER_CODES.has(code)) return { kind: "server", ...base };
  // A message nodemailer refuses to build or send (no recipients, bad address) will never work.
  if (code === "EENVELOPE" || code === "EMESSAGE") return { kind: "permanent", ...base };
  return { kind: "transient", ...base };
}

export interface RetryDecision {
  /** "retry" → status failed with nextAttemptAt; "dead" → give up. */
  action: "retry" | "dead";
  nextAttemptAt?: Date;
  reason: string;
}

/** What to do after a failed attempt number `attempts` of a message queued at `queuedAt`. */
export function decideRetry(
  failure: Pick<SendFailure, "kind">,
  attempts: number,
  queuedAt: Date,
  policy: RetryPolicy,
  now = new Date(),
  random: () => number = Math.random,
): RetryDecision {
  if (failure.kind === "permanent") return { action: "dead", reason: "The server refused the message permanently (5xx)." };
  if (attempts >= policy.maxAttempts) {
    return { action: "dead", reason: `Gave up after ${attempts} attempt${attempts === 1 ? "" : "s"} (the limit is ${policy.maxAttempts}).` };
  }
  const next = new Date(now.getTime() + backoffMs(attempts, policy, random));
  const deadline = queuedAt.getTime() + policy.maxAgeSeconds * 1000;
  if (now.getTime() >= deadline) {
    return { action: "dead", reason: `Gave up: the message has been waiting longer than ${formatSeconds(policy.maxAgeSeconds)}.` };
  }
  // Never schedule past the deadline: one last try at the deadline instead.
  return { action: "retry", nextAttemptAt: next.getTime() > deadline ? new Date(deadline) : next, reason: "Will retry." };
}

export function formatSeconds(s: number): string {
  if (s % 86400 === 0) return `${s / 86400} day${s === 86400 ? "" : "s"}`;
  if (s % 3600 === 0) return `${s / 3600} hour${s === 3600 ? "" : "s"}`;
  if (s % 60 === 0) return `${s / 60} minute${s === 60 ? "" : "s"}`;
  return `${s} second${s === 1 ? "" : "s"}`;
}
