// The Text / HTML switch of a template page: the `.txt` (subject, text part) or the `.html`.
import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Tabs between the `.txt` (subject, text part) and the `.html` (HTML part) of one language. */
export async function HtmlFormatSwitch({ family, lang, format }: { family: string; lang: string; format: "text" | "html" }) {
  const t = await getTranslations("templates");
  const tab = (f: "text" | "html", label: string) => (
    <Link
      href={`/templates/${family}/${lang}${f === "html" ? "?format=html" : ""}`}
      aria-current={format === f ? "page" : undefined}
      className={`rounded-t-md border-b-2 px-4 py-2 text-sm font-medium ${format === f ? "border-blue-600 text-blue-700 dark:text-blue-300" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400"}`}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label={t("formatNav")} className="mb-4 flex gap-1 border-b border-slate-200 dark:border-slate-800" data-testid="format-switch">
      {tab("text", t("tabText", { file: `${lang}.txt` }))}
      {tab("html", t("tabHtml", { file: `${lang}.html` }))}
      <Link href={`/templates/layout/${lang}`} className="ml-auto px-2 py-2 text-sm text-slate-600 underline dark:text-slate-400">
        {t("sharedLayout", { code: lang })}
      </Link>
    </nav>
  );
}
