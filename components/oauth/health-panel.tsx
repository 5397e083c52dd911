"use client";
// Token health: who is connected, which scopes were granted, when the access token expires
// (counting down), the last refresh and its result, the refresh token's age against the
// provider's limits — and the buttons Authorize / Re-authorize, Test, Send test email, Disconnect.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/errors";
import type { OAuthHealth } from "@/lib/oauth/health";
import type { OAuthSendView, OAuthTestView } from "@/lib/oauth/console";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Alert, Badge, Card } from "@/components/ui/card";
import { TranscriptView } from "@/components/mail/transcript-view";
import { Countdown } from "./countdown";
import { CheckSteps } from "./check-steps";
import { ageParts } from "./format";
import { STAMP } from "@/lib/i18n/formats";
import { useExplain } from "@/components/mail/use-explain";
import { useWarningText } from "@/components/mail/use-warning-text";
import { useHealthText } from "./use-health-text";

export interface HealthActions {
  test: () => Promise<ActionResult<OAuthTestView>>;
  send: (to: string) => Promise<ActionResult<OAuthSendView>>;
  disconnect: () => Promise<ActionResult<{ disconnected: boolean }>>;
}

// Marks before a scope (a protocol value, the same in every language).
const CHECK = "✓ ";
const CROSS = "✗ ";
const TONE = { connected: "green", attention: "amber", reauth_needed: "red", not_connected: "slate", not_configured: "slate" } as const;

