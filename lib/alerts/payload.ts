// What a webhook receives for one notice: generic JSON (every field, for a receiver of your own)
// or one {"text": …} message that Slack incoming webhooks and Teams workflows post as is.
// Pure. Nothing here may carry a secret: incidents hold none (see conditions.ts).
import type { IncidentView, NoticeEvent } from "./types";

export type PayloadFormat = "json" | "text";

export interface NoticeContext {
  /** The console's public origin, for absolute links ("https://herald.example.com"). */
  origin: string;
  now: Date;
}

export function noticeUrl(incident: IncidentView, ctx: NoticeContext): string {
  return new URL(incident.link, ctx.origin).toString();
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} min`;
  const h = Math.round(m / 6) / 10;
  return h < 48 ? `${h} h` : `${Math.round(h / 24)} days`;
}

/** One line of plain text, the subject of the email and the head of the chat message. */
export function noticeHeadline(incident: IncidentView, event: NoticeEvent): string {
  return event === "opened"
    ? `[Herald] ALERT: ${incident.title}`
    : `[Herald] RESOLVED: ${incident.title}`;
}

/** The body of the email and of the chat message. */
export function noticeText(incident: IncidentView, event: NoticeEvent, ctx: NoticeContext): string {
  const lines = [noticeHeadline(incident, event), incident.summary];
  if (typeof incident.detail.lastError === "string") lines.push(`Last error: ${incident.detail.lastError}`);
  if (event === "resolved" && incident.resolvedAt) {
    lines.push(`Resolved at ${incident.resolvedAt} after ${duration(Date.parse(incident.resolvedAt) - Date.parse(incident.openedAt))} (opened ${incident.openedAt}).`);
  } else {
    lines.push(`Since ${incident.openedAt}.`);
  }
  lines.push(`${event === "opened" ? "Fix it" : "Details"}: ${noticeUrl(incident, ctx)}`);
  return lines.join("\n");
}

export function buildPayload(format: PayloadFormat, incident: IncidentView, event: NoticeEvent, ctx: NoticeContext): Record<string, unknown> {
  if (format === "text") return { text: noticeText(incident, event, ctx) };
  return {
    source: "herald",
    event,
    incident: incident.id,
    condition: incident.condition,
    title: incident.title,
    summary: incident.summary,
    detail: incident.detail,
    openedAt: incident.openedAt,
    resolvedAt: incident.resolvedAt,
    url: noticeUrl(incident, ctx),
    sentAt: ctx.now.toISOString(),
  };
}
