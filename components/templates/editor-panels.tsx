"use client";
// The editor page's side panels. Each is memoised with stable props, so a keystroke in the
// template re-renders none of them (only the preview and the problems list follow the text).
import Link from "next/link";
import { memo, useId, useMemo, useState } from "react";
import { languageName, resolveLanguage, type LintDiagnostic } from "@/lib/templates";
import type { PreviewSendView } from "@/lib/templates-store/preview";
import { Button } from "@/components/ui/button";
import { Alert, Badge } from "@/components/ui/card";
import { Field, Input, inputClass } from "@/components/ui/field";

export const DiagnosticsList = memo(function DiagnosticsList({ diagnostics, onPick, id }: { diagnostics: LintDiagnostic[]; onPick: (from: number, to: number) => void; id: string }) {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  const infos = diagnostics.length - errors - warnings;
  const summary =
    diagnostics.length === 0
      ? "No problems."
      : [errors && `${errors} error${errors === 1 ? "" : "s"}`, warnings && `${warnings} warning${warnings === 1 ? "" : "s"}`, infos && `${infos} note${infos === 1 ? "" : "s"}`]
          .filter(Boolean)
          .join(", ") + ".";
  return (
    <div className="mt-3">
      <p id={id} className="text-sm" data-testid="lint-summary">
        <span className={errors ? "font-medium text-red-700 dark:text-red-300" : warnings ? "text-amber-800 dark:text-amber-300" : "text-green-700 dark:text-green-400"}>{summary}</span>
        {errors ? <span className="text-slate-600 dark:text-slate-400"> Errors must be fixed before saving.</span> : null}
      </p>
      {diagnostics.length ? (
        // Every message in full: the list grows with the page (no small scroll box cutting
        // messages mid-sentence); the pill never shrinks or wraps, the message wraps beside it.
        <ul className="mt-2 space-y-1 text-sm" aria-label="Problems in the template" data-testid="lint-list">
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
                  <Badge tone={d.severity === "error" ? "red" : d.severity === "warning" ? "amber" : "slate"}>{d.severity}</Badge>
                </span>
                <span className="min-w-0 break-words" data-testid="lint-message">
                  {d.message}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
});

export const VariablesPanel = memo(function VariablesPanel({
  familyTitle,
  variables,
  onInsert,
}: {
  familyTitle: string;
  variables: { name: string; description: string }[];
  onInsert: (name: string) => void;
}) {
  return (
    <details className="mt-4 rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <summary className="cursor-pointer text-sm font-medium">Variables of {familyTitle.toLowerCase()} templates</summary>
      <ul className="mt-2 space-y-1 text-sm">
        {variables.map((v) => (
          <li key={v.name} className="flex flex-wrap items-baseline gap-x-2">
            <button
              type="button"
              className="rounded font-mono text-teal-700 underline decoration-dotted hover:bg-slate-100 dark:text-teal-300 dark:hover:bg-slate-800"
              onClick={() => onInsert(v.name)}
              aria-label={`Insert \${${v.name}} at the cursor`}
            >
              {"${" + v.name + "}"}
            </button>
            <span className="text-slate-600 dark:text-slate-400">{v.description}</span>
          </li>
        ))}
      </ul>
    </details>
  );
});

export const ResolutionPanel = memo(function ResolutionPanel({ lang, familyTitle, languages }: { lang: string; familyTitle: string; languages: string[] }) {
  const id = useId();
  const [tryLang, setTryLang] = useState(lang === "en" ? "pt-BR" : `${lang}-${lang.toUpperCase()}`);
  const resolution = useMemo(() => resolveLanguage(tryLang, languages), [tryLang, languages]);
  const label = (code: string) => `${languageName(code) ?? code} (${code})`;
  return (
    <details className="rounded-md border border-slate-200 p-3 dark:border-slate-800" open>
      <summary className="cursor-pointer text-sm font-medium">Who gets this template</summary>
      <div className="mt-2 space-y-3 text-sm">
        <p>
          Recipients whose profile language is <strong>{label(lang)}</strong> (also regional forms such as <code className="font-mono">{lang}-XX</code> or{" "}
          <code className="font-mono">{lang}_XX</code>) get this template.{" "}
          {lang === "en" ? `English is also what everyone gets whose language has no ${familyTitle.toLowerCase()} template.` : "Recipients whose language has no template get English (en)."}
        </p>
        <p className="text-slate-600 dark:text-slate-400">
          {familyTitle} templates exist in: {languages.map(label).join(", ")}.
        </p>
        <Field id={id} label="Check a recipient's language" help="As stored in their profile: de, de_CH, pt-BR, …">
          <Input id={id} value={tryLang} onChange={(e) => setTryLang(e.target.value)} aria-describedby={`${id}-help ${id}-result`} className="max-w-xs" />
        </Field>
        <p id={`${id}-result`} data-testid="resolution-result" aria-live="polite">
          {resolution.language ? (
            <>
              Gets <strong>{label(resolution.language)}</strong> — {resolution.detail}
            </>
          ) : (
            resolution.detail
          )}
        </p>
      </div>
    </details>
  );
});

export const SampleDataPanel = memo(function SampleDataPanel({
  familyTitle,
  json,
  error,
  pristine,
  onChange,
  onRestore,
  ignored,
}: {
  familyTitle: string;
  json: string;
  error: string | null;
  pristine: boolean;
  onChange: (json: string) => void;
  onRestore: () => void;
  /** Configured variables the sample data also names: the configuration's value is used. */
  ignored: string[];
}) {
  const id = useId();
  return (
    <div className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <Field
        id={id}
        label="Sample data (JSON)"
        help={`Values of the ${familyTitle.toLowerCase()} variables for this preview and for “Send preview to me”. Not saved.`}
        errors={error ? [error] : undefined}
      >
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
          Restore sample values
        </Button>
        {error ? <span className="text-xs text-slate-600 dark:text-slate-400">The preview keeps the last valid data.</span> : null}
      </div>
      {ignored.length ? (
        <p className="mt-2 text-xs text-amber-900 dark:text-amber-200" data-testid="sample-ignored">
          {ignored.map((n) => "${" + n + "}").join(", ")} {ignored.length === 1 ? "comes" : "come"} from the configuration, not from sample data: the value here is not used.
        </p>
      ) : null}
    </div>
  );
});

export function SendResult({ view }: { view: PreviewSendView }) {
  if (view.ok) {
    return (
      <Alert tone="success" title={`Preview sent to ${view.to}`}>
        From {view.from} through {view.server} in {view.durationMs} ms. Subject: “{view.subject}”.
        {view.response ? (
          <>
            {" "}
            Server reply: <code className="break-all font-mono">{view.response}</code>
          </>
        ) : null}
        {view.mailboxId ? (
          <>
            {" "}
            <Link className="font-medium underline" href={`/templates/sent/${view.mailboxId}`} data-testid="sent-preview-link">
              Open the sent preview (#{view.mailboxId})
            </Link>
          </>
        ) : null}
      </Alert>
    );
  }
  if (view.notConfigured) {
    return (
      <Alert tone="warning" title="No mail service is configured">
        {view.message}
      </Alert>
    );
  }
  return (
    <Alert tone="error" title={`The preview was not sent: ${view.error.title}`}>
      {view.error.explanation}
      {view.error.response ? (
        <>
          {" "}
          Server reply: <code className="font-mono">{view.error.response}</code>
        </>
      ) : null}
    </Alert>
  );
}
