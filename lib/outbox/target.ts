import "server-only";
// Where the worker sends right now: the configured SMTP server, the built-in mailbox (sandbox on,
// or no SMTP host configured while the mailbox may run), or nowhere (with the reason). The key
// changes whenever anything that shapes the transport changes, so the worker rebuilds it.
import { env } from "@/lib/env";
import { MAIL_SERVICE_PID } from "@/lib/config/services";
import { currentVersionNumber, effectiveConfig } from "@/lib/config/store";
import { AppError } from "@/lib/errors";
import type { MailSettings } from "@/lib/mail/settings";
import { serverLabel } from "@/lib/mail/settings";
import { mailboxAddress } from "@/lib/mailbox/registry";
import { sendingSettings } from "./settings";
import { VERDICT } from "./verdict";

export type Target =
  | { kind: "smtp"; key: string; label: string; settings: MailSettings; version: number }
  | { kind: "mailbox"; key: string; label: string; port: number; why: "sandbox" | "unconfigured" }
  | { kind: "unavailable"; key: string; label: string; reason: string };

/** Version number of the newest saved Mail Service configuration (0 = never saved). */
export async function mailServiceVersion(): Promise<number> {
  return currentVersionNumber(MAIL_SERVICE_PID);
}

/** Whether the built-in mailbox may run: HERALD_DEV_SMTP=1 always, auto while needed, 0 never. */
export function devMailboxMode(): "on" | "auto" | "off" {
  const v = env().HERALD_DEV_SMTP;
  return v === "1" ? "on" : v === "0" ? "off" : "auto";
}

let settingsCache: { version: number; settings: MailSettings | AppError } | null = null;

async function mailSettings(version: number): Promise<MailSettings | AppError> {
  if (settingsCache && settingsCache.version === version) return settingsCache.settings;
  let settings: MailSettings | AppError;
  try {
    settings = await effectiveConfig(MAIL_SERVICE_PID);
  } catch (e) {
    settings = e instanceof AppError ? e : new AppError("unavailable", e instanceof Error ? e.message : String(e));
  }
  settingsCache = { version, settings };
  return settings;
}

/** Forgets cached settings (tests; a secret resolved from the environment changed). */
export function resetTargetCache() {
  settingsCache = null;
}

export async function resolveTarget(): Promise<Target> {
  const [version, sending] = await Promise.all([mailServiceVersion(), sendingSettings()]);
  const mailbox = mailboxAddress();
  const mode = devMailboxMode();
  const mailboxTarget = (why: "sandbox" | "unconfigured"): Target =>
    mailbox
      ? { kind: "mailbox", key: `mailbox:${mailbox.port}:${why}`, label: `built-in mailbox (127.0.0.1:${mailbox.port})`, port: mailbox.port, why }
      : {
          kind: "unavailable",
          key: `unavailable:mailbox-down:${why}`,
          label: "built-in mailbox (not running)",
          // The verdict's texts (lib/outbox/verdict.ts), so the console can say them in the reader's language.
          reason: mode === "off" ? (why === "sandbox" ? VERDICT.sandboxNoMailbox : VERDICT.noServerNoMailbox) : VERDICT.mailboxNotRunning,
        };

  if (sending.sandbox) return mailboxTarget("sandbox");
  const settings = await mailSettings(version);
  if (settings instanceof AppError) {
    return { kind: "unavailable", key: `unavailable:config:${version}`, label: "Day CQ Mail Service", reason: settings.message };
  }
  if (!settings["smtp.host"]?.trim()) return mailboxTarget("unconfigured");
  return { kind: "smtp", key: `smtp:${version}`, label: serverLabel(settings), settings, version };
}
