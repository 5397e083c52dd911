// "Can mail go out?" as one answer for people: the dashboard's single sending status, derived
// from the send target, the OAuth2 authorization and the workers' heartbeats together, so the
// Sending and OAuth2 cards can never disagree. Pure (plain data in, plain data out).
//
// Each reason carries a stable key of VERDICT (English, ICU) and its values, so the console shows it
// in the reader's language (the "verdict" namespace of messages/*.json, held equal to VERDICT by a
// test); `text` is the English sentence (logs, tests). Values named `since` and `until` are ISO
// times (the console formats them in the user's time zone), "none" means "not known".
// Not next-intl: its entry loads React, and the worker and the CLI (which run this) have no React.
import { formatIcu } from "@/lib/i18n/keyed";
import type { SendingStatus } from "./status";

export type VerdictLevel = "ok" | "warning" | "error";

/** The verdict's texts in English by key (ICU); the headline's key is the level. */
export const VERDICT = {
  ok: "Mail can go out",
  warning: "Mail goes out, with problems",
  error: "Mail cannot go out",
  noTarget: "No SMTP server can be used.",
  detail: "{detail}",
  // Why the send target is unavailable (lib/outbox/target.ts says these).
  sandboxNoMailbox: "The sandbox is on, but the built-in mailbox is switched off (HERALD_DEV_SMTP=0). Turn the sandbox off or enable the mailbox.",
  noServerNoMailbox: "No SMTP server is configured in the Day CQ Mail Service, and the built-in mailbox is switched off (HERALD_DEV_SMTP=0).",
  mailboxNotRunning: "The built-in mailbox is not running (it runs inside the console process: start Herald with npm start).",
  reauth: "The mailbox's OAuth2 authorization no longer works{why, select, none {.} other {: {why}}} Messages stay queued until an admin authorizes again.",
  notConnected: "OAuth flow is on, but no mailbox is connected yet: nothing can be sent until an admin clicks Authorize.",
  notConfigured: "OAuth flow is on, but the OAuth2 provider is not configured.",
  tokenError: "Herald could not get an OAuth2 access token{why, select, none {.} other {: {why}}} It tries again.",
  attention: "The OAuth2 connection needs attention.",
  noWorker: "No worker is running, so queued messages are not sent. Start Herald (the worker runs inside it) or a separate worker process.",
  transportDown: "The SMTP server does not accept mail{since, select, none {} other { since {since}}}{why, select, none {.} other {: {why}}} Messages wait and are retried.",
  probing: "Herald is checking whether the SMTP server accepts mail again.",
  paused: "Sending is paused until {until}{why, select, none {.} other {: {why}}}",
  dead: "{count, plural, one {# message} other {# messages}} gave up after the last retry.",
  failed: "{count, plural, one {# message waits} other {# messages wait}} for a retry after a failed attempt.",
  linkReauthorize: "Re-authorize on the OAuth2 page",
  linkOauth: "Open the OAuth2 page",
  linkMailService: "Open the Mail Service",
  linkOutbox: "See them in the Outbox",
} as const;
export type VerdictKey = keyof typeof VERDICT;
export type VerdictValues = Record<string, string | number>;

export interface VerdictReason {
  level: VerdictLevel;
  /** English, for logs and tests; the console translates `key` with `values`. */
  text: string;
  key: VerdictKey;
  values: VerdictValues;
  /** Where the admin fixes it. */
  link?: { href: string; label: string; key: VerdictKey };
}

const at = (iso: string) => `${iso.replace("T", " ").slice(0, 19)} UTC`;

/** A verdict text in English, its ISO times written as "YYYY-MM-DD hh:mm:ss UTC". */
export function verdictEnglish(key: VerdictKey, values: VerdictValues = {}): string {
  const v: VerdictValues = { ...values };
  for (const k of ["since", "until"]) if (typeof v[k] === "string" && v[k] !== "none") v[k] = at(v[k] as string);
  return formatIcu(VERDICT[key], v as Record<string, string | number>);
}

export interface SendingVerdict {
  level: VerdictLevel;
  headline: string;
  reasons: VerdictReason[];
}


/**
 * Drops a repeated lead-in: "Re-authorization needed: Re-authorization needed: x" → the last one,
 * "Connection refused: Connection refused" → "Connection refused", and a prefix equal to what the
 * caller already says (e.g. the reason's own title).
 */
export function sayOnce(text: string, alreadySaid: string[] = []): string {
  let t = text.replace(/\s+/g, " ").trim();
  for (;;) {
    const m = /^([^:]{1,80}):\s+(.*)$/s.exec(t);
    if (!m) break;
    const head = (m[1] ?? "").trim().toLowerCase();
    const rest = (m[2] ?? "").trim();
    if (rest.toLowerCase() === head || rest.toLowerCase().startsWith(head + ":") || alreadySaid.some((s) => s.trim().toLowerCase() === head)) t = rest;
    else break;
  }
  return t;
}

