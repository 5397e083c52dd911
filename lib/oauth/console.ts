import "server-only";
// The OAuth page's buttons (Test, Send test email), with the stored Mail Service settings: each
// is one SMTP session through lib/smtp/direct (per-user limit, mail log), like the Mail Service
// page's test email. Results are browser-safe (transcripts redacted, no token).
import { effectiveConfig } from "@/lib/config/store";
import { MAIL_SERVICE_PID } from "@/lib/config/services";
import { AppError } from "@/lib/errors";
import type { Explained } from "@/lib/mail/explain";
import type { TranscriptLine } from "@/lib/mail/transcript";
import type { MailSettings } from "@/lib/mail/settings";
import { checkDirect, sendDirect } from "@/lib/smtp/direct";
import type { OAuthCheckStep } from "@/lib/smtp/with-token";

async function mailSettings(): Promise<MailSettings> {
  try {
    return await effectiveConfig(MAIL_SERVICE_PID);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("unavailable", "The Mail Service settings cannot be read.");
  }
}

export interface OAuthTestView {
  ok: boolean;
  server: string;
  durationMs: number;
  steps: OAuthCheckStep[];
  failedStep?: string;
  error?: Explained;
  transcript: TranscriptLine[];
}

export async function testOAuthConnection(actor: string): Promise<OAuthTestView> {
  const settings = await mailSettings();
  const r = await checkDirect(settings, { kind: "check", actor });
  return { ok: r.ok, server: r.server, durationMs: r.durationMs, steps: r.steps, failedStep: r.failedStep, error: r.error, transcript: r.transcript };
}

export interface OAuthSendView {
  ok: boolean;
  server: string;
  to: string;
  messageId?: string;
  response?: string;
  durationMs: number;
  retriedAfterRefresh: boolean;
  tokenRefreshed: boolean;
  error?: Explained;
  warnings: string[];
  transcript: TranscriptLine[];
}

export async function sendOAuthTestEmail(to: string, actor: string): Promise<OAuthSendView> {
  const settings = await mailSettings();
  const subject = "Herald test email (OAuth2)";
  const r = await sendDirect(
    settings,
    {
      to,
      subject,
      text: `This is a test email sent from Herald's OAuth2 page with XOAUTH2 as ${settings["smtp.user"]} through ${settings["smtp.host"]}:${settings["smtp.port"]}.`,
    },
    { kind: "test", actor },
  );
  return {
    ok: r.ok,
    server: r.server,
    to,
    messageId: r.messageId,
    response: r.response,
    durationMs: r.durationMs,
    retriedAfterRefresh: r.retriedAfterRefresh,
    tokenRefreshed: !!r.token?.refreshed,
    error: r.error,
    warnings: r.warnings.map((w) => w.text),
    transcript: r.transcript,
  };
}
