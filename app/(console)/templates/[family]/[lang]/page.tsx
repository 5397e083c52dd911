import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/lib/auth/session";
import { getFamily, isFamilyId, isIsoLanguage, languageName } from "@/lib/templates";
import { availableLanguages, getTemplateFile, templateHistory } from "@/lib/templates-store/store";
import { configuredPreviewValues, mailServiceStatus, templateSender } from "@/lib/templates-store/preview";
import { PageHeader, Card } from "@/components/ui/card";
import { TemplateEditor } from "@/components/templates/template-editor";
import { AddLanguageButton } from "@/components/templates/add-language-form";
import { addLanguageAction, removeLanguageAction, resetTemplateAction, saveTemplateAction, sendPreviewAction } from "../../actions";
import { HtmlFormatSwitch } from "@/components/templates/html-template-page";
import { HtmlTemplatePage } from "../../html-pages";

type Params = { params: Promise<{ family: string; lang: string }>; searchParams?: Promise<{ format?: string }> };

export async function generateMetadata({ params }: Params) {
  const { family, lang } = await params;
  const f = getFamily(family);
  return { title: f ? `${f.title} · ${languageName(lang) ?? lang}` : "Templates" };
}

export default async function TemplateFilePage({ params, searchParams }: Params) {
  const me = await requirePageRole();
  const { family, lang } = await params;
  const format = (await searchParams)?.format === "html" ? "html" : "text";
  if (!isFamilyId(family)) notFound();
  const fam = getFamily(family)!;
  const file = await getTemplateFile(family, lang);
  const name = languageName(lang);
  const breadcrumb = (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500 dark:text-slate-400">
      <Link href="/templates" className="underline">
        Templates
      </Link>{" "}
      / {fam.title} / {name ?? lang} ({lang})
    </nav>
  );

  if (!file) {
    if (!isIsoLanguage(lang)) notFound();
    return (
      <div>
        {breadcrumb}
        <PageHeader title={`${fam.title} · ${name} (${lang})`} />
        <Card>
          <p className="mb-4 text-sm">
            There is no {name} {fam.title.toLowerCase()} template: recipients whose language is {lang} get the English one. Add it to write a {name} version (it starts as a copy of English).
          </p>
          <AddLanguageButton family={family} lang={lang} label={`Add ${name} (${lang})`} add={addLanguageAction} />
        </Card>
      </div>
    );
  }

  if (format === "html") {
    return (
      <div>
        {breadcrumb}
        <PageHeader title={`${fam.title} · ${name} (${lang})`} description={<span className="block font-mono text-xs">templates/{family}/{lang}.html</span>} />
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
  const base = file.defaultText !== null ? { text: file.defaultText, label: "shipped default" } : { text: en?.text ?? "", label: "English (en)" };

  return (
    <div>
      {breadcrumb}
      <PageHeader
        title={`${fam.title} · ${name} (${lang})`}
        description={
          <>
            <span className="block">{fam.description}</span>
            <span className="mt-1 block break-all font-mono text-xs" data-testid="template-path">{fam.aemLocation ? `${fam.aemLocation}/${lang}.txt` : `templates/${family}/${lang}.txt`}</span>
          </>
        }
      />
      <HtmlFormatSwitch family={family} lang={lang} format="text" />
      <TemplateEditor
        key={`${family}/${lang}`}
        family={family}
        familyTitle={fam.title}
        familyVariables={fam.variables.map((v) => ({ name: v.name, description: v.description }))}
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
        actions={{ save: saveTemplateAction, reset: resetTemplateAction, remove: removeLanguageAction, sendPreview: sendPreviewAction }}
      />
    </div>
  );
}
