// The alert conditions and what one evaluation found. Pure types and constants: the banner, the
// payload builder and the evaluator share them.

export const CONDITIONS = ["reauthorization", "sending-stalled", "messages-dead", "token-expiring"] as const;
export type Condition = (typeof CONDITIONS)[number];

export const CONDITION_TITLES: Record<Condition, string> = {
  reauthorization: "Re-authorization needed",
  "sending-stalled": "Sending paused or failing",
  "messages-dead": "Messages went dead",
  "token-expiring": "Refresh token nears its limit",
};

/**
 * The summaries' English, by key (the keys under "alerts.texts" in the catalogs). A finding tells
 * what is wrong as a list of these parts: the stored summary — webhooks, email — is their English,
 * the banner shows them in the reader's language. A value is verbatim (an SMTP reply, the
 * provider's reason, a date) or a part of its own.
 */
export const ALERT_TEXT = {
  reauthorization: "The mail account must be authorized again: {reason}. Mail waits in the outbox until an admin clicks Authorize.",
  refreshRefused: "the provider refused the refresh token",
  deadOne: "{count} message went dead (given up) in the last {minutes} min; the Outbox lists them with the server's replies, for a retry.",
  deadMany: "{count} messages went dead (given up) in the last {minutes} min; the Outbox lists them with the server's replies, for a retry.",
  unreachable: "The SMTP server has been unreachable for {minutes} min: {why}",
  waitingOne: "{count} message has been waiting for {minutes} min and nothing was delivered since {since}: {why}",
  waitingMany: "{count} messages have been waiting for {minutes} min and nothing was delivered since {since}: {why}",
  sinceStart: "the start",
  noWorker: "no outbox worker is running (the console's in-server worker is off and no `npm run worker` reports in).",
  notDelivered: "the workers are running but the messages are not delivered; see the dashboard and the mail log.",
  tokenState: "OAuth2 token: {state}",
  workerPaused: "{error} (worker paused until {until})",
  limitNote: "{message} ({days} days so far; limit reached on {date}.)",
  expiryPassed: "The refresh token expiry set in the OAuth2 provider ({seconds} s) passed on {date}. Authorize again.",
  expiryEnds: "The refresh token expiry set in the OAuth2 provider ({seconds} s) ends on {date}. Authorize again.",
} as const;
export type AlertTextKey = keyof typeof ALERT_TEXT;
export interface AlertText {
  key: AlertTextKey;
  values?: Record<string, string | number | AlertText>;
}

const english = (key: AlertTextKey, values: Record<string, string | number>) =>
  ALERT_TEXT[key].replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));

/** The parts as one text: English by default, or through `t` (the "alerts.texts" keys). */
export function renderAlertText(parts: readonly AlertText[], t: (key: AlertTextKey, values: Record<string, string | number>) => string = english): string {
  const one = (p: AlertText): string =>
    t(p.key, Object.fromEntries(Object.entries(p.values ?? {}).map(([k, v]) => [k, typeof v === "object" ? one(v) : v])));
  return parts.map(one).join(" ");
}

/** A condition seen now: what to tell (no secrets) and where in the console to fix it. */
export interface Finding {
  condition: Condition;
  summary: string;
  /** The summary as parts with keys (summary is their English), for the banner's language. */
  text?: AlertText[];
  detail: Record<string, unknown>;
  /** A console path, e.g. "/configuration/oauth". */
  link: string;
}

/** An incident as the banner and the notices see it. */
export interface IncidentView {
  id: number;
  condition: Condition;
  title: string;
  summary: string;
  /** The summary by keys, when the finding gave them (incidents stored before have none). */
  text?: AlertText[];
  detail: Record<string, unknown>;
  link: string;
  openedAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
}

export type NoticeEvent = "opened" | "resolved";
