import "server-only";
// Mail the console sends itself, outside the outbox: the Mail Service page's "Send test email",
// the template editor's "Send preview to me" and the OAuth page's Test and test email. Every such
// send goes through here: a per-user limit (HERALD_DIRECT_MAIL_PER_MINUTE, shared by all of them),
// XOAUTH2 with a token from the provider when the OAuth flow is on (refreshed once if the server
// refuses it), the warnings of lib/smtp/warnings.ts, and one mail-log entry.
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { recordMailSession } from "@/lib/db/mail-log";
import { takeToken } from "@/lib/api/rate-limit";
import type { MailSettings } from "@/lib/mail/settings";
import { probe, sendOnce, type CheckConnectionOptions, type TestEmailOptions } from "./session";
import { probeWithToken, sendOnceWithToken, type OAuthCheckResult, type OAuthTestEmailResult } from "./with-token";
import { factsFromTranscript, sessionWarnings, type SessionWarning } from "./warnings";
import { oauthTokenProvider, type AccessTokenProvider } from "./xoauth2";

export type DirectKind = "test" | "preview" | "check";

export interface DirectOptions {
  kind: DirectKind;
  /** The signed-in user who asked (id or email): the limit is theirs. */
  actor: string;
  /** XOAUTH2 tokens when the OAuth flow is on; default lib/oauth's stored authorization. */
  tokens?: AccessTokenProvider;
}

export interface DirectSendResult extends OAuthTestEmailResult {
  /** What worked but should not have (credentials unused, no encryption). */
  warnings: SessionWarning[];
}

const WHAT: Record<DirectKind, string> = { test: "test emails", preview: "preview emails", check: "connection tests" };

/** One direct send or test from `actor`, or a clear refusal naming the limit and when to retry. */
export function takeDirectAllowance(actor: string, kind: DirectKind, now = Date.now()) {
  const perMinute = env().HERALD_DIRECT_MAIL_PER_MINUTE;
  const d = takeToken(`direct-mail:${actor}`, perMinute, now);
  if (!d.ok) {
    throw new AppError(
      "rate_limited",
      `Too many ${WHAT[kind]}: each user may send ${perMinute} test, preview or connection-test mails a minute. Try again in ${d.retryAfterSeconds} s.`,
      undefined,
      d.retryAfterSeconds,
    );
  }
}

/** Sends one message straight to the SMTP server (not through the outbox) and logs the session. */
export async function sendDirect(settings: MailSettings, message: Omit<TestEmailOptions, "accessToken">, opts: DirectOptions): Promise<DirectSendResult> {
  takeDirectAllowance(opts.actor, opts.kind);
  const r: OAuthTestEmailResult = settings["oauth.flow"]
    ? await sendOnceWithToken(settings, message, opts.tokens ?? oauthTokenProvider)
    : { ...(await sendOnce(settings, message)), retriedAfterRefresh: false };
  const facts = r.ok ? factsFromTranscript(!!settings["smtp.ssl"], r.transcript) : null;
  const warnings = facts ? sessionWarnings(settings, facts) : [];
  const recipients = Array.isArray(message.to) ? message.to : [message.to];
  await recordMailSession({
    kind: opts.kind,
    server: r.server,
    ok: r.ok,
    messageId: r.messageId,
    recipients,
    subject: message.subject,
    reply: r.response ?? r.error?.response,
    error: r.error ? `${r.error.title}: ${r.error.explanation}` : null,
    durationMs: r.durationMs,
    transcript: r.transcript,
    keepTranscript: settings["debug.email"] === true,
  });
  return { ...r, warnings };
}

/** The step-by-step check (the OAuth page's Test: token, then DNS … AUTH), logged as "check". */
export async function checkDirect(settings: MailSettings, opts: DirectOptions & Omit<CheckConnectionOptions, "accessToken">): Promise<OAuthCheckResult> {
  const { kind, actor, tokens, ...check } = opts;
  takeDirectAllowance(actor, kind);
  const r: OAuthCheckResult = settings["oauth.flow"] ? await probeWithToken(settings, check, tokens ?? oauthTokenProvider) : await probe(settings, check);
  await recordMailSession({
    kind,
    server: r.server,
    ok: r.ok,
    reply: r.error?.response,
    error: r.error ? `${r.error.title}: ${r.error.explanation}` : null,
    durationMs: r.durationMs,
    transcript: r.transcript,
    keepTranscript: settings["debug.email"] === true,
  });
  return r;
}
