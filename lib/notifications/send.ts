import "server-only";
// Events → recipients → rendered messages → the outbox. Every function renders all messages
// first and then stores them, with the request's idempotency record, in one transaction; the
// caller answers 202 only after that transaction committed.
import { AppError } from "@/lib/errors";
import { resolveTemplate } from "@/lib/templates-store/store";
import { resolveHtml } from "@/lib/templates-store/html-store";
import { renderHtml, renderTemplate, type TemplateData } from "@/lib/templates";
import { findRecipientsByIdOrEmail, findSubscribers } from "@/lib/recipients/store";
import { enqueue, type IdempotencyKey } from "@/lib/outbox/enqueue";
import type { NewMessage } from "@/lib/outbox/store";
import { newBatchId, newMessageId } from "@/lib/outbox/ids";
import { bareAddress, checkMailbox, HeaderValueError } from "@/lib/outbox/headers";
import { parseAddress } from "@/lib/config/address";
import { notificationConfig } from "./config";
import type { Accepted, CollectionEvent, DirectMail, ForumEvent, PageEvent, WorkflowEvent } from "./schemas";

export interface SendContext {
  /** Who asked: "api:<key id>", "console:<email>", "cli". */
  source: string;
  /** Present when the request carried an Idempotency-Key. */
  idempotency?: IdempotencyKey;
}