export function HealthPanel({ health, defaultTo, actions }: { health: OAuthHealth; defaultTo: string; actions: HealthActions }) {
  const now = health.now;
  const t = useTranslations("oauth");
  const tc = useTranslations("oauthCard");
  const format = useFormatter();
  const explain = useExplain();
  const warningText = useWarningText();
  const healthText = useHealthText();
  const when = (iso: string) => format.dateTime(new Date(iso), STAMP);
  const statusLabel = { connected: tc("connected"), attention: tc("attention"), reauth_needed: tc("reauth"), not_connected: tc("notConnected"), not_configured: tc("notConfigured") }[health.status];
  const router = useRouter();
  const [busy, setBusy] = useState<null | "test" | "send" | "disconnect">(null);
  const [to, setTo] = useState(defaultTo);
  const [test, setTest] = useState<ActionResult<OAuthTestView> | null>(null);
  const [sent, setSent] = useState<ActionResult<OAuthSendView> | null>(null);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const c = health.connection;
  const canAuthorize = health.provider.complete;

  async function run<T>(kind: "test" | "send" | "disconnect", fn: () => Promise<T>): Promise<T | undefined> {
    setBusy(kind);
    setMessage(null);
    try {
      return await fn();
    } finally {
      setBusy(null);
      router.refresh(); // the panel shows the refresh that may have happened
    }
  }

  async function onDisconnect() {
    if (!window.confirm(t("disconnectConfirm"))) return;
    const r = await run("disconnect", actions.disconnect);
    if (r && !r.ok) setMessage({ tone: "error", text: r.message });
    else if (r?.ok) {
      setTest(null);
      setSent(null);
      setMessage({ tone: "success", text: t("disconnected") });
    }
  }

  const testView = test?.ok ? test.data : null;
  const sentView = sent?.ok ? sent.data : null;
  const testError = testView?.error ? explain(testView.error) : null;
  const sentError = sentView?.error ? explain(sentView.error) : null;

  return (
    <Card
      title={t("connection")}
      actions={
        <span data-testid="oauth-status" data-status={health.status}>
          <Badge tone={TONE[health.status]}>{statusLabel}</Badge>
        </span>
      }
    >
      <p className="mb-3 text-sm font-medium" data-testid="oauth-headline">{healthText(health.headline, health.headlineText)}</p>

      {c?.status === "reauth_needed" || c?.settingsChanged ? (
        <div className="mb-4">
          <Alert tone="error" title={tc("reauth")}>
            <span data-testid="reauth-reason">{c.reason ?? ((n) => (n ? healthText(n.message, n.text, n.scopeNote) : tc("storedBroken")))(c.notes.find((n) => n.level === "error"))}</span>
            <span className="mt-1 block">{t("mailWaits")}</span>
          </Alert>
        </div>
      ) : null}

      {c && c.status === "connected" ? (
        <dl className="grid gap-x-6 gap-y-3 text-sm md:grid-cols-2" data-testid="token-health">
          <div>
            <dt className="text-slate-500 dark:text-slate-400">{t("account")}</dt>
            <dd data-testid="connected-account" className="font-medium">{c.account ?? t("unknownAccount")}{c.accountSource === "smtp_user" || c.accountSource === "config" ? <span className="ml-1 text-xs font-normal text-slate-500 dark:text-slate-400">{t("fromSmtpUser")}</span> : null}</dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">{t("authorized")}</dt>
            <dd>{t("authorizedBy", { when: when(c.authorizedAt), by: c.authorizedBy ?? "—", fromConfig: c.source === "config" ? "yes" : "no" })}</dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">{t("accessToken")}</dt>
            <dd>
              {c.accessTokenExpiresAt ? (
                <>{t.rich("expires", { countdown: () => <Countdown to={c.accessTokenExpiresAt!} testId="token-expiry" /> })}</>
              ) : (
                <span data-testid="token-expiry">{t("noAccessToken")}</span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">{t("lastRefresh")}</dt>
            <dd data-testid="last-refresh">
              {c.lastRefreshAt ? (
                <>
                  {when(c.lastRefreshAt)} ·{" "}
                  {c.lastRefreshOk ? <Badge tone="green">{t("refreshOk")}</Badge> : <Badge tone="red">{t("refreshFailed")}</Badge>}
                  {!c.lastRefreshOk && c.lastRefreshError ? <span className="mt-1 block text-red-700 dark:text-red-300">{c.lastRefreshError}</span> : null}
                </>
              ) : (
                t("notRefreshedYet")
              )}
              <span className="block text-xs text-slate-500 dark:text-slate-400">{t("refreshCounts", { refreshes: c.refreshCount, rotations: c.rotations })}</span>
            </dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">{t("nextRefresh")}</dt>
            <dd data-testid="next-refresh">
              {c.nextRefreshAt ? (
                <>
                  {when(c.nextRefreshAt)}
                  <span className="block text-xs text-slate-500 dark:text-slate-400">{t("nextRefreshHelp")}</span>
                </>
              ) : (
                t("noNextRefresh")
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">{t("refreshToken")}</dt>
            <dd data-testid="refresh-token-age">
              {c.hasRefreshToken && c.refreshTokenIssuedAt ? t("issued", { age: t("age", ageParts(now - Date.parse(c.refreshTokenIssuedAt))), when: when(c.refreshTokenIssuedAt) }) : t("noRefreshToken")}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">{t("scopes")}</dt>
            <dd>
              <ul className="space-y-0.5 font-mono text-xs" data-testid="scopes">
                {c.requestedScopes.map((s) => (
                  <li key={s}>
                    {c.missingScopes.includes(s) ? <span className="text-red-700 dark:text-red-300">{CROSS}<span translate="no">{s}</span> {t("notGranted")}</span> : <span>{CHECK}<span translate="no">{s}</span></span>}
                  </li>
                ))}
              </ul>
              {c.grantedScopes === null ? <span className="text-xs text-slate-500 dark:text-slate-400">{t("grantedUnknown")}</span> : null}
            </dd>
          </div>
        </dl>
      ) : null}

      {c?.notes.length ? (
        <ul className="mt-4 space-y-2" data-testid="health-notes">
          {c.notes.map((n, i) => (
            <li key={i}>
              <Alert tone={n.level === "error" ? "error" : n.level === "warning" ? "warning" : "info"}>{healthText(n.message, n.text, n.scopeNote)}</Alert>
            </li>
          ))}
        </ul>
      ) : null}

      {!health.mail.oauthFlow && health.provider.complete ? (
        <div className="mt-4"><Alert tone="warning">{t("flowOff")}</Alert></div>
      ) : null}

      <div className="mt-5 flex flex-wrap items-center gap-3">
        {canAuthorize ? (
          <a
            href="/api/mailer/oauth2/authorize"
            className="inline-flex items-center justify-center gap-2 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            {c ? tc("reauthorize") : t("authorize")}
          </a>
        ) : (
          <Button disabled title={t("completeFirst")}>{t("authorize")}</Button>
        )}
        <Button variant="secondary" disabled={!c || c.status !== "connected" || busy !== null} onClick={async () => setTest((await run("test", actions.test)) ?? null)}>
          {busy === "test" ? t("testing") : t("test")}
        </Button>
        <Button variant="danger" disabled={!c || busy !== null} onClick={onDisconnect}>
          {busy === "disconnect" ? t("disconnecting") : t("disconnect")}
        </Button>
      </div>
      <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">{t("testHelp")}</p>

      <div className="mt-4 flex flex-wrap items-end gap-3 border-t border-slate-200 pt-4 dark:border-slate-800">
        <div className="min-w-64 flex-1">
          <Field id="oauth-test-to" label={t("recipient")}>
            <Input id="oauth-test-to" type="email" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
        </div>
        <Button variant="secondary" disabled={!c || busy !== null} onClick={async () => setSent((await run("send", () => actions.send(to))) ?? null)}>
          {busy === "send" ? t("sending") : t("sendTest")}
        </Button>
      </div>

      <div className="mt-4 space-y-3" aria-live="polite">
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
        {test && !test.ok ? <Alert tone="error">{test.message}</Alert> : null}
        {testView ? (
          <div data-testid="test-result" data-ok={testView.ok ? "true" : "false"}>
            {testView.ok ? (
              <Alert tone="success" title={t("testOk", { server: testView.server, ms: testView.durationMs })}>{t("nothingSent")}</Alert>
            ) : testError ? (
              <Alert tone="error" title={testError.title}>{testError.explanation}</Alert>
            ) : null}
            <CheckSteps steps={testView.steps} />
            {testView.transcript.length ? <div translate="no"><TranscriptView lines={testView.transcript} label={t("transcript")} /></div> : null}
          </div>
        ) : null}
        {sent && !sent.ok ? <Alert tone="error">{sent.message}</Alert> : null}
        {sentView ? (
          <div data-testid="send-result" data-ok={sentView.ok ? "true" : "false"}>
            {sentView.ok ? (
              <Alert tone="success" title={t("sent", { to: sentView.to, server: sentView.server, ms: sentView.durationMs })}>
                {t.rich("reply", { reply: sentView.response ?? "", code: (ch) => <code className="font-mono" translate="no">{ch}</code> })}
                {sentView.tokenRefreshed ? <span className="block">{t("tokenRefreshed")}</span> : null}
                {sentView.retriedAfterRefresh ? <span className="block">{t("retried")}</span> : null}
              </Alert>
            ) : sentView.error && sentError ? (
              <Alert tone="error" title={sentError.title}>
                <span data-testid="send-error">{sentError.explanation}</span>
                {sentView.error.response ? <span className="mt-1 block">{t.rich("reply", { reply: sentView.error.response, code: (ch) => <code className="font-mono" translate="no">{ch}</code> })}</span> : null}
              </Alert>
            ) : null}
            {sentView.ok && sentView.warnings.length ? (
              <Alert tone="warning" title={t("sentWithWarnings")}>
                <ul className="list-disc pl-5" data-testid="send-warnings">
                  {sentView.warnings.map((w) => <li key={w}>{warningText(w)}</li>)}
                </ul>
              </Alert>
            ) : null}
            {sentView.transcript.length ? <div translate="no"><TranscriptView lines={sentView.transcript} label={t("transcript")} /></div> : null}
          </div>
        ) : null}
      </div>
    </Card>
  );
}
