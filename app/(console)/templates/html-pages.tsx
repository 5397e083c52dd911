// Server pieces of the HTML side of the template pages: the HTML editor with its data loaded
// (the body of a family, or the shared layout) and its actions.
import { getTranslations } from "next-intl/server";
import type { FamilyId } from "@/lib/templates";
import { getHtmlFile, htmlHistory, layoutFor, LAYOUT } from "@/lib/templates-store/html-store";
import { configuredPreviewValues } from "@/lib/templates-store/preview";
import { HtmlTemplateEditor } from "@/components/templates/html-editor";
import { resetHtmlAction, saveHtmlAction, sendHtmlPreviewAction } from "./html-actions";

export async function HtmlTemplatePage({ family, lang, text }: { family: FamilyId; lang: string; text: string }) {
  const [file, history, layout, configured, t, tv] = await Promise.all([
    getHtmlFile(family, lang),
    htmlHistory(family, lang),
    layoutFor(lang),
    configuredPreviewValues(family),
    getTranslations("htmlTemplates"),
    getTranslations("templateVars"),
  ]);
  return (
    <HtmlTemplateEditor
      key={`${family}/${lang}/html`}
      family={family}
      sampleFamily={family}
      title={t("bodyTitle", { family: tv(`families.${family}.title`), code: lang })}
      lang={lang}
      initial={{ html: file.html, status: file.status, updatedAt: file.updatedAt, updatedBy: file.updatedBy }}
      defaultHtml={file.defaultHtml}
      companion={layout}
      configured={configured}
      text={text}
      history={history}
      actions={{ save: saveHtmlAction, reset: resetHtmlAction, sendPreview: sendHtmlPreviewAction }}
    />
  );
}

export async function LayoutPage({ lang }: { lang: string }) {
  const [file, history, sample, configured, t] = await Promise.all([
    getHtmlFile(LAYOUT, lang),
    htmlHistory(LAYOUT, lang),
    getHtmlFile("workflow", lang),
    configuredPreviewValues("workflow"),
    getTranslations("htmlTemplates"),
  ]);
  const body = sample.html || (await getHtmlFile("workflow", "en")).html;
  return (
    <HtmlTemplateEditor
      key={`layout/${lang}`}
      family={null}
      sampleFamily="workflow"
      title={t("layoutTitle", { code: lang })}
      lang={lang}
      initial={{ html: file.html, status: file.status, updatedAt: file.updatedAt, updatedBy: file.updatedBy }}
      defaultHtml={file.defaultHtml}
      companion={body}
      configured={configured}
      history={history}
      actions={{ save: saveHtmlAction, reset: resetHtmlAction }}
    />
  );
}
