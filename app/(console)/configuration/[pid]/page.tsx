import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { serviceState } from "@/lib/config/store";
import { getService, MAIL_SERVICE_PID, OAUTH_PROVIDER_PID } from "@/lib/config/services";
import { translatedServiceTexts } from "@/lib/config/services/catalog";
import { PageHeader, Badge, Alert } from "@/components/ui/card";
import { ServiceForm } from "@/components/config/service-form";
import { saveServiceAction, sendTestEmailAction } from "../actions";

export async function generateMetadata({ params }: { params: Promise<{ pid: string }> }) {
  const def = getService((await params).pid);
  return { title: def?.name ?? (await getTranslations("configuration"))("metaTitle") };
}

export default async function ServicePage({ params }: { params: Promise<{ pid: string }> }) {
  const me = await requirePageRole("admin");
  const { pid } = await params;
  const def = getService(pid);
  if (!def) notFound();
  const [state, t, ts] = await Promise.all([serviceState(pid), getTranslations("configuration"), getTranslations("services")]);
  const texts = translatedServiceTexts(def, (k) => ts(k as never));
  // The rule between the Mail Service and the OAuth2 provider names the other service's fields.
  const relatedPid = pid === MAIL_SERVICE_PID ? OAUTH_PROVIDER_PID : pid === OAUTH_PROVIDER_PID ? MAIL_SERVICE_PID : null;
  const related = relatedPid ? { pid: relatedPid, texts: translatedServiceTexts(getService(relatedPid)!, (k) => ts(k as never)).fields } : undefined;
  const title = (
    <>
      <span translate="no">{def.name}</span>
      {texts.title ? <span className="font-normal">{t("titleBeside", { title: texts.title })}</span> : null}
    </>
  );
  return (
    <div>
      <nav aria-label={t("breadcrumb")} className="mb-2 text-sm text-slate-500 dark:text-slate-400">
        <Link href="/configuration" className="underline">{t("title")}</Link> / {title}
      </nav>
      <PageHeader
        title={title}
        description={
          <>
            <span className="block">{texts.description}</span>
            <span translate="no" className="mt-1 block font-mono text-xs">{pid}</span>
          </>
        }
        actions={
          <div className="flex flex-wrap items-center gap-3 text-sm">
            {state.configured ? <Badge tone="green">{t("configured", { version: String(state.version) })}</Badge> : <Badge>{t("defaultValues")}</Badge>}
            <Link href={`/configuration/${pid}/history`} className="underline">{t("history")}</Link>
            <a href={`/api/config/export?pid=${encodeURIComponent(pid)}`} download className="underline">{t("exportCfgJson")}</a>
            <a href={`/api/config/export?pid=${encodeURIComponent(pid)}&format=xml`} download className="underline">{t("exportXml")}</a>
          </div>
        }
      />
      {pid === OAUTH_PROVIDER_PID || pid === MAIL_SERVICE_PID ? (
        <div className="mb-4" data-testid="oauth-banner">
          <Alert tone="info" title={t("oauthBannerTitle")}>
            {t.rich("oauthBanner", { link: (chunks) => <Link href="/configuration/oauth" className="font-medium underline">{chunks}</Link> })}
            {pid === OAUTH_PROVIDER_PID ? <>{" "}{t("oauthBannerTokens")}</> : null}
          </Alert>
        </div>
      ) : null}
      <ServiceForm
        key={pid}
        pid={pid}
        version={state.version}
        values={state.values}
        missing={state.missingPlaceholders}
        save={saveServiceAction}
        texts={texts.fields}
        related={related}
        name={texts.title ? `${def.name}${t("titleBeside", { title: texts.title })}` : def.name}
        testEmail={pid === MAIL_SERVICE_PID ? { send: sendTestEmailAction, defaultTo: me.email } : undefined}
      />
    </div>
  );
}
