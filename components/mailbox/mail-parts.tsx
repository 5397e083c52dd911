"use client";
// The body of a captured mail with a Text / HTML / Source switch. The HTML part is shown only in a
// sandboxed iframe (`sandbox=""`: no scripts, no same-origin) whose document carries a CSP that
// blocks every request (remote images, trackers); Source shows the HTML markup as text.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { previewDocument } from "@/lib/templates/html";

type Part = "html" | "text" | "source";

/** Opens on the HTML part when there is one, unless `initialPart` asks for the text. */
export function MailParts({ text, html, initialPart }: { text: string | null; html: string | null; initialPart?: "text" }) {
  const t = useTranslations("mailbox");
  const [part, setPart] = useState<Part>(html && initialPart !== "text" ? "html" : "text");
  const tabs: { id: Part; label: string; disabled: boolean }[] = [
    { id: "text", label: t("text"), disabled: text === null },
    { id: "html", label: t("html"), disabled: html === null },
    { id: "source", label: t("source"), disabled: html === null },
  ];
  return (
    <div>
      <div role="tablist" aria-label={t("partLabel")} className="mb-3 inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={part === t.id}
            disabled={t.disabled}
            onClick={() => setPart(t.id)}
            className={`px-3 py-1 text-sm disabled:opacity-40 ${part === t.id ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : ""}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      {html === null ? <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">{t("noHtml")}</p> : null}
      <div role="tabpanel">
        {part === "html" && html !== null ? (
          <iframe
            title={t("htmlTitle")}
            data-testid="mail-html"
            sandbox=""
            referrerPolicy="no-referrer"
            srcDoc={previewDocument(html)}
            className="h-[32rem] w-full rounded border border-slate-200 bg-white dark:border-slate-700"
          />
        ) : part === "source" && html !== null ? (
          <pre data-testid="mail-source" className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-all font-mono text-xs">
            {html}
          </pre>
        ) : (
          <pre data-testid="mail-text" className="max-h-[32rem] overflow-auto whitespace-pre-wrap font-mono text-xs">
            {text ?? t("noText")}
          </pre>
        )}
      </div>
    </div>
  );
}
