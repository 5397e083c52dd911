import "server-only";
// The editor's server-side helpers: who a family's mail comes from (the preview's From line),
// and "Send preview to me" — the rendered email, with the editor's unsaved text and sample data,
// sent straight through the configured Mail Service (not the outbox) and logged as "preview".
import { EMAIL_CHANNEL_PID, MAIL_SERVICE_PID, WORKFLOW_EMAIL_PID, type ServicePid } from "@/lib/config/services";
import { effectiveConfig, serviceState } from "@/lib/config/store";
import { AppError } from "@/lib/errors";
import type { Explained } from "@/lib/mail/explain";
import { sendDirect } from "@/lib/smtp/direct";
import { notificationConfig } from "@/lib/notifications/config";
import { mailboxIdFromReply } from "@/lib/mailbox/previews";
import { compileHtml, compileTemplate, configuredVariables, parseProperties, renderHtml, renderTemplate, type FamilyId, type TemplateValue } from "@/lib/templates";
import { getHtmlFile, layoutFor, HTML_MAX_BYTES } from "./html-store";
import { inlineCss } from "./inline-css";
import { requireFamilyId } from "./store";

/** Where a family's From address is configured (AEM: which OSGi service sends it). */
const SENDER_SOURCE: Record<FamilyId, { pid: ServicePid; field: string }> = {
  page: { pid: EMAIL_CHANNEL_PID, field: "email.from" },
  forum: { pid: EMAIL_CHANNEL_PID, field: "email.from" },
  workflow: { pid: WORKFLOW_EMAIL_PID, field: "from.address" },
  // The DAM collection servlet sends with the Mail Service's default sender.
  collection: { pid: MAIL_SERVICE_PID, field: "from.address" },
};

export interface TemplateSender {
  /** As configured (a $[env:…] placeholder is shown as written). */
  address: string;
  /** The service's name and the property, e.g. "Notification Email Channel · email.from". */
  source: string;
  pid: string;
  field: string;
}

/** The From address of a family's emails, safe to show in the browser (never a secret). */
export async function templateSender(family: FamilyId): Promise<TemplateSender> {
  const { pid, field } = SENDER_SOURCE[family];
  const state = await serviceState(pid);
  const v = state.values[field];
  return { address: typeof v === "string" ? v : "", source: `${state.name} · ${field}`, pid, field };
}

export interface ConfiguredVariable {
  name: string;
  /** As the real mail uses it (e.g. host.prefix without its trailing slash). */
  value: string;
  /** "Day CQ Workflow Email Notification Service · host.prefix" */
  source: string;
}

/**
 * The values of a family's configured variables from the saved configuration, exactly as the
 * notification services put them into real mail (lib/notifications/send.ts). Never secrets.
 */
export async function configuredPreviewValues(family: FamilyId): Promise<ConfiguredVariable[]> {
  const vars = configuredVariables(family);
  if (!vars.length) return [];
  const cfg = await notificationConfig();
  const values: Record<string, string> = { "host.prefix": cfg.hostPrefix };
  return vars.map((v) => ({ name: v.name, value: values[v.name] ?? "", source: `${v.configured!.service} · ${v.configured!.field}` }));
}

export interface MailServiceStatus {
  configured: boolean;
  /** "host:port" when configured. */
  server: string | null;
}

/** Whether the Mail Service can send at all (AEM refuses to send while smtp.host is blank). */
export async function mailServiceStatus(): Promise<MailServiceStatus> {
  const state = await serviceState(MAIL_SERVICE_PID);
  const host = typeof state.values["smtp.host"] === "string" ? state.values["smtp.host"].trim() : "";
  return { configured: host !== "", server: host ? `${host}:${String(state.values["smtp.port"])}` : null };
}

/** Says which editor sent a preview ("text" or "html"); the sent-preview page opens on that part. */
export const PREVIEW_EDITOR_HEADER = "X-Herald-Preview";

export const NOT_CONFIGURED_MESSAGE =
  "No mail service is configured: the Day CQ Mail Service has no SMTP host (smtp.host), so Herald cannot send email yet. " +
  "An admin sets it under Configuration → Day CQ Mail Service.";

export type PreviewData = Record<string, TemplateValue>;

