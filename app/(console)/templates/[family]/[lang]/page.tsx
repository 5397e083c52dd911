import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { getFamily, isFamilyId, isIsoLanguage } from "@/lib/templates";
import { availableLanguages, getTemplateFile, templateHistory } from "@/lib/templates-store/store";
import { configuredPreviewValues, mailServiceStatus, templateSender } from "@/lib/templates-store/preview";
import { PageHeader, Card } from "@/components/ui/card";
import { TemplateEditor } from "@/components/templates/template-editor";
import { AddLanguageButton } from "@/components/templates/add-language-form";
import { languageNames, nameOf } from "@/components/templates/language-names";
import { addLanguageAction, removeLanguageAction, resetTemplateAction, saveTemplateAction, sendPreviewAction } from "../../actions";
import { HtmlFormatSwitch } from "@/components/templates/html-template-page";
import { HtmlTemplatePage } from "../../html-pages";

type Params = { params: Promise<{ family: string; lang: string }>; searchParams?: Promise<{ format?: string }> };

export async function generateMetadata({ params }: Params) {
  const { family, lang } = await params;
  const [t, tv, locale] = await Promise.all([getTranslations("templates"), getTranslations("templateVars"), getLocale()]);
  if (!isFamilyId(family)) return { title: t("title") };
  return { title: t("fileMetaTitle", { family: tv(`families.${family}.title`), language: nameOf(languageNames(locale), lang) ?? lang }) };
}

export default async function TemplateFilePage({ params, searchParams }: Params) {
  const me = await requirePageRole();
  const { family, lang } = await params;
  const format = (await searchParams)?.format === "html" ? "html" : "text";
  if (!isFamilyId(family)) notFound();
  const fam = getFamily(family)!;
  const [t, tv, locale] = await Promise.all([getTranslations("templates"), getTranslations("templateVars"), getLocale()]);
  const names = languageNames(locale);
  const file = await getTemplateFile(family, lang);
  const name = nameOf(names, lang) ?? lang;
  const familyTitle = tv(`families.${family}.title`);
  const title = t("fileTitle", { family: familyTitle, language: name, code: lang });
  const breadcrumb = (
    <nav aria-label={t("breadcrumb")} className="mb-2 text-sm text-slate-500 dark:text-slate-400">
      <Link href="/templates" className="underline">
        {t("title")}
      </Link>{" "}
      / {familyTitle} / {name} ({lang})
    </nav>
  );

  if (!file) {
    if (!isIsoLanguage(lang)) notFound();
    return (
      <div>
        {breadcrumb}
        <PageHeader title={title} />
        <Card>
          <p className="mb-4 text-sm">{t("noFile", { language: name, family: tv(`families.${family}.inText`), code: lang })}</p>
          <AddLanguageButton family={family} lang={lang} label={t("addNamed", { language: name, code: lang })} add={addLanguageAction} />
        </Card>
      </div>
    );
  }

  if (format === "html") {
    const htmlPath = `templates/${family}/${lang}.html`;
    return (
      <div>
        {breadcrumb}
        <PageHeader
          title={title}
          description={
            <span className="block font-mono text-xs" translate="no">
              {htmlPath}
            </span>
          }
        />
        <HtmlFormatSwitch family={family} lang={lang} format="html" />
        <HtmlTemplatePage family={family} lang={lang} text={file.text} />
      </div>
    );
  }

  const [history, sender, mail, languages, en, configured] = await Promise.all([
    templateHistory(family, lang),
    templateSender(family),
    mailServiceStatus(),
    availableLanguages(family),
    file.defaultText === null ? getTemplateFile(family, "en") : Promise.resolve(null),
    configuredPreviewValues(family),
  ]);
  const base = file.defaultText !== null ? { text: file.defaultText, label: t("baseDefault") } : { text: en?.text ?? "", label: t("baseEnglish") };

  return (
    <div>
      {breadcrumb}
      <PageHeader
        title={title}
        description={
          <>
            <span className="block">{tv(`families.${family}.description`)}</span>
            <span className="mt-1 block break-all font-mono text-xs" data-testid="template-path" translate="no">
              {fam.aemLocation ? `${fam.aemLocation}/${lang}.txt` : `templates/${family}/${lang}.txt`}
            </span>
          </>
        }
      />
      <HtmlFormatSwitch family={family} lang={lang} format="text" />
      <TemplateEditor
        key={`${family}/${lang}`}
        family={family}
        familyVariables={fam.variables.map((v) => v.name)}
        lang={lang}
        initial={{ text: file.text, status: file.status, updatedAt: file.updatedAt, updatedBy: file.updatedBy }}
        defaultText={file.defaultText}
        base={base}
        history={history}
        sender={{ address: sender.address, source: sender.source }}
        configured={configured}
        mail={mail}
        me={me.email}
        languages={languages}
        languageNames={names}
        actions={{ save: saveTemplateAction, reset: resetTemplateAction, remove: removeLanguageAction, sendPreview: sendPreviewAction }}
      />
    </div>
  );
}