const sentence = (s: string) => (/[.!?)]$/.test(s) ? s : `${s}.`);

/** The single sending status: level, headline and each reason once, in the order to act on them. */
export function sendingVerdict(s: SendingStatus): SendingVerdict {
  const reasons: VerdictReason[] = [];
  const add = (level: VerdictLevel, key: VerdictKey, values: VerdictValues, linkKey?: "linkReauthorize" | "linkOauth" | "linkMailService" | "linkOutbox", href?: string) => {
    const text = verdictEnglish(key, values);
    const link = linkKey && href ? { href, label: VERDICT[linkKey], key: linkKey } : undefined;
    if (!reasons.some((x) => x.text.toLowerCase() === text.toLowerCase())) reasons.push({ level, text, key, values, ...(link ? { link } : {}) });
  };
  const why = (t: string | null | undefined, alreadySaid?: string[]) => (t ? sentence(sayOnce(t, alreadySaid)) : "none");
  const alive = s.workers.filter((w) => w.alive);
  const OAUTH = "/configuration/oauth";
  const MAIL = "/configuration/com.day.cq.mailer.DefaultMailService";

  if (s.target.kind === "unavailable") {
    const known = (["sandboxNoMailbox", "noServerNoMailbox", "mailboxNotRunning"] as const).find((k) => VERDICT[k] === s.target.reason);
    if (known) add("error", known, {}, "linkMailService", MAIL);
    else if (s.target.reason) add("error", "detail", { detail: sentence(sayOnce(s.target.reason)) }, "linkMailService", MAIL);
    else add("error", "noTarget", {}, "linkMailService", MAIL);
  }

  // OAuth2: the stored authorization (OAuth2 page) and what the worker met when it asked for a token.
  const tokenStates = alive.map((w) => w.token?.state).filter(Boolean);
  const reauth = s.oauth.used && (s.oauth.status === "reauth_needed" || tokenStates.includes("reauthorization-needed"));
  if (reauth) {
    const reason = s.oauth.reason ?? alive.find((w) => w.token?.state === "reauthorization-needed")?.token?.message ?? null;
    add("error", "reauth", { why: why(reason, ["Re-authorization needed"]) }, "linkReauthorize", OAUTH);
  } else if (s.oauth.used && s.oauth.status === "not_connected") {
    add("error", "notConnected", {}, "linkOauth", OAUTH);
  } else if (s.oauth.used && s.oauth.status === "not_configured") {
    add("error", "notConfigured", {}, "linkOauth", OAUTH);
  } else if (s.oauth.used && tokenStates.includes("error")) {
    const msg = alive.find((w) => w.token?.state === "error")?.token?.message;
    add("warning", "tokenError", { why: why(msg) }, "linkOauth", OAUTH);
  } else if (s.oauth.used && s.oauth.status === "attention") {
    if (s.oauth.headline) add("warning", "detail", { detail: sentence(sayOnce(s.oauth.headline)) }, "linkOauth", OAUTH);
    else add("warning", "attention", {}, "linkOauth", OAUTH);
  }

  if (!alive.length) {
    add("error", "noWorker", {});
  } else {
    // The SMTP server as the worker last saw it (heartbeat `transport`, when the worker reports it).
    const down = alive.find((w) => w.transport?.state === "down");
    const probing = alive.find((w) => w.transport?.state === "probing");
    if (down?.transport) {
      add("error", "transportDown", { since: down.transport.since ?? "none", why: why(down.transport.lastError) }, "linkMailService", MAIL);
    } else if (probing?.transport) {
      add("warning", "probing", {}, "linkMailService", MAIL);
    }
    const paused = alive.find((w) => w.paused);
    // A pause caused by the token or the transport is already said above; other pauses are not.
    if (paused && !reauth && !down) {
      add("warning", "paused", { until: paused.pausedUntil!, why: why(paused.unavailableReason) });
    }
  }

  if (s.counts.dead > 0) add("warning", "dead", { count: s.counts.dead }, "linkOutbox", "/outbox?status=dead");
  if (s.counts.failed > 0 && !reasons.some((r) => r.level === "error")) {
    add("warning", "failed", { count: s.counts.failed }, "linkOutbox", "/outbox?status=failed");
  }

  const level: VerdictLevel = reasons.some((r) => r.level === "error") ? "error" : reasons.some((r) => r.level === "warning") ? "warning" : "ok";
  return { level, headline: VERDICT[level], reasons };
}
