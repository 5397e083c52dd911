"use client";
// The email as the recipient sees it: From, To, Subject and the plain-text body in monospace with
// white space preserved. Leading spaces (AEM's " \" continuations leave one on every line) are
// marked with faint dots; the text itself stays spaces, so copying it gives the exact body.
// Each body line is a memoised component: a keystroke re-renders only the lines it changed.
import { Fragment, memo, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { placeholderOf, type FamilyId, type RenderError, type VariableProblem, type PropertiesError } from "@/lib/templates";
import { useFamilyName, useTemplateMessage } from "./i18n";
import { splitLeadingSpace } from "./preview-model";

const LEAD =
  "rounded-sm bg-[radial-gradient(circle,rgb(148_163_184/0.75)_1px,transparent_1.5px)] bg-[length:1ch_100%] bg-center bg-repeat-x";
const MARK = "rounded-sm bg-amber-200/70 text-amber-950 dark:bg-amber-500/30 dark:text-amber-100";

/** Splits `rest` around placeholders that were left as written. */
function withMarks(rest: string, marked: string): (string | { mark: string })[] {
  if (!marked || rest.indexOf("${") < 0) return [rest];
  const names = new Set(marked.split("\n"));
  const out: (string | { mark: string })[] = [];
  const re = /\$\{([^\s{}$]+)\}/g;
  let last = 0;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    if (m[1] === undefined || !names.has(m[1])) continue;
    if (m.index > last) out.push(rest.slice(last, m.index));
    out.push({ mark: m[0] });
    last = m.index + m[0].length;
  }
  if (last < rest.length) out.push(rest.slice(last));
  return out;
}

/**
 * One body line as its own block: a keystroke changes one line's text, so the browser lays out
 * that line only, and lines scrolled out of the preview skip layout and paint entirely
 * (content-visibility). Copying still gives the exact text, leading spaces included.
 */
const BodyLine = memo(function BodyLine({ text, marked }: { text: string; marked: string }) {
  const t = useTranslations("templateEditor");
  const [lead, rest] = splitLeadingSpace(text);
  return (
    <div className="min-h-[1lh] [contain-intrinsic-size:auto_1lh] [content-visibility:auto]">
      {lead ? (
        <span className={LEAD} title={t("leadingSpaces", { count: lead.length })}>
          {lead}
        </span>
      ) : null}
      {withMarks(rest, marked).map((part, i) =>
        typeof part === "string" ? (
          part
        ) : (
          <mark key={i} className={MARK} title={t("noValue")}>
            {part.mark}
          </mark>
        ),
      )}
    </div>
  );
});

export interface EmailPreviewProps {
  from: string;
  fromSource: string;
  to: string;
  subject: string;
  body: string;
  problems: readonly VariableProblem[];
  errors: readonly RenderError[];
  parseError: PropertiesError | null;
  family: FamilyId;
  /** Variables taken from the saved configuration (not sample data), shown as such. */
  configured: readonly { name: string; value: string; source: string }[];
}

export const EmailPreview = memo(function EmailPreview({ from, fromSource, to, subject, body, problems, errors, parseError, family, configured }: EmailPreviewProps) {
  const t = useTranslations("templateEditor");
  const message = useTemplateMessage(family);
  const familyInText = useFamilyName().inText(family);
  const source = (chunks: React.ReactNode) => <span translate="no">{chunks}</span>;
  const lines = useMemo(() => {
    const l = body.split("\n");
    // A final line break ends the last line; it does not start an empty one.
    if (l.length > 1 && l[l.length - 1] === "") l.pop();
    return l;
  }, [body]);
  const marked = useMemo(() => problems.map((p) => p.name).join("\n"), [problems]);
  const subjectError = errors.find((e) => e.code === "subject-line-break");
  // Mail clients wrap plain text to their window; off shows each line as it is in the body.
  const [wrap, setWrap] = useState(true);

  return (
    <div className="overflow-hidden rounded-md border border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-950" data-testid="email-preview">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 border-b border-slate-200 bg-slate-50 px-4 py-3 text-sm dark:border-slate-800 dark:bg-slate-900">
        <dt className="text-slate-600 dark:text-slate-400">{t("from")}</dt>
        <dd className="min-w-0 break-words" data-testid="preview-from">
          {from || <span className="text-red-700 dark:text-red-300">{t("notConfigured")}</span>}
          <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">{t.rich("fromConfiguration", { source: fromSource, src: source })}</span>
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">{t("to")}</dt>
        <dd className="min-w-0 break-words" data-testid="preview-to">
          {to} <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">{t("sampleRecipient")}</span>
        </dd>
        {configured.map((c) => (
          <Fragment key={c.name}>
            <dt className="font-mono text-xs leading-5 text-slate-600 dark:text-slate-400">{placeholderOf(c.name)}</dt>
            <dd className="min-w-0 break-words" data-testid="preview-configured" data-name={c.name}>
              {c.value || <span className="text-red-700 dark:text-red-300">{t("emptyValue")}</span>}
              <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">{t.rich("fromConfiguration", { source: c.source, src: source })}</span>
            </dd>
          </Fragment>
        ))}
        <dt className="text-slate-600 dark:text-slate-400">{t("subject")}</dt>
        <dd className="min-w-0 break-words font-semibold" data-testid="preview-subject">
          {subject || <span className="font-normal italic text-slate-500 dark:text-slate-400">{t("emptySubject")}</span>}
        </dd>
      </dl>
      {subjectError ? (
        <p className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200">{message(subjectError.i18n)}</p>
      ) : null}
      {parseError ? (
        <p role="alert" className="border-b border-red-200 bg-red-50 px-4 py-2 text-xs text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {t("javaCannotRead", { message: message(parseError.i18n) })}
        </p>
      ) : null}
      <div className="flex justify-end border-b border-slate-100 px-4 pt-1 dark:border-slate-900">
        <label className="inline-flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} className="accent-brand-600" />
          {t("wrap")}
        </label>
      </div>
      <div
        className={`max-h-[60vh] overflow-auto px-4 py-3 font-mono text-[13px] leading-relaxed text-slate-900 dark:text-slate-100 ${wrap ? "whitespace-pre-wrap break-words" : "whitespace-pre"}`}
        data-testid="preview-body"
        role="region"
        aria-label={t("bodyLabel", { family: familyInText })}
        tabIndex={0}
      >
        {lines.map((l, i) => (
          <BodyLine key={i} text={l} marked={marked} />
        ))}
      </div>
      {problems.length ? (
        <ul className="space-y-0.5 border-t border-slate-200 px-4 py-2 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400" aria-label={t("placeholdersLeft")}>
          {problems.map((p) => (
            <li key={p.name}>
              {t.rich(p.reason === "unknown" ? "problemUnknown" : "problemNoSample", {
                placeholder: "${" + p.name + "}",
                family: familyInText,
                keys: p.keys.join(", "),
                code: (chunks) => <code className={MARK}>{chunks}</code>,
              })}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
});
