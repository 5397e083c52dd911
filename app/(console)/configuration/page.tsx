import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { listServiceStates } from "@/lib/config/store";
import { riskyDefaults } from "@/lib/config/risky-defaults";
import { serviceKey } from "@/lib/config/services/catalog";
import { STAMP } from "@/lib/i18n/formats";
import { PageHeader, Badge } from "@/components/ui/card";
import { RiskyDefaultsAlert } from "@/components/config/risky-defaults-alert";

export async function generateMetadata() {
  return { title: (await getTranslations("configuration"))("metaTitle") };
}

const BUTTON = "rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800";

// Like AEM's /system/console/configMgr: every configurable service with its PID and state.
export default async function ConfigurationPage() {
  await requirePageRole("admin");
  const [services, risky, t, ts, format] = await Promise.all([listServiceStates(), riskyDefaults(), getTranslations("configuration"), getTranslations("services"), getFormatter()]);
  return (
    <div>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href="/configuration/oauth" className={BUTTON}>
              {t("oauthLink")}
            </Link>
            <Link href="/configuration/import" className={BUTTON}>
              {t("importLink")}
            </Link>
            <a href="/api/config/export?all=1" download className={BUTTON}>
              {t("exportAll")}
            </a>
            <a href="/api/config/export?all=1&layout=package" download title={t("exportPackageTitle")} className={BUTTON}>
              {t("exportPackage")}
            </a>
          </div>
        }
      />
      <div className="mb-4">
        <RiskyDefaultsAlert items={risky} />
      </div>
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
          <thead className="bg-slate-100 text-left dark:bg-slate-900">
            <tr>
              <th className="px-4 py-2 font-medium">{t("colService")}</th>
              <th className="px-4 py-2 font-medium">{t("colState")}</th>
              <th className="px-4 py-2 font-medium">{t("colChanged")}</th>
              <th className="px-4 py-2 font-medium"><span className="sr-only">{t("colActions")}</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white dark:divide-slate-800 dark:bg-slate-950">
            {services.map((s) => {
              const title = ts(`${serviceKey(s.pid)}.title` as never);
              return (
                <tr key={s.pid}>
                  <td className="px-4 py-3">
                    <Link href={`/configuration/${s.pid}`} className="font-medium text-brand-600 hover:underline dark:text-brand-100">
                      <span translate="no">{s.name}</span>
                      {title ? <span className="font-normal">{t("titleBeside", { title })}</span> : null}
                    </Link>
                    <div translate="no" className="break-all font-mono text-xs text-slate-600 dark:text-slate-400">{s.pid}</div>
                  </td>
                  <td className="px-4 py-3">
                    {s.configured ? <Badge tone="green">{t("configured", { version: String(s.version) })}</Badge> : <Badge>{t("default")}</Badge>}
                    {s.missingPlaceholders.length ? <span className="ml-2"><Badge tone="amber">{t("missingVariableBadge")}</Badge></span> : null}
                    {risky
                      .filter((r) => r.pid === s.pid)
                      .map((r) => (
                        <Link key={r.key} href={r.href} className="ml-2 inline-block" title={ts(`${serviceKey(r.pid)}.fields.${r.key.replace(/\./g, "_")}.breaks` as never)}>
                          <Badge tone="amber">
                            {/* One text node: an element around the key would read "email.from : AEM default" to screen readers. */}
                            {t("aemDefault", { key: r.key })}
                          </Badge>
                        </Link>
                      ))}
                  </td>
                  <td className="px-4 py-3 text-slate-600 dark:text-slate-400">
                    {s.updatedAt ? (
                      <>
                        {s.updatedBy} · <time dateTime={s.updatedAt}>{format.dateTime(new Date(s.updatedAt), STAMP)}</time>
                      </>
                    ) : (
                      t("never")
                    )}
                  </td>
                  <td className="px-4 py-3 text-right">
                    <Link href={`/configuration/${s.pid}/history`} className="text-sm text-slate-600 underline dark:text-slate-400">{t("history")}</Link>
                    <span className="mx-2 text-slate-300" aria-hidden="true">{t("separator")}</span>
                    <a href={`/api/config/export?pid=${encodeURIComponent(s.pid)}`} download aria-label={t("exportCfgJsonLabel", { name: s.name })} className="text-sm text-slate-600 underline dark:text-slate-400">{t("cfgJson")}</a>
                    <span className="mx-2 text-slate-300" aria-hidden="true">{t("separator")}</span>
                    <a href={`/api/config/export?pid=${encodeURIComponent(s.pid)}&format=xml`} download aria-label={t("exportXmlLabel", { name: s.name })} className="text-sm text-slate-600 underline dark:text-slate-400">{t("xml")}</a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
