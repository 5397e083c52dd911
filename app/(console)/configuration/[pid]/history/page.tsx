import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { listVersions } from "@/lib/config/store";
import { getService } from "@/lib/config/services";
import { describeChangeIn } from "@/lib/config/diff";
import { translatedServiceTexts } from "@/lib/config/services/catalog";
import { STAMP } from "@/lib/i18n/formats";
import { PageHeader, Badge } from "@/components/ui/card";
import { RestoreButton } from "@/components/config/restore-button";
import { restoreVersionAction } from "../../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("configHistory"))("metaTitle") };
}

export default async function HistoryPage({ params }: { params: Promise<{ pid: string }> }) {
  await requirePageRole("admin");
  const { pid } = await params;
  const def = getService(pid);
  if (!def) notFound();
  const [versions, t, tc, ts, format] = await Promise.all([listVersions(pid), getTranslations("configHistory"), getTranslations("configuration"), getTranslations("services"), getFormatter()]);
  const texts = translatedServiceTexts(def, (k) => ts(k as never));
  const current = versions[0]?.version;
  const name = (
    <>
      <span translate="no">{def.name}</span>
      {texts.title ? tc("titleBeside", { title: texts.title }) : null}
    </>
  );
  return (
    <div>
      <nav aria-label={tc("breadcrumb")} className="mb-2 text-sm text-slate-500 dark:text-slate-400">
        <Link href="/configuration" className="underline">{tc("title")}</Link> / <Link href={`/configuration/${pid}`} className="underline">{name}</Link> / {t("crumb")}
      </nav>
      <PageHeader title={t.rich("title", { name: () => name })} description={t("description")} />
      {versions.length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">{t("neverSaved")}</p> : null}
      <ol className="space-y-3">
        {versions.map((v) => (
          <li key={v.version} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid={`version-${v.version}`}>
            <div className="flex flex-wrap items-center justify-between gap-3">
              <div className="text-sm">
                <span className="font-semibold">{t("version", { version: String(v.version) })}</span>{" "}
                {v.version === current ? <Badge tone="green">{t("current")}</Badge> : null}{" "}
                {v.restoredFrom ? <Badge tone="blue">{t("restoredFrom", { version: String(v.restoredFrom) })}</Badge> : null}
                <span className="ml-2 text-slate-500 dark:text-slate-400">
                  {v.actor ?? t("unknownActor")} · <time dateTime={v.createdAt.toISOString()}>{format.dateTime(v.createdAt, STAMP)}</time>
                </span>
              </div>
              {v.version !== current ? <RestoreButton pid={pid} version={v.version} restore={restoreVersionAction} /> : null}
            </div>
            <ul className="mt-2 space-y-1 font-mono text-xs">
              {v.changes.map((c) => (
                <li key={c.key} className={c.kind === "removed" ? "text-red-700 dark:text-red-300" : c.kind === "added" ? "text-green-700 dark:text-green-300" : ""}>
                  {describeChangeIn(c, (k, values) => t(`change.${k}`, values ?? {}), texts.fields[c.key]?.label ?? c.label)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}
