import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { FAMILIES } from "@/lib/templates";
import { templateMatrix } from "@/lib/templates-store/store";
import { PageHeader, Badge, Card } from "@/components/ui/card";
import { AddLanguageButton, AddLanguageForm } from "@/components/templates/add-language-form";
import { DAY } from "@/components/templates/format";
import { labelOf, languageNames, nameOf } from "@/components/templates/language-names";
import { addLanguageAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("templates");
  return { title: t("title") };
}

const TONE = { default: "slate", modified: "amber", added: "blue" } as const;

export default async function TemplatesPage() {
  await requirePageRole();
  const [t, tv, format, locale] = await Promise.all([getTranslations("templates"), getTranslations("templateVars"), getFormatter(), getLocale()]);
  const names = languageNames(locale);
  const { languages, cells } = await templateMatrix();
  const cell = (family: string, lang: string) => cells.find((c) => c.family === family && c.lang === lang);
  const languagesByFamily = Object.fromEntries(FAMILIES.map((f) => [f.id, cells.filter((c) => c.family === f.id).map((c) => c.lang)]));
  const code = (chunks: React.ReactNode) => (
    <code className="font-mono" translate="no">
      {chunks}
    </code>
  );

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t.rich("description", { code })} />

      <Card>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid="template-matrix">
            <caption className="sr-only">{t("matrixCaption")}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left dark:border-slate-800">
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t("family")}
                </th>
                {languages.map((l) => (
                  <th key={l} scope="col" className="px-2 py-2 font-medium">
                    <span className="font-mono">{l}</span>
                    <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">{nameOf(names, l) ?? l}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {FAMILIES.map((f) => {
                const family = tv(`families.${f.id}.title`);
                return (
                  <tr key={f.id} className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800/60">
                    <th scope="row" className="py-3 pr-4 text-left font-medium">
                      {family}
                      <span className="block max-w-64 break-all font-mono text-[11px] font-normal text-slate-500 dark:text-slate-400" translate="no">
                        {f.aemLocation ?? `templates/${f.id}`}
                      </span>
                    </th>
                    {languages.map((l) => {
                      const c = cell(f.id, l);
                      const language = labelOf(names, l);
                      if (!c) {
                        return (
                          <td key={l} className="px-2 py-3" data-testid={`cell-${f.id}-${l}`}>
                            <span className="block text-xs text-slate-500 dark:text-slate-400" title={t("missingTitle", { language })}>
                              {t("missing")}
                            </span>
                            <AddLanguageButton size="sm" family={f.id} lang={l} label={t("addTo", { language, family })} add={addLanguageAction} />
                          </td>
                        );
                      }
                      const status = t("status", { status: c.status });
                      return (
                        <td key={l} className="px-2 py-3" data-testid={`cell-${f.id}-${l}`}>
                          <Link
                            href={`/templates/${f.id}/${l}`}
                            className="inline-flex flex-col gap-0.5 rounded px-1 py-0.5 hover:bg-slate-100 dark:hover:bg-slate-800"
                            aria-label={t("cellLabel", { family, language, status })}
                          >
                            <Badge tone={TONE[c.status]}>{status}</Badge>
                            {c.updatedAt ? <span className="text-[11px] text-slate-500 dark:text-slate-400">{format.dateTime(new Date(c.updatedAt), DAY)}</span> : null}
                          </Link>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="mt-3 flex flex-wrap items-center gap-3 text-xs text-slate-500 dark:text-slate-400">
          <span>
            <Badge>{t("status", { status: "default" })}</Badge> {t("legendDefault")}
          </span>
          <span>
            <Badge tone="amber">{t("status", { status: "modified" })}</Badge> {t("legendModified")}
          </span>
          <span>
            <Badge tone="blue">{t("status", { status: "added" })}</Badge> {t("legendAdded")}
          </span>
          <span>{t("legendMissing")}</span>
        </p>
      </Card>

      <Card title={t("layoutTitle")}>
        <p className="mb-2 text-sm">{t("layoutText")}</p>
        <ul className="flex flex-wrap gap-3 text-sm" data-testid="layout-links">
          {languages.map((l) => (
            <li key={l}>
              <Link className="underline" href={`/templates/layout/${l}`}>
                {labelOf(names, l)}
              </Link>
            </li>
          ))}
        </ul>
      </Card>

      <Card title={t("addLanguageTitle")}>
        <AddLanguageForm families={FAMILIES.map((f) => ({ id: f.id, title: tv(`families.${f.id}.title`) }))} languagesByFamily={languagesByFamily} names={names} add={addLanguageAction} />
      </Card>
    </div>
  );
}