/** Sample data as the editor sends it: a flat JSON object of strings, numbers, booleans or null. */
export function checkPreviewData(data: unknown): PreviewData {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new AppError("validation", "The sample data must be a JSON object of variable names and values.", { data: ["Must be a JSON object."] });
  }
  const fields: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(data)) {
    if (v !== null && !["string", "number", "boolean"].includes(typeof v)) fields[`data.${k}`] = ["Must be a string, number, boolean or null."];
  }
  if (Object.keys(fields).length) throw new AppError("validation", `Sample data values must be plain values: ${Object.keys(fields).join(", ")}.`, fields);
  return data as PreviewData;
}

export interface PreviewSendInput {
  family: string;
  /** The editor's current text, saved or not. */
  text: string;
  data: unknown;
  to: string;
  /** The language being edited: its saved HTML goes with the text when `html` is not given. */
  lang?: string;
  /** The HTML editor's current (unsaved) body; "" sends text only. */
  html?: string | null;
}

export type PreviewSendView =
  | {
      ok: true;
      to: string;
      from: string;
      server: string;
      subject: string;
      messageId?: string;
      response?: string;
      durationMs: number;
      /** The built-in mailbox captured it: the sender may open it at /templates/sent/<id>. */
      mailboxId?: number;
    }
  | { ok: false; notConfigured: true; message: string }
  | { ok: false; notConfigured?: false; to: string; from: string; server: string; subject: string; durationMs: number; error: Explained };

/** Renders the editor's text with the sample data and sends it to `to` through the Mail Service. */
export async function sendTemplatePreview(input: PreviewSendInput, actor: string): Promise<PreviewSendView> {
  const family = requireFamilyId(input.family);
  if (typeof input.text !== "string") throw new AppError("validation", "The template text is missing.");
  if (input.text.length > 512 * 1024) throw new AppError("payload_too_large", "A template may be at most 512 KB.");
  // Configured variables come from the saved configuration, whatever the sample data says.
  const data = { ...checkPreviewData(input.data) };
  for (const c of await configuredPreviewValues(family)) data[c.name] = c.value;
  const parsed = parseProperties(input.text);
  if (!parsed.ok) {
    throw new AppError("validation", `The template cannot be read, so nothing was sent: ${parsed.error.message}`, { text: [parsed.error.message] });
  }
  const rendered = renderTemplate(compileTemplate(parsed.entries, { family }), data);
  let html: string | null = null;
  if (input.html != null && typeof input.html !== "string") throw new AppError("validation", "The HTML must be text.", { html: ["Must be text."] });
  if (typeof input.html === "string" && input.html.length > HTML_MAX_BYTES) throw new AppError("payload_too_large", "An HTML template may be at most 512 KB.");
  const lang = typeof input.lang === "string" && /^[a-z]{2}$/.test(input.lang) ? input.lang : null;
  const body = typeof input.html === "string" ? input.html : lang ? (await getHtmlFile(family, lang)).html : "";
  if (body !== "") {
    const compiled = compileHtml(body, { family, layout: await layoutFor(lang ?? "en"), inline: inlineCss });
    html = renderHtml(compiled, data).html;
  }

  const status = await mailServiceStatus();
  if (!status.configured) return { ok: false, notConfigured: true, message: NOT_CONFIGURED_MESSAGE };
  const settings = await effectiveConfig(MAIL_SERVICE_PID);
  const { pid, field } = SENDER_SOURCE[family];
  const source: Record<string, unknown> = pid === MAIL_SERVICE_PID ? settings : await effectiveConfig(pid);
  const from = String(source[field] ?? "");

  // The Text tab sends the saved HTML of `lang` too (what a recipient gets); the header lets the
  // sent preview open on the part its editor was working on.
  const editor = typeof input.html === "string" ? "html" : "text";
  const message = { to: input.to, from, subject: rendered.subjectForSending, text: rendered.body, html, headers: { [PREVIEW_EDITOR_HEADER]: editor } };
  // Through sendDirect, like the Mail Service page's test email (per-user limit, XOAUTH2, mail log).
  const r = await sendDirect(settings, message, { kind: "preview", actor });
  const common = { to: input.to, from, server: r.server, subject: rendered.subjectForSending, durationMs: r.durationMs };
  if (r.ok) {
    const mailboxId = mailboxIdFromReply(r.response);
    return { ok: true, ...common, messageId: r.messageId, response: r.response, ...(mailboxId ? { mailboxId } : {}) };
  }
  return { ok: false, ...common, error: r.error! };
}
