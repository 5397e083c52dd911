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

/** A condition seen now: what to tell (no secrets) and where in the console to fix it. */
export interface Finding {
  condition: Condition;
  summary: string;
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
  detail: Record<string, unknown>;
  link: string;
  openedAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
}

export type NoticeEvent = "opened" | "resolved";
