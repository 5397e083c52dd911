import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { isIsoLanguage } from "@/lib/templates";
import { PageHeader } from "@/components/ui/card";
import { languageNames, nameOf } from "@/components/templates/language-names";
import { LayoutPage } from "../../html-pages";

type Params = { params: Promise<{ lang: string }> };

export async function generateMetadata({ params }: Params) {
  const { lang } = await params;
  const [t, locale] = await Promise.all([getTranslations("templates"), getLocale()]);
  return { title: t("layoutMetaTitle", { language: nameOf(languageNames(locale), lang) ?? lang }) };
}

/** The shared HTML frame (logo, colours, organisation name, footer) of one language. */
export default async function EmailLayoutPage({ params }: Params) {
  await requirePageRole();
  const { lang } = await params;
  if (!isIsoLanguage(lang)) notFound();
  const [t, locale] = await Promise.all([getTranslations("templates"), getLocale()]);
  const name = nameOf(languageNames(locale), lang) ?? lang;
  const path = `templates/_layout/${lang}.html`;
  return (
    <div>
      <nav aria-label={t("breadcrumb")} className="mb-2 text-sm text-slate-500">
        <Link href="/templates" className="underline">
          {t("title")}
        </Link>{" "}
        / {t("layoutCrumb")} / {name} ({lang})
      </nav>
      <PageHeader
        title={t("layoutPageTitle", { language: name, code: lang })}
        description={
          <>
            <span className="block">{t("layoutDescription")}</span>
            <span className="mt-1 block font-mono text-xs" translate="no">
              {path}
            </span>
          </>
        }
      />
      <LayoutPage lang={lang} />
    </div>
  );
}
