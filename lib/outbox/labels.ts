// The words the API and the CLI use for an outbox message's status (plus "held", which the API
// reports for waiting mail no worker can send) and for a mail log session's kind — codes that
// programs read, kept English. The console shows them in the reader's language through the same
// keys ("mailStatus", "mailLog.kinds" in messages/*.json; a test holds English equal to these).
import type { OutboxStatus } from "./store";

export const MAIL_STATUS = {
  queued: "queued",
  sending: "sending",
  sent: "sent",
  held: "held",
  failed: "failed",
  dead: "dead",
  cancelled: "cancelled",
} as const satisfies Record<OutboxStatus | "held", string>;
export type MailStatusKey = keyof typeof MAIL_STATUS;

export const isMailStatus = (s: string): s is MailStatusKey => Object.hasOwn(MAIL_STATUS, s);

/** The kinds of SMTP session the mail log records (lib/db/mail-log.ts). */
export const MAIL_SESSION_KIND = {
  test: "test",
  preview: "preview",
  outbox: "outbox",
  check: "check",
} as const;
export type MailSessionKindKey = keyof typeof MAIL_SESSION_KIND;

export const isMailSessionKind = (s: string): s is MailSessionKindKey => Object.hasOwn(MAIL_SESSION_KIND, s);
