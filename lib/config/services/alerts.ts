/**
 * Herald Alert Service — who is told when mail is stuck, and how (Herald's own service; no AEM
 * counterpart, so its PID follows AEM's naming style under Herald's namespace).
 * The conditions are evaluated by lib/alerts; this file only defines the settings.
 */
import { z } from "zod";
import { defineService } from "../define";
import { isSealed } from "../sealed";
import { isPlaceholder } from "../placeholders";
import { booleanSchema, checkAddress, checkUrl, enumSchema, integerSchema, secretSchema, stringListSchema } from "../rules";
import { VALIDATION as V, fill } from "@/lib/validations/messages";

export const ALERTS_PID = "com.herald.alerts.AlertService";

export const ALERT_LABELS = {
  webhooks: "Webhook URLs",
  format: "Webhook payload",
  emails: "Admin email addresses",
  threshold: "Stalled after",
  reauth: "Alert when re-authorization is needed",
  stalled: "Alert when sending is paused or failing",
  dead: "Alert when messages go dead",
  expiry: "Alert when a refresh token nears its limit",
} as const;

const L = ALERT_LABELS;
export const MAX_WEBHOOKS = 10;

/**
 * The webhook URLs as typed: one or more absolute http(s) URLs separated by spaces. Checked only
 * while clear text — a sealed value was checked when it was typed, a placeholder when it is
 * resolved (lib/alerts/config.ts).
 */
export function checkWebhookUrls(label: string, value: string): string | null {
  if (value === "" || isSealed(value) || isPlaceholder(value)) return null;
  const urls = splitWebhookUrls(value);
  if (urls.length > MAX_WEBHOOKS) return fill(V.cfgWebhookMax, { label, max: MAX_WEBHOOKS });
  for (const [i, url] of urls.entries()) {
    const m = checkUrl(urls.length > 1 ? `${label} (URL ${i + 1})` : label, url, { required: true });
    if (m) return m;
  }
  if (new Set(urls).size !== urls.length) return fill(V.cfgWebhookTwice, { label });
  return null;
}

export function splitWebhookUrls(value: string): string[] {
  return value.split(/[\s,]+/).filter(Boolean);
}

export const alertService = defineService({
  pid: ALERTS_PID,
  name: "Herald Alert Service",
  description:
    "Tells admins when mail is stuck: re-authorization needed, sending paused or failing, messages given up, a refresh token near its provider's limit. Once per incident, with a resolved follow-up.",
  group: "Mail",
  icon: "bell",
  envPrefix: "ALERTS",
  schema: z.strictObject({
    "webhook.urls": secretSchema(L.webhooks).superRefine((v, ctx) => {
      const m = checkWebhookUrls(L.webhooks, v);
      if (m) ctx.addIssue({ code: "custom", message: m });
    }),
    "webhook.format": enumSchema(L.format, ["json", "text"]),
    "email.recipients": stringListSchema(L.emails, { itemLabel: "Address", noSpaces: false, maxItems: 20 }).superRefine((items, ctx) => {
      items.forEach((raw, i) => {
        const m = checkAddress(`Address ${i + 1}`, raw, true);
        if (m) ctx.addIssue({ code: "custom", message: m, path: [i] });
      });
    }),
    "stalled.threshold": integerSchema(L.threshold, { min: 1, max: 7 * 86_400 }),
    "alert.reauthorization": booleanSchema(L.reauth),
    "alert.stalled": booleanSchema(L.stalled),
    "alert.dead": booleanSchema(L.dead),
    "alert.tokenExpiry": booleanSchema(L.expiry),
  }),
  fields: [
    {
      key: "webhook.urls",
      label: L.webhooks,
      type: "secret",
      default: "",
      envName: "HERALD_ALERTS_WEBHOOK_URLS",
      placeholder: "https://hooks.slack.com/services/… https://alerts.example.com/herald",
      help:
        "Where each alert and its resolved follow-up is POSTed, one or more http(s) URLs separated by spaces. Stored encrypted and never shown again, because chat webhook URLs carry their own credentials; enter them all again to change one. A placeholder such as $[secret:HERALD_ALERTS_WEBHOOK_URLS] reads them from the server's environment.",
    },
    {
      key: "webhook.format",
      label: L.format,
      type: "enum",
      default: "json",
      options: [
        { value: "json", label: "Generic JSON (event, condition, summary, times, link)" },
        { value: "text", label: 'Slack / Teams compatible ({"text": "…"})' },
      ],
      help:
        'Generic JSON carries every field for your own receiver; the text payload is one {"text": …} message that Slack incoming webhooks and Microsoft Teams workflows post as is.',
    },
    {
      key: "email.recipients",
      label: L.emails,
      type: "stringList",
      itemLabel: "Address",
      default: [],
      placeholder: "ops@example.com",
      help:
        "Admins who get each alert and its resolved follow-up by email, through the Day CQ Mail Service (the outbox). When the Mail Service itself is what is broken, the email waits in the outbox and goes out once sending works again; the webhooks and the console banner do not wait.",
    },
    {
      key: "stalled.threshold",
      label: L.threshold,
      type: "number",
      integer: true,
      min: 1,
      max: 7 * 86_400,
      unit: "seconds",
      default: 600,
      help:
        "How long sending may be paused or failing — a message due and not delivered, or the SMTP server down — before Herald alerts. Also how long after the last message went dead the dead-message alert is resolved. Default 600 (10 minutes).",
    },
    {
      key: "alert.reauthorization",
      label: L.reauth,
      type: "boolean",
      default: true,
      help: "With the OAuth flow on: alert when the provider refused the refresh token (revoked, expired, password changed) and an admin must click Authorize again.",
    },
    {
      key: "alert.stalled",
      label: L.stalled,
      type: "boolean",
      default: true,
      help: "Alert when mail has been waiting longer than the threshold: the SMTP server unreachable or refusing, the worker paused, or no worker running.",
    },
    {
      key: "alert.dead",
      label: L.dead,
      type: "boolean",
      default: true,
      help: "Alert when messages are given up (dead: permanently refused, or out of attempts); the Outbox page lists them for a retry.",
    },
    {
      key: "alert.tokenExpiry",
      label: L.expiry,
      type: "boolean",
      default: true,
      help:
        "Alert before a refresh token reaches a limit its provider is known to enforce: Microsoft 90 days without use, Google 6 months without use or 7 days for apps in Testing, or the refresh token expiry set in the OAuth2 provider.",
    },
  ],
});
