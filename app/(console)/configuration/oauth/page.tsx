import Link from "next/link";
import { requirePageRole } from "@/lib/auth/session";
import { oauthHealth } from "@/lib/oauth/health";
import { attemptOutcome } from "@/lib/oauth/flow";
import { MAIL_SERVICE_PID, OAUTH_PROVIDER_PID } from "@/lib/config/services";
import { Alert, PageHeader } from "@/components/ui/card";
import { PresetForm, type PresetFormInitial } from "@/components/oauth/preset-form";
import { HealthPanel } from "@/components/oauth/health-panel";
import { applyPresetAction, disconnectOAuthAction, sendOAuthTestEmailAction, testOAuthAction } from "./actions";

export const metadata = { title: "OAuth2 (Gmail / Microsoft 365)" };
export const dynamic = "force-dynamic";

export default async function OAuthPage({ searchParams }: { searchParams: Promise<{ attempt?: string }> }) {
  const me = await requirePageRole("admin");
  const { attempt } = await searchParams;
  const [health, outcome] = await Promise.all([oauthHealth(), attempt ? attemptOutcome(attempt, me.id) : Promise.resolve(null)]);
  const p = health.provider;
  const initial: PresetFormInitial = {
    preset: p.authUrl || p.tokenUrl ? p.kind : null,
    tenant: p.tenant ?? "",
    clientId: p.clientId,
    clientSecretSet: p.clientSecretSet,
    authUrl: p.authUrl,
    tokenUrl: p.tokenUrl,
    refreshUrl: p.refreshUrl,
    scopes: p.scopes,
    redirectUrl: p.redirectUrl,
    smtpHost: health.mail.host,
    smtpPort: health.mail.port,
    security: health.mail.security,
    requireTls: health.mail.requireTls,
    mailbox: health.mail.user,
    fromAddress: health.mail.fromAddress,
  };
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500 dark:text-slate-400">
        <Link href="/configuration" className="underline">Configuration</Link> / OAuth2
      </nav>
      <PageHeader
        title="OAuth2 for Gmail and Microsoft 365"
        description="Connect the sending mailbox with the Authorize button: Herald then signs in to SMTP with XOAUTH2 and renews the access token by itself. The tokens are stored encrypted and never shown."
        actions={
          <div className="flex gap-3 text-sm">
            <Link className="underline" href={`/configuration/${OAUTH_PROVIDER_PID}`}>OAuth2 provider settings</Link>
            <Link className="underline" href={`/configuration/${MAIL_SERVICE_PID}`}>Mail Service</Link>
          </div>
        }
      />
      {outcome ? (
        <div className="mb-4" data-testid="authorize-outcome" data-ok={outcome.ok ? "true" : "false"}>
          <Alert tone={outcome.ok ? (outcome.warnings?.length ? "warning" : "success") : "error"} title={outcome.ok ? outcome.title : `Authorization failed: ${outcome.title}`}>
            <p>{outcome.explanation}</p>
            {outcome.description ? <p className="mt-1">The provider said: <q>{outcome.description}</q></p> : null}
            {outcome.warnings?.length ? (
              <ul className="mt-2 list-disc pl-5">
                {outcome.warnings.map((w, i) => <li key={i}>{w}</li>)}
              </ul>
            ) : null}
          </Alert>
        </div>
      ) : null}
      <div className="space-y-6">
        <HealthPanel
          health={health}
          defaultTo={me.email}
          actions={{ test: testOAuthAction, send: sendOAuthTestEmailAction, disconnect: disconnectOAuthAction }}
        />
        <PresetForm initial={initial} apply={applyPresetAction} />
        {p.notes.length ? (
          <div className="space-y-2">
            {p.notes.map((n, i) => <Alert key={i} tone={n.level === "error" ? "error" : "warning"}>{n.message}</Alert>)}
          </div>
        ) : null}
        <details className="rounded-lg border border-slate-200 p-4 text-sm dark:border-slate-800">
          <summary className="cursor-pointer font-medium">What to do at Google and at Microsoft</summary>
          <div className="mt-3 grid gap-4 md:grid-cols-2">
            <div>
              <h3 className="font-semibold">Google (Gmail / Workspace)</h3>
              <ol className="mt-1 list-decimal space-y-1 pl-5">
                <li>Google Cloud console → APIs &amp; Services → OAuth consent screen: configure it (Internal for Workspace-only use).</li>
                <li>Credentials → Create credentials → OAuth client ID → Web application; add the redirect URL above.</li>
                <li>Choose the Google preset, paste client ID and secret, enter the mailbox, Apply, then Authorize and tick every permission.</li>
                <li>An External app left in “Testing” loses its refresh token after 7 days: publish it.</li>
              </ol>
            </div>
            <div>
              <h3 className="font-semibold">Microsoft 365</h3>
              <ol className="mt-1 list-decimal space-y-1 pl-5">
                <li>Entra ID → App registrations → New registration; add the redirect URL above under Authentication → Web.</li>
                <li>API permissions → Add a permission → Microsoft Graph → Delegated: SMTP.Send, offline_access, openid, profile, email; grant admin consent if users may not consent themselves.</li>
                <li>Certificates &amp; secrets → New client secret; copy its value (it expires — note the date).</li>
                <li>Make sure Authenticated SMTP is enabled for the mailbox (Microsoft 365 admin center → user → Mail → Manage email apps).</li>
                <li>Choose the Microsoft 365 preset, enter the tenant ID, client ID, secret and mailbox, Apply, then Authorize signed in as that mailbox.</li>
              </ol>
            </div>
          </div>
        </details>
      </div>
    </div>
  );
}
