import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { oauthHealth } from "@/lib/oauth/health";
import { attemptOutcome } from "@/lib/oauth/flow";
import { MAIL_SERVICE_PID, OAUTH_PROVIDER_PID } from "@/lib/config/services";
import { Alert, PageHeader } from "@/components/ui/card";
import { PresetForm, type PresetFormInitial } from "@/components/oauth/preset-form";
import { HealthPanel } from "@/components/oauth/health-panel";
import { oauthWords } from "@/components/oauth/oauth-words";
import { applyPresetAction, disconnectOAuthAction, sendOAuthTestEmailAction, testOAuthAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("oauth");
  return { title: t("metaTitle") };
}
export const dynamic = "force-dynamic";
/** The protocol's name, the same in every language. */
const OAUTH2 = "OAuth2";

const GOOGLE_STEPS = ["consent", "credentials", "preset", "testing"] as const;
const MICROSOFT_STEPS = ["register", "permissions", "secret", "smtpAuth", "preset"] as const;

export default async function OAuthPage({ searchParams }: { searchParams: Promise<{ attempt?: string }> }) {
  const me = await requirePageRole("admin");
  const t = await getTranslations("oauth");
  const tg = await getTranslations("oauthGuide");
  const tn = await getTranslations("nav");
  const { attempt } = await searchParams;
  const [health, outcome] = await Promise.all([oauthHealth(), attempt ? attemptOutcome(attempt, me.id) : Promise.resolve(null)]);
  const p = health.provider;
  const tr = t as unknown as Parameters<typeof oauthWords>[0];
  const said = outcome?.text ? { title: oauthWords(tr, `errors.${outcome.text.key}.title`, outcome.text.values), explanation: oauthWords(tr, `errors.${outcome.text.key}.explanation`, outcome.text.values) } : { title: outcome?.title ?? "", explanation: outcome?.explanation ?? "" };
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
      <nav aria-label={t("breadcrumb")} className="mb-2 text-sm text-slate-500 dark:text-slate-400">
        <Link href="/configuration" className="underline">{tn("configuration")}</Link> / <span translate="no">{OAUTH2}</span>
      </nav>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <div className="flex gap-3 text-sm">
            <Link className="underline" href={`/configuration/${OAUTH_PROVIDER_PID}`}>{t("providerSettings")}</Link>
            <Link className="underline" href={`/configuration/${MAIL_SERVICE_PID}`}>{t("mailService")}</Link>
          </div>
        }
      />
      {outcome ? (
        <div className="mb-4" data-testid="authorize-outcome" data-ok={outcome.ok ? "true" : "false"}>
          {/* lib/oauth (flow.ts, explain.ts) words the outcome in English and by key; an older one without a key as it came. */}
          <Alert tone={outcome.ok ? (outcome.warnings?.length ? "warning" : "success") : "error"} title={outcome.ok ? said.title : t("authorizeFailed", { title: said.title })}>
            <p>{said.explanation}</p>
            {outcome.description ? <p className="mt-1">{t.rich("providerSaid", { description: outcome.description, q: (ch) => <q translate="no">{ch}</q> })}</p> : null}
            {outcome.warnings?.length ? (
              <ul className="mt-2 list-disc pl-5">
                {outcome.warnings.map((w, i) => <li key={i}>{((k) => (k ? oauthWords(tr, k.key, k.values) : w))(outcome.warningTexts?.[i])}</li>)}
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
            {p.notes.map((n, i) => <Alert key={i} tone={n.level === "error" ? "error" : "warning"}>{n.text ? oauthWords(tr, `health.${n.text.key}`, n.text.values) : n.message}</Alert>)}
          </div>
        ) : null}
        <details className="rounded-lg border border-slate-200 p-4 text-sm dark:border-slate-800">
          <summary className="cursor-pointer font-medium">{tg("title")}</summary>
          <div className="mt-3 grid gap-4 md:grid-cols-2">
            <div>
              <h3 className="font-semibold">{tg("googleTitle")}</h3>
              <ol className="mt-1 list-decimal space-y-1 pl-5">
                {GOOGLE_STEPS.map((k) => <li key={k}>{tg(`google.${k}`)}</li>)}
              </ol>
            </div>
            <div>
              <h3 className="font-semibold">{tg("microsoftTitle")}</h3>
              <ol className="mt-1 list-decimal space-y-1 pl-5">
                {MICROSOFT_STEPS.map((k) => <li key={k}>{tg(`microsoft.${k}`)}</li>)}
              </ol>
            </div>
          </div>
        </details>
      </div>
    </div>
  );
}
