import "server-only";
// One SMTP session with XOAUTH2: a send or the step-by-step check with a current access token from
// the provider passed in, and the "refresh once more when the server rejects the token" rule.
import { probe, sendOnce, type CheckConnectionOptions, type CheckConnectionResult, type CheckStep, type TestEmailOptions, type TestEmailResult } from "./session";
import { keyedExplained, type Explained } from "@/lib/mail/explain";
import { serverLabel, type MailSettings } from "@/lib/mail/settings";
import { OAuthUnavailableError, ReauthorizationNeededError } from "@/lib/oauth/errors";
import type { AccessTokenProvider, ProvidedToken } from "./xoauth2";
import { stepText } from "./step-texts";

/** How a token failure reads in the test-email and check views (lib/mail's Explained shape). */
export function explainTokenFailure(e: unknown): Explained {
  const extra = { errorCode: "EOAUTH2" };
  if (e instanceof ReauthorizationNeededError) {
    return keyedExplained("auth", { key: "tokenReauth", values: { reason: e.reason } }, extra);
  }
  if (e instanceof OAuthUnavailableError) {
    if (e.kind === "not_configured") return keyedExplained("config", { key: "tokenNotConfigured", values: { message: e.message } }, extra);
    if (e.kind === "not_connected") return keyedExplained("config", { key: "tokenNotConnected", values: { message: e.message } }, extra);
    return keyedExplained("auth", { key: "tokenRefreshFailed", values: { title: e.explained?.title ?? "none", message: e.message } }, extra);
  }
  return keyedExplained("unknown", { key: "noToken" }, extra);
}

/** Whether an SMTP failure means "this access token was refused" (worth one refresh and retry). */
export function isTokenRejection(error: Explained | undefined): boolean {
  if (!error || error.code !== "auth" || error.errorCode === "EOAUTH2") return false;
  return error.smtpCode === 535 || error.smtpCode === 334 || /XOAUTH2/i.test(error.command ?? "") || error.errorCode === "EAUTH";
}

export interface OAuthTestEmailResult extends TestEmailResult {
  /** The session was repeated with a refreshed token after the server refused the first one. */
  retriedAfterRefresh: boolean;
  token?: { refreshed: boolean; expiresAt: string };
}

function withEarlier(first: TestEmailResult, second: TestEmailResult): TestEmailResult["transcript"] {
  const last = first.transcript.at(-1)?.t ?? 0;
  return [
    ...first.transcript,
    { t: last, dir: "info", text: "The server refused the access token: refreshing it once and trying again." },
    ...second.transcript.map((l) => ({ ...l, t: l.t + last })),
  ];
}

/**
 * Sends a test email with XOAUTH2: a current access token; when the server refuses it, one
 * forced refresh and one more try. Never throws for token or SMTP problems.
 */
export async function sendOnceWithToken(settings: MailSettings, opts: Omit<TestEmailOptions, "accessToken">, tokens: AccessTokenProvider): Promise<OAuthTestEmailResult> {
  const started = performance.now();
  const user = settings["smtp.user"].trim();
  let token: ProvidedToken;
  try {
    token = await tokens({ user, forceRefresh: false, reason: "connection" });
  } catch (e) {
    return { ok: false, accepted: [], rejected: [], durationMs: Math.round(performance.now() - started), transcript: [], error: explainTokenFailure(e), server: serverLabel(settings), retriedAfterRefresh: false };
  }
  const first = await sendOnce(settings, { ...opts, accessToken: token.accessToken });
  if (first.ok || !isTokenRejection(first.error)) return { ...first, retriedAfterRefresh: false, token: tokenInfo(token) };
  let again: ProvidedToken;
  try {
    again = await tokens({ user, forceRefresh: true, rejectedToken: token.accessToken, reason: "connection" });
  } catch (e) {
    return { ...first, error: explainTokenFailure(e), retriedAfterRefresh: false };
  }
  const second = await sendOnce(settings, { ...opts, accessToken: again.accessToken });
  return {
    ...second,
    transcript: withEarlier(first, second),
    durationMs: Math.round(performance.now() - started),
    retriedAfterRefresh: true,
    token: { refreshed: true, expiresAt: again.expiresAt ? new Date(again.expiresAt).toISOString() : "" },
  };
}

function tokenInfo(t: ProvidedToken) {
  return { refreshed: !!t.refreshed, expiresAt: t.expiresAt ? new Date(t.expiresAt).toISOString() : "" };
}

export type OAuthCheckStep = Omit<CheckStep, "step"> & { step: CheckStep["step"] | "token" };

export interface OAuthCheckResult extends Omit<CheckConnectionResult, "steps" | "failedStep"> {
  steps: OAuthCheckStep[];
  failedStep?: OAuthCheckStep["step"];
}

/**
 * The OAuth page's Test: fetches a new access token from the provider (proving the refresh token
 * works), then walks DNS → TCP → TLS → EHLO → AUTH XOAUTH2 without sending anything (unless
 * `to` / `data` are given). The token step sits right before AUTH.
 */
export async function probeWithToken(
  settings: MailSettings,
  opts: Omit<CheckConnectionOptions, "accessToken"> & { forceRefresh?: boolean },
  tokens: AccessTokenProvider,
): Promise<OAuthCheckResult> {
  const t0 = performance.now();
  let token: ProvidedToken | null = null;
  let tokenStep: OAuthCheckStep;
  let tokenError: Explained | undefined;
  try {
    token = await tokens({ user: settings["smtp.user"].trim(), forceRefresh: opts.forceRefresh ?? true, reason: "connection" });
    const mins = Math.max(0, Math.round(((token.expiresAt ?? Date.now()) - Date.now()) / 60_000));
    const user = token.user ?? settings["smtp.user"].trim();
    tokenStep = {
      step: "token",
      ok: true,
      ms: Math.round(performance.now() - t0),
      ...(({ text, keyed }) => ({ detail: text, detailText: keyed }))(stepText("token", { refreshed: token.refreshed ? "yes" : "no", user, mins: mins < 1 ? "none" : String(mins) })),
      data: { refreshed: !!token.refreshed, expiresAt: token.expiresAt ? new Date(token.expiresAt).toISOString() : null, user },
    };
  } catch (e) {
    tokenError = explainTokenFailure(e);
    tokenStep = { step: "token", ok: false, ms: Math.round(performance.now() - t0), detail: tokenError.title };
  }
  if (!token) {
    return { ok: false, steps: [tokenStep], failedStep: "token", error: tokenError, server: serverLabel(settings), durationMs: Math.round(performance.now() - t0), transcript: [] };
  }
  const { forceRefresh: _f, ...rest } = opts;
  const r = await probe(settings, { ...rest, accessToken: token.accessToken });
  const steps: OAuthCheckStep[] = [];
  let placed = false;
  for (const s of r.steps) {
    if (!placed && (s.step === "auth" || s.step === "mail_from" || s.step === "rcpt_to" || s.step === "data")) {
      steps.push(tokenStep);
      placed = true;
    }
    steps.push(s);
  }
  if (!placed) steps.push(tokenStep);
  return { ...r, steps, durationMs: Math.round(performance.now() - t0) };
}
