"use client";
// Token health: who is connected, which scopes were granted, when the access token expires
// (counting down), the last refresh and its result, the refresh token's age against the
// provider's limits — and the buttons Authorize / Re-authorize, Test, Send test email, Disconnect.
import { useState } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/errors";
import type { OAuthHealth } from "@/lib/oauth/health";
import type { OAuthSendView, OAuthTestView } from "@/lib/oauth/console";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Alert, Badge, Card } from "@/components/ui/card";
import { TranscriptView } from "@/components/mail/transcript-view";
import { Countdown } from "./countdown";
import { CheckSteps } from "./check-steps";
import { formatWhen, formatAge } from "./format";

export interface HealthActions {
  test: () => Promise<ActionResult<OAuthTestView>>;
  send: (to: string) => Promise<ActionResult<OAuthSendView>>;
  disconnect: () => Promise<ActionResult<{ disconnected: boolean }>>;
}

const TONE = { connected: "green", attention: "amber", reauth_needed: "red", not_connected: "slate", not_configured: "slate" } as const;
const STATUS_LABEL = { connected: "Connected", attention: "Needs attention", reauth_needed: "Re-authorization needed", not_connected: "Not connected", not_configured: "Not configured" } as const;

export function HealthPanel({ health, defaultTo, actions }: { health: OAuthHealth; defaultTo: string; actions: HealthActions }) {
  const now = health.now;
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
    if (!window.confirm("Disconnect the mailbox? Herald deletes its tokens; sending with XOAUTH2 stops until someone authorizes again.")) return;
    const r = await run("disconnect", actions.disconnect);
    if (r && !r.ok) setMessage({ tone: "error", text: r.message });
    else if (r?.ok) {
      setTest(null);
      setSent(null);
      setMessage({ tone: "success", text: "Disconnected: the tokens were deleted." });
    }
  }

  const testView = test?.ok ? test.data : null;
  const sentView = sent?.ok ? sent.data : null;

  return (
    <Card
      title="Connection"
      actions={
        <span data-testid="oauth-status" data-status={health.status}>
          <Badge tone={TONE[health.status]}>{STATUS_LABEL[health.status]}</Badge>
        </span>
      }
    >
      <p className="mb-3 text-sm font-medium" data-testid="oauth-headline">{health.headline}</p>

      {c?.status === "reauth_needed" || c?.settingsChanged ? (
        <div className="mb-4">
          <Alert tone="error" title="Re-authorization needed">
            <span data-testid="reauth-reason">{c.reason ?? c.notes.find((n) => n.level === "error")?.message ?? "The stored authorization no longer works."}</span>
            <span className="mt-1 block">Mail that uses XOAUTH2 waits until you click Re-authorize; nothing is lost.</span>
          </Alert>
        </div>
      ) : null}

      {c && c.status === "connected" ? (
        <dl className="grid gap-x-6 gap-y-3 text-sm md:grid-cols-2" data-testid="token-health">
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Account</dt>
            <dd data-testid="connected-account" className="font-medium">{c.account ?? "unknown"}{c.accountSource === "smtp_user" || c.accountSource === "config" ? <span className="ml-1 text-xs font-normal text-slate-500 dark:text-slate-400">(from the SMTP user)</span> : null}</dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Authorized</dt>
            <dd>{formatWhen(c.authorizedAt)} by {c.authorizedBy ?? "—"}{c.source === "config" ? " (refresh token from the configuration)" : ""}</dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Access token</dt>
            <dd>
              {c.accessTokenExpiresAt ? (
                <>expires <Countdown to={c.accessTokenExpiresAt} testId="token-expiry" /></>
              ) : (
                <span data-testid="token-expiry">none yet — fetched on the next send</span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Last refresh</dt>
            <dd data-testid="last-refresh">
              {c.lastRefreshAt ? (
                <>
                  {formatWhen(c.lastRefreshAt)} ·{" "}
                  {c.lastRefreshOk ? <Badge tone="green">ok</Badge> : <Badge tone="red">failed</Badge>}
                  {!c.lastRefreshOk && c.lastRefreshError ? <span className="mt-1 block text-red-700 dark:text-red-300">{c.lastRefreshError}</span> : null}
                </>
              ) : (
                "not yet (the token from the authorization is still in use)"
              )}
              <span className="block text-xs text-slate-500 dark:text-slate-400">{c.refreshCount} refresh{c.refreshCount === 1 ? "" : "es"} · refresh token rotated {c.rotations} time{c.rotations === 1 ? "" : "s"}</span>
            </dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Next planned refresh</dt>
            <dd data-testid="next-refresh">
              {c.nextRefreshAt ? (
                <>
                  {formatWhen(c.nextRefreshAt)}
                  <span className="block text-xs text-slate-500 dark:text-slate-400">Herald uses the refresh token at least this often, even when no mail is sent, so it does not expire from disuse.</span>
                </>
              ) : (
                "none (no refresh token)"
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Refresh token</dt>
            <dd data-testid="refresh-token-age">
              {c.hasRefreshToken && c.refreshTokenIssuedAt ? `issued ${formatAge(now - Date.parse(c.refreshTokenIssuedAt))} ago (${formatWhen(c.refreshTokenIssuedAt)})` : "none"}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Scopes</dt>
            <dd>
              <ul className="space-y-0.5 font-mono text-xs" data-testid="scopes">
                {c.requestedScopes.map((s) => (
                  <li key={s}>
                    {c.missingScopes.includes(s) ? <span className="text-red-700 dark:text-red-300">✗ {s} (requested, not granted)</span> : <span>✓ {s}</span>}
                  </li>
                ))}
              </ul>
              {c.grantedScopes === null ? <span className="text-xs text-slate-500 dark:text-slate-400">The provider did not report the granted scopes.</span> : null}
            </dd>
          </div>
        </dl>
      ) : null}

      {c?.notes.length ? (
        <ul className="mt-4 space-y-2" data-testid="health-notes">
          {c.notes.map((n, i) => (
            <li key={i}>
              <Alert tone={n.level === "error" ? "error" : n.level === "warning" ? "warning" : "info"}>{n.message}</Alert>
            </li>
          ))}
        </ul>
      ) : null}

      {!health.mail.oauthFlow && health.provider.complete ? (
        <div className="mt-4"><Alert tone="warning">The Mail Service&apos;s “OAuth flow” is off, so mail is sent with the password. Apply a preset (or turn it on in the Mail Service) to send with XOAUTH2.</Alert></div>
      ) : null}

      <div className="mt-5 flex flex-wrap items-center gap-3">
        {canAuthorize ? (
          <a
            href="/api/mailer/oauth2/authorize"
            className="inline-flex items-center justify-center gap-2 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            {c ? "Re-authorize" : "Authorize"}
          </a>
        ) : (
          <Button disabled title="Complete the provider settings first">Authorize</Button>
        )}
        <Button variant="secondary" disabled={!c || c.status !== "connected" || busy !== null} onClick={async () => setTest((await run("test", actions.test)) ?? null)}>
          {busy === "test" ? "Testing…" : "Test"}
        </Button>
        <Button variant="danger" disabled={!c || busy !== null} onClick={onDisconnect}>
          {busy === "disconnect" ? "Disconnecting…" : "Disconnect"}
        </Button>
      </div>
      <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Test fetches a new access token and logs in to the SMTP server without sending anything.</p>

      <div className="mt-4 flex flex-wrap items-end gap-3 border-t border-slate-200 pt-4 dark:border-slate-800">
        <div className="min-w-64 flex-1">
          <Field id="oauth-test-to" label="Recipient">
            <Input id="oauth-test-to" type="email" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
        </div>
        <Button variant="secondary" disabled={!c || busy !== null} onClick={async () => setSent((await run("send", () => actions.send(to))) ?? null)}>
          {busy === "send" ? "Sending…" : "Send test email"}
        </Button>
      </div>

      <div className="mt-4 space-y-3" aria-live="polite">
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
        {test && !test.ok ? <Alert tone="error">{test.message}</Alert> : null}
        {testView ? (
          <div data-testid="test-result" data-ok={testView.ok ? "true" : "false"}>
            {testView.ok ? (
              <Alert tone="success" title={`Token and SMTP login work (${testView.server}, ${testView.durationMs} ms)`}>Nothing was sent.</Alert>
            ) : testView.error ? (
              <Alert tone="error" title={testView.error.title}>{testView.error.explanation}</Alert>
            ) : null}
            <CheckSteps steps={testView.steps} />
            {testView.transcript.length ? <TranscriptView lines={testView.transcript} /> : null}
          </div>
        ) : null}
        {sent && !sent.ok ? <Alert tone="error">{sent.message}</Alert> : null}
        {sentView ? (
          <div data-testid="send-result" data-ok={sentView.ok ? "true" : "false"}>
            {sentView.ok ? (
              <Alert tone="success" title={`Sent to ${sentView.to} through ${sentView.server} in ${sentView.durationMs} ms`}>
                Server reply: <code className="font-mono">{sentView.response}</code>
                {sentView.tokenRefreshed ? <span className="block">The access token was refreshed for this send.</span> : null}
                {sentView.retriedAfterRefresh ? <span className="block">The server refused the first token; Herald refreshed it and tried once more.</span> : null}
              </Alert>
            ) : sentView.error ? (
              <Alert tone="error" title={sentView.error.title}>
                <span data-testid="send-error">{sentView.error.explanation}</span>
                {sentView.error.response ? <span className="mt-1 block">Server reply: <code className="font-mono">{sentView.error.response}</code></span> : null}
              </Alert>
            ) : null}
            {sentView.ok && sentView.warnings.length ? (
              <Alert tone="warning" title="Sent, but check the settings">
                <ul className="list-disc pl-5" data-testid="send-warnings">
                  {sentView.warnings.map((w) => <li key={w}>{w}</li>)}
                </ul>
              </Alert>
            ) : null}
            {sentView.transcript.length ? <TranscriptView lines={sentView.transcript} /> : null}
          </div>
        ) : null}
      </div>
    </Card>
  );
}
