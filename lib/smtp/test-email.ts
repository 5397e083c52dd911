import "server-only";
// "Send test email" on the Mail Service page: uses the values in the form (saved or not), with
// stored secrets for the ones the form leaves untouched, and sends through lib/smtp's sendDirect
// (per-user limit, XOAUTH2 when the OAuth flow is on, warnings, mail log).
import { mailService } from "@/lib/config/services";
import { applySecretEdits } from "@/lib/config/redact";
import { validateValues } from "@/lib/config/validate";
import { storedValues, resolveForUse } from "@/lib/config/store";
import { sendDirect } from "@/lib/smtp/direct";
import type { Explained } from "@/lib/mail/explain";
import type { TranscriptLine } from "@/lib/mail/transcript";
import { AppError } from "@/lib/errors";
import { VALIDATION } from "@/lib/validations/messages";
import { placeholderPolicy } from "@/lib/env";

export interface TestEmailView {
  ok: boolean;
  server: string;
  to: string;
  messageId?: string;
  response?: string;
  durationMs: number;
  transcript: TranscriptLine[];
  error?: Explained;
  /** It went through, but the credentials were not used or the connection was not encrypted. */
  warnings: string[];
}

export async function sendTestEmailWithForm(values: Record<string, unknown>, clear: string[], to: string, actor: string): Promise<TestEmailView> {
  const stored = await storedValues(mailService.pid);
  const merged = applySecretEdits(mailService, values, stored, clear);
  const checked = validateValues(mailService, merged, { placeholders: placeholderPolicy() });
  if (!checked.ok) {
    throw new AppError("validation", VALIDATION.fixFormBeforeTest, { ...checked.fieldErrors, ...(checked.formErrors.length ? { _form: checked.formErrors } : {}) });
  }
  const settings = resolveForUse(mailService, checked.values);
  const message = {
    to,
    subject: "Herald test email",
    text: `This is a test email sent from Herald's Mail Service page to check the SMTP settings (${settings["smtp.host"]}:${settings["smtp.port"]}).`,
  };
  // With the OAuth flow on: XOAUTH2 with the connected mailbox's current access token (refreshed
  // when due, and once more if the server refuses it).
  const r = await sendDirect(settings, message, { kind: "test", actor });
  return {
    ok: r.ok,
    server: r.server,
    to,
    messageId: r.messageId,
    response: r.response,
    durationMs: r.durationMs,
    transcript: r.transcript,
    error: r.error,
    warnings: r.warnings.map((w) => w.text),
  };
}
