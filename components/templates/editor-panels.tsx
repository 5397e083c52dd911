"use client";
// The editor page's side panels. Each is memoised with stable props, so a keystroke in the
// template re-renders none of them (only the preview and the problems list follow the text).
import Link from "next/link";
import { memo, useId, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { placeholderOf, resolveLanguage, type FamilyId, type LintDiagnostic, type TemplateMessage } from "@/lib/templates";
import type { PreviewSendView } from "@/lib/templates-store/preview";
import { Button } from "@/components/ui/button";
import { Alert, Badge } from "@/components/ui/card";
import { Field, Input, inputClass } from "@/components/ui/field";
import { useFamilyName, useTemplateMessage, useVariableDescription } from "./i18n";
import { labelOf, type LanguageNames } from "./language-names";

/** What the problems list needs of a finding (text and HTML lint alike). */
export type Finding = Pick<LintDiagnostic, "severity" | "line" | "column" | "from" | "to" | "message"> & { i18n: TemplateMessage };

const code = (chunks: React.ReactNode) => <code className="font-mono">{chunks}</code>;
const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;

export const DiagnosticsList = memo(function DiagnosticsList({
  diagnostics,
  onPick,
  id,
  family,
}: {
  diagnostics: readonly Finding[];
  onPick: (from: number, to: number) => void;
  id: string;
  /** The family the findings name (null: the shared layout). */
  family: FamilyId | null;
}) {
  const t = useTranslations("templateEditor");
  const message = useTemplateMessage(family);
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  const infos = diagnostics.length - errors - warnings;
  const summary =
    diagnostics.length === 0
      ? t("noProblems")
      : t("problemSummary", {
          parts: [errors && t("errorCount", { count: errors }), warnings && t("warningCount", { count: warnings }), infos && t("noteCount", { count: infos })]
            .filter(Boolean)
            .join(t("listSeparator")),
        });
  return (
    <div className="mt-3">
      <p id={id} className="text-sm" data-testid="lint-summary">
        <span className={errors ? "font-medium text-red-700 dark:text-red-300" : warnings ? "text-amber-800 dark:text-amber-300" : "text-green-700 dark:text-green-400"}>{summary}</span>
        {errors ? <span className="text-slate-600 dark:text-slate-400"> {t("mustFix")}</span> : null}
      </p>
      {diagnostics.length ? (
        // Every message in full: the list grows with the page (no small scroll box cutting
        // messages mid-sentence); the pill never shrinks or wraps, the message wraps beside it.
        <ul className="mt-2 space-y-1 text-sm" aria-label={t("problemsLabel")} data-testid="lint-list">
          {diagnostics.map((d, i) => (
            <li key={i}>
              <button
                type="button"
                onClick={() => onPick(d.from, d.to)}
                className="grid w-full grid-cols-[auto_auto_minmax(0,1fr)] items-start gap-2 rounded px-1 py-0.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
              >
                <span className="pt-0.5 font-mono text-xs text-slate-600 dark:text-slate-400">
                  {d.line}:{d.column}
                </span>
                <span className="shrink-0" data-testid="lint-severity">
                  <Badge tone={d.severity === "error" ? "red" : d.severity === "warning" ? "amber" : "slate"}>{t("severity", { severity: d.severity })}</Badge>
                </span>
                <span className="min-w-0 break-words" data-testid="lint-message">
                  {message(d.i18n)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
});

export const VariablesPanel = memo(function VariablesPanel({ family, variables, onInsert }: { family: FamilyId; variables: string[]; onInsert: (name: string) => void }) {
  const t = useTranslations("templateEditor");
  const describe = useVariableDescription();
  const { inText } = useFamilyName();
  return (
    <details className="mt-4 rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <summary className="cursor-pointer text-sm font-medium">{t("variablesOf", { family: inText(family) })}</summary>
      <ul className="mt-2 space-y-1 text-sm">
        {variables.map((name) => (
          <li key={name} className="flex flex-wrap items-baseline gap-x-2">
            <button
              type="button"
              className="rounded font-mono text-teal-700 underline decoration-dotted hover:bg-slate-100 dark:text-teal-300 dark:hover:bg-slate-800"
              onClick={() => onInsert(name)}
              aria-label={t("insertVariable", { placeholder: placeholderOf(name) })}
              translate="no"
            >
              {placeholderOf(name)}
            </button>
            <span className="text-slate-600 dark:text-slate-400">{describe(family, name)}</span>
          </li>
        ))}
      </ul>
    </details>
  );
});

export const ResolutionPanel = memo(function ResolutionPanel({ lang, family, languages, names }: { lang: string; family: FamilyId; languages: string[]; names: LanguageNames }) {
  const t = useTranslations("templateEditor");
  const message = useTemplateMessage(family);
  const { title, inText } = useFamilyName();
  const id = useId();
  const [tryLang, setTryLang] = useState(lang === "en" ? "pt-BR" : `${lang}-${lang.toUpperCase()}`);
  const resolution = useMemo(() => resolveLanguage(tryLang, languages), [tryLang, languages]);
  const label = (c: string) => labelOf(names, c);
  const detail = message(resolution.i18n);
  return (
    <details className="rounded-md border border-slate-200 p-3 dark:border-slate-800" open>
      <summary className="cursor-pointer text-sm font-medium">{t("whoGets")}</summary>
      <div className="mt-2 space-y-3 text-sm">
        <p>
          {t.rich("whoGetsText", { language: label(lang), code: lang, strong, c: code })}{" "}
          {lang === "en" ? t("englishFallback", { family: inText(family) }) : t("otherFallback")}
        </p>
        <p className="text-slate-600 dark:text-slate-400">{t("existsIn", { family: title(family), languages: languages.map(label).join(t("listSeparator")) })}</p>
        <Field id={id} label={t("checkLanguage")} help={t("checkLanguageHelp")}>
          <Input id={id} value={tryLang} onChange={(e) => setTryLang(e.target.value)} aria-describedby={`${id}-help ${id}-result`} className="max-w-xs" />
        </Field>
        <p id={`${id}-result`} data-testid="resolution-result" aria-live="polite">
          {resolution.language ? t.rich("gets", { language: label(resolution.language), detail, strong }) : detail}
        </p>
      </div>
    </details>
  );
});

export const SampleDataPanel = memo(function SampleDataPanel({
  family,
  json,
  error,
  pristine,
  onChange,
  onRestore,
  ignored,
}: {
  /** The family's name in running text ("workflow"), or what the HTML editor edits. */
  family: string;
  json: string;
  error: string | null;
  pristine: boolean;
  onChange: (json: string) => void;
  onRestore: () => void;
  /** Configured variables the sample data also names: the configuration's value is used. */
  ignored: string[];
}) {
  const t = useTranslations("templateEditor");
  const id = useId();
  return (
    <div className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <Field id={id} label={t("sampleLabel")} help={t("sampleHelp", { family })} errors={error ? [error] : undefined}>
        <textarea
          id={id}
          value={json}
          onChange={(e) => onChange(e.target.value)}
          spellCheck={false}
          rows={Math.min(14, json.split("\n").length + 1)}
          aria-invalid={error ? true : undefined}
          aria-describedby={[`${id}-help`, error ? `${id}-error` : ""].filter(Boolean).join(" ")}
          className={`${inputClass} font-mono text-xs`}
        />
      </Field>
      <div className="mt-2 flex items-center gap-3">
        <Button size="sm" variant="ghost" onClick={onRestore} disabled={pristine}>
          {t("restoreSample")}
        </Button>
        {error ? <span className="text-xs text-slate-600 dark:text-slate-400">{t("keepsLastValid")}</span> : null}
      </div>
      {ignored.length ? (
        <p className="mt-2 text-xs text-amber-900 dark:text-amber-200" data-testid="sample-ignored">
          {t.rich(ignored.length === 1 ? "sampleIgnoredOne" : "sampleIgnoredMany", { names: ignored.map((n) => "${" + n + "}").join(t("listSeparator")), code })}
        </p>
      ) : null}
    </div>
  );
});

export function SendResult({ view }: { view: PreviewSendView }) {
  const t = useTranslations("templateEditor");
  if (view.ok) {
    return (
      <Alert tone="success" title={t("sentTo", { to: view.to })}>
        {t("sentDetails", { from: view.from, server: view.server, ms: view.durationMs, subject: view.subject })}
        {view.response ? (
          <>
            {" "}
            {t("serverReply")} <code className="break-all font-mono">{view.response}</code>
          </>
        ) : null}
        {view.mailboxId ? (
          <>
            {" "}
            <Link className="font-medium underline" href={`/templates/sent/${view.mailboxId}`} data-testid="sent-preview-link">
              {t("openSent", { id: String(view.mailboxId) })}
            </Link>
          </>
        ) : null}
      </Alert>
    );
  }
  if (view.notConfigured) {
    // lib's NOT_CONFIGURED_MESSAGE, in the reader's language (the API keeps the English).
    return (
      <Alert tone="warning" title={t("notConfiguredTitle")}>
        {t.rich("notConfiguredText", { product: (chunks) => <span translate="no">{chunks}</span>, key: (chunks) => <code className="font-mono">{chunks}</code> })}
      </Alert>
    );
  }
  return (
    <Alert tone="error" title={t("notSent", { title: view.error.title })}>
      {view.error.explanation}
      {view.error.response ? (
        <>
          {" "}
          {t("serverReply")} <code className="font-mono">{view.error.response}</code>
        </>
      ) : null}
    </Alert>
  );
}
