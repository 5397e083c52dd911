import "server-only";
// The configuration values the notification services use, read once per configuration change:
// the cache key is the newest ConfigVersion id, one cheap query per request.
import { effectiveConfig, newestVersionId } from "@/lib/config/store";
import { DAM_COLLECTION_PID, EMAIL_CHANNEL_PID, MAIL_SERVICE_PID, WORKFLOW_EMAIL_PID } from "@/lib/config/services";

export interface NotificationConfig {
  /** Notification Email Channel email.from: sender of page and forum events. */
  channelFrom: string;
  /** Workflow Email Notification Service from.address. */
  workflowFrom: string;
  /** Workflow Email Notification Service host.prefix (${host.prefix}), without trailing slash. */
  hostPrefix: string;
  /** DAM Resource Collection Servlet send.email. */
  damSendEmail: boolean;
  /** Mail Service from.address (may be blank when never configured). */
  mailFrom: string;
}

let cached: { version: number; value: NotificationConfig } | null = null;

export async function notificationConfig(): Promise<NotificationConfig> {
  const version = await newestVersionId();
  if (cached && cached.version === version) return cached.value;
  const [channel, workflow, dam, mail] = await Promise.all([
    effectiveConfig(EMAIL_CHANNEL_PID),
    effectiveConfig(WORKFLOW_EMAIL_PID),
    effectiveConfig(DAM_COLLECTION_PID),
    effectiveConfig(MAIL_SERVICE_PID),
  ]);
  const value: NotificationConfig = {
    channelFrom: String(channel["email.from"] ?? ""),
    workflowFrom: String(workflow["from.address"] ?? ""),
    hostPrefix: String(workflow["host.prefix"] ?? "").replace(/\/+$/, ""),
    damSendEmail: dam["send.email"] === true,
    mailFrom: String(mail["from.address"] ?? ""),
  };
  cached = { version, value };
  return value;
}

export function resetNotificationConfigCache() {
  cached = null;
}