export interface SendResult {
  status: number;
  body: Accepted;
  /** True when this is the stored answer to an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

/** "2026-03-14 09:26:53 UTC" — how ${time} and ${event.TimeStamp} read in a mail. */
export function formatTime(iso: string | undefined, now = new Date()): string {
  const d = iso ? new Date(iso) : now;
  return d.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

function messageIdFor(id: string, from: string): string {
  const p = parseAddress(from);
  const domain = p.ok ? p.value.domain.replace(/[^A-Za-z0-9.-]/g, "") || "herald.local" : "herald.local";
  return `<${id}@${domain}>`;
}

function sender(value: string, what: string): string {
  try {
    return checkMailbox("from", value);
  } catch (e) {
    throw new AppError(
      "unavailable",
      `${what} is not a usable sender address (${e instanceof HeaderValueError ? e.message : "invalid"}). Fix it in the configuration.`,
    );
  }
}

interface Rendered {
  family: string;
  language: string;
  subject: string;
  body: string;
  /** The HTML alternative, or null (no HTML template, or the recipient wants plain text only). */
  html: string | null;
}

async function render(
  family: "page" | "forum" | "workflow" | "collection",
  language: string | null | undefined,
  data: TemplateData,
  plainTextOnly = false,
): Promise<Rendered> {
  const t = await resolveTemplate(family, language);
  const r = renderTemplate(t.compiled, data);
  // The HTML body in the language the text resolved to (never another language's HTML).
  const h = plainTextOnly ? null : await resolveHtml(family, t.language);
  return { family, language: t.language, subject: r.subjectForSending, body: r.body, html: h ? renderHtml(h, data).html : null };
}

function build(rendered: Rendered, to: string, from: string, recipientId: string | null): NewMessage {
  const id = newMessageId();
  return {
    id,
    family: rendered.family,
    language: rendered.language,
    recipientId,
    to: [to],
    from,
    subject: rendered.subject,
    text: rendered.body,
    html: rendered.html,
    messageId: messageIdFor(id, from),
  };
}

/** Stores the messages (with the idempotency record) through the outbox's one way in, and answers. */
export async function commit(messages: NewMessage[], ctx: SendContext): Promise<SendResult> {
  const body: Accepted = { messages: messages.map((m) => ({ id: m.id, to: m.to.join(", "), language: m.language })) };
  const status = 202;
  const r = await enqueue(null, messages, {
    source: ctx.source,
    batchId: messages.length > 1 ? newBatchId() : null,
    idempotencyKey: ctx.idempotency ? { ...ctx.idempotency, status, response: JSON.stringify(body) } : undefined,
  });
  if (r.replayed) return { status: r.status, body: JSON.parse(r.response) as Accepted, replayed: true };
  return { status, body, replayed: false };
}

// --- page events ----------------------------------------------------------------------------

export async function sendPageEvent(ev: PageEvent, ctx: SendContext): Promise<SendResult> {
  const cfg = await notificationConfig();
  const from = sender(cfg.channelFrom, "The Notification Email Channel's email.from");
  const paths = [...new Set(ev.paths)];
  const subscribers = await findSubscribers("page", paths, ev.type);
  const time = formatTime(ev.time);
  const messages: NewMessage[] = [];
  for (const s of subscribers) {
    const modifications = s.paths.map((p) => `${ev.type} => ${p}`).join("\n");
    const r = await render("page", s.language, { time, userFullName: ev.user.name, userId: ev.user.id, modifications }, s.plainTextOnly);
    messages.push(build(r, s.email, from, s.id));
  }
  return commit(messages, ctx);
}

// --- forum events ---------------------------------------------------------------------------

export async function sendForumEvent(ev: ForumEvent, ctx: SendContext): Promise<SendResult> {
  const cfg = await notificationConfig();
  const from = sender(cfg.channelFrom, "The Notification Email Channel's email.from");
  const subscribers = await findSubscribers("forum", [ev.forumPath]);
  const data = { time: formatTime(ev.time), "forum.path": ev.forumPath, "host.prefix": cfg.hostPrefix };
  const messages: NewMessage[] = [];
  for (const s of subscribers) messages.push(build(await render("forum", s.language, data, s.plainTextOnly), s.email, from, s.id));
  return commit(messages, ctx);
}

// --- workflow -------------------------------------------------------------------------------

export function workflowData(ev: WorkflowEvent, hostPrefix: string, language: string): Record<string, string> {
  const payloadPath = ev.payload.path;
  return {
    "event.EventType": ev.event.type,
    "event.TimeStamp": formatTime(ev.event.time),
    "event.User": ev.event.user,
    "initiator.home": ev.initiator.home ?? "",
    "initiator.name": ev.initiator.name,
    "initiator.email": ev.initiator.email ? bareAddress(ev.initiator.email) : "",
    "item.id": ev.item.id,
    "item.node.id": ev.item.node.id,
    "item.node.title": ev.item.node.title,
    "participant.email": bareAddress(ev.participant.email),
    "participant.name": ev.participant.name,
    "participant.familyName": ev.participant.familyName ?? "",
    "participant.id": ev.participant.id,
    "participant.language": language,
    "instance.id": ev.instance.id,
    "instance.state": ev.instance.state ?? "",
    "model.title": ev.model.title,
    "model.id": ev.model.id,
    "model.version": ev.model.version ?? "",
    "payload.data": ev.payload.data ?? payloadPath,
    "payload.type": ev.payload.type ?? "JCR_PATH",
    "payload.path": payloadPath,
    "payload.path.open": `/bin/wcmcommand?cmd=open&path=${payloadPath}`,
    "host.prefix": hostPrefix,
  };
}

export async function sendWorkflowEvent(ev: WorkflowEvent, ctx: SendContext): Promise<SendResult> {
  const cfg = await notificationConfig();
  const from = sender(cfg.workflowFrom, "The Workflow Email Notification Service's from.address");
  let language = ev.participant.language;
  let recipientId: string | null = null;
  // The directory entry gives the language when the event has none, and "plain text only" always.
  const known = await findRecipientsByIdOrEmail([ev.participant.id, bareAddress(ev.participant.email)]);
  const hit = known.get(ev.participant.id) ?? known.get(bareAddress(ev.participant.email).toLowerCase());
  if (!language) {
    language = hit?.language;
    recipientId = hit?.id ?? null;
  }
  const r = await render("workflow", language, workflowData(ev, cfg.hostPrefix, language ?? "en"), hit?.plainTextOnly ?? false);
  return commit([build(r, ev.participant.email, from, recipientId ?? ev.participant.id)], ctx);
}

// --- collections ----------------------------------------------------------------------------

export async function sendCollectionEvent(ev: CollectionEvent, ctx: SendContext): Promise<SendResult> {
  const cfg = await notificationConfig();
  if (!cfg.damSendEmail) {
    throw new AppError(
      "conflict",
      'Collection emails are switched off: turn on "Send email" in the Day CQ DAM Resource Collection Servlet configuration.',
    );
  }
  const from = sender(cfg.mailFrom || cfg.channelFrom, "The sender address (Mail Service from.address)");
  const keys = ev.recipients.filter((r): r is string => typeof r === "string");
  const known = await findRecipientsByIdOrEmail(keys.map((k) => (k.includes("@") ? k.toLowerCase() : k)));
  const fields: Record<string, string[]> = {};
  const targets: { email: string; language: string | null; recipientId: string | null; plainTextOnly: boolean }[] = [];
  ev.recipients.forEach((r, i) => {
    if (typeof r !== "string") {
      targets.push({ email: r.name ? `${r.name} <${bareAddress(r.email)}>` : r.email, language: r.language ?? null, recipientId: null, plainTextOnly: false });
      return;
    }
    const hit = known.get(r) ?? known.get(r.toLowerCase());
    if (hit) targets.push({ email: hit.email, language: hit.language, recipientId: hit.id, plainTextOnly: hit.plainTextOnly });
    else if (r.includes("@")) {
      try {
        targets.push({ email: checkMailbox("recipient", r), language: null, recipientId: null, plainTextOnly: false });
      } catch (e) {
        fields[`recipients.${i}`] = [e instanceof HeaderValueError ? e.message : "is not a valid email address"];
      }
    } else fields[`recipients.${i}`] = [`no recipient with id "${r}" in the directory (give an email address instead)`];
  });
  if (Object.keys(fields).length) throw new AppError("validation", "Some recipients are unknown.", fields);
  const data = {
    time: formatTime(ev.time),
    action: ev.action,
    "collection.title": ev.collection.title,
    "collection.path": ev.collection.path,
    "user.name": ev.by.name,
    "user.id": ev.by.id,
    "host.prefix": cfg.hostPrefix,
  };
  const messages: NewMessage[] = [];
  const seen = new Set<string>();
  for (const t of targets) {
    const addr = bareAddress(t.email).toLowerCase();
    if (seen.has(addr)) continue;
    seen.add(addr);
    messages.push(build(await render("collection", t.language, data, t.plainTextOnly), t.email, from, t.recipientId));
  }
  return commit(messages, ctx);
}

// --- direct mail ------------------------------------------------------------------------------

export async function sendDirectMail(m: DirectMail, ctx: SendContext): Promise<SendResult> {
  const cfg = await notificationConfig();
  const from = sender(cfg.mailFrom || cfg.channelFrom, "The Mail Service's from.address");
  const id = newMessageId();
  const message: NewMessage = {
    id,
    family: null,
    language: null,
    recipientId: null,
    to: m.to,
    cc: m.cc,
    bcc: m.bcc,
    from,
    replyTo: m.replyTo ?? null,
    subject: m.subject,
    text: m.text,
    html: m.html ?? null,
    messageId: messageIdFor(id, from),
  };
  return commit([message], ctx);
}
