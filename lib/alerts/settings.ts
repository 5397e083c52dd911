import "server-only";
// The Herald Alert Service's settings as the evaluator uses them: webhook URLs opened (they are a
// secret) and checked again after placeholders were resolved. Server-only: never send to a browser.
import { effectiveConfig, storedValues } from "@/lib/config/store";
import { ALERTS_PID } from "@/lib/config/services";
import { checkWebhookUrls, splitWebhookUrls } from "@/lib/config/services/alerts";
import type { PayloadFormat } from "./payload";
import type { Condition } from "./types";

export interface AlertSettings {
  webhooks: string[];
  format: PayloadFormat;
  emails: string[];
  thresholdMs: number;
  enabled: Record<Condition, boolean>;
  /** Why the webhook URLs cannot be used (an unresolvable placeholder, a bad resolved value). */
  problem: string | null;
}

export async function alertSettings(): Promise<AlertSettings> {
  let problem: string | null = null;
  let values: Record<string, unknown>;
  try {
    values = await effectiveConfig(ALERTS_PID);
  } catch (e) {
    // The secret cannot be opened or its placeholder resolved: keep alerting (banner, email).
    problem = e instanceof Error ? e.message : String(e);
    values = { ...(await storedValues(ALERTS_PID)), "webhook.urls": "" };
  }
  const raw = typeof values["webhook.urls"] === "string" ? values["webhook.urls"] : "";
  let webhooks = splitWebhookUrls(raw);
  const bad = checkWebhookUrls("Webhook URLs", raw);
  if (bad) {
    problem = bad;
    webhooks = [];
  }
  return {
    webhooks,
    format: values["webhook.format"] === "text" ? "text" : "json",
    emails: Array.isArray(values["email.recipients"]) ? values["email.recipients"].map(String) : [],
    thresholdMs: Number(values["stalled.threshold"] ?? 600) * 1000,
    enabled: {
      reauthorization: values["alert.reauthorization"] !== false,
      "sending-stalled": values["alert.stalled"] !== false,
      "messages-dead": values["alert.dead"] !== false,
      "token-expiring": values["alert.tokenExpiry"] !== false,
    },
    problem,
  };
}
