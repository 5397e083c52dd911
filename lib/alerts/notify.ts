import "server-only";
// Sends the notices of incidents: every webhook, and an email to each admin address through the
// Mail Service — by way of the outbox, so an alert email is durable and retried like any mail.
// When the Mail Service itself is broken (the very thing alerted about), the email waits in the
// outbox and goes out once sending works again; the webhooks and the console banner do not wait.
import { effectiveConfig } from "@/lib/config/store";
import { MAIL_SERVICE_PID } from "@/lib/config/services";
import type { NewMessage } from "@/lib/outbox/store";
import { enqueue } from "@/lib/outbox/enqueue";
import { newMessageId } from "@/lib/outbox/ids";
import { checkMailbox } from "@/lib/outbox/headers";
import { parseAddress } from "@/lib/config/address";
import { publicOrigin } from "@/lib/oauth/provider";
import { buildPayload, noticeHeadline, noticeText, type NoticeContext } from "./payload";
import { postWebhook, type WebhookOptions, type WebhookResult } from "./webhook";
import type { AlertSettings } from "./settings";
import type { IncidentView, NoticeEvent } from "./types";

export interface EmailResult {
  ok: boolean;
  /** Outbox message ids (the outbox shows their delivery). */
  queued: string[];
  error: string | null;
}

export interface NoticeDeliveries {
  event: NoticeEvent;
  webhooks: WebhookResult[];
  email: EmailResult | null;
  problem: string | null;
}

export async function sendNotice(incident: IncidentView, event: NoticeEvent, settings: AlertSettings, opts: { webhook?: WebhookOptions; now?: Date } = {}): Promise<NoticeDeliveries> {
  const ctx: NoticeContext = { origin: publicOrigin(), now: opts.now ?? new Date() };
  const body = buildPayload(settings.format, incident, event, ctx);
  const [webhooks, email] = await Promise.all([
    Promise.all(settings.webhooks.map((url, i) => postWebhook(url, i, body, opts.webhook))),
    settings.emails.length ? queueEmail(incident, event, settings.emails, ctx) : Promise.resolve(null),
  ]);
  return { event, webhooks, email, problem: settings.problem };
}

async function queueEmail(incident: IncidentView, event: NoticeEvent, to: string[], ctx: NoticeContext): Promise<EmailResult> {
  let from: string;
  try {
    const mail = await effectiveConfig(MAIL_SERVICE_PID);
    from = checkMailbox("from", String(mail["from.address"] ?? ""));
  } catch (e) {
    return { ok: false, queued: [], error: `undeliverable: the Mail Service has no usable sender address (${e instanceof Error ? e.message : String(e)})` };
  }
  const domain = (() => {
    const p = parseAddress(from);
    return p.ok ? p.value.domain.replace(/[^A-Za-z0-9.-]/g, "") || "herald.local" : "herald.local";
  })();
  const messages: NewMessage[] = [];
  for (const address of to) {
    let mailbox: string;
    try {
      mailbox = checkMailbox("to", address);
    } catch {
      continue;
    }
    const id = newMessageId();
    messages.push({
      id,
      family: null,
      language: null,
      recipientId: null,
      to: [mailbox],
      from,
      subject: noticeHeadline(incident, event),
      text: noticeText(incident, event, ctx),
      messageId: `<${id}@${domain}>`,
    });
  }
  if (!messages.length) return { ok: false, queued: [], error: "no valid admin address" };
  await enqueue(null, messages, { source: `alerts:${incident.condition}` });
  return { ok: true, queued: messages.map((m) => m.id), error: null };
}
