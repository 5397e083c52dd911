"use client";
// A unified line diff (old and new line numbers, − and + marks), as in a code review.
import { useMemo } from "react";
import { useTranslations } from "next-intl";
import { lineDiff } from "./diff-model";

export function DiffView({ oldText, newText, oldLabel, newLabel, testId }: { oldText: string; newText: string; oldLabel: string; newLabel: string; testId?: string }) {
  const t = useTranslations("templateEditor");
  const diff = useMemo(() => lineDiff(oldText, newText), [oldText, newText]);
  if (diff.added === 0 && diff.removed === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid={testId}>
        {t("diffSame", { new: newLabel, old: oldLabel })}
      </p>
    );
  }
  const minus = `− ${oldLabel}`;
  const plus = `+ ${newLabel}`;
  return (
    <div data-testid={testId}>
      <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">
        <span className="text-red-700 dark:text-red-300">{minus}</span> ·{" "}
        <span className="text-green-700 dark:text-green-300">{plus}</span> · {t("diffCounts", { added: diff.added, removed: diff.removed })}
      </p>
      <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
        <table className="w-full border-collapse font-mono text-xs">
          <caption className="sr-only">{t("diffCaption", { old: oldLabel, new: newLabel })}</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">{t("diffOldLine")}</th>
              <th scope="col">{t("diffNewLine")}</th>
              <th scope="col">{t("diffChange")}</th>
              <th scope="col">{t("diffText")}</th>
            </tr>
          </thead>
          <tbody>
            {diff.rows.map((r, i) =>
              r.kind === "skip" ? (
                <tr key={i} className="bg-slate-50 text-slate-500 dark:bg-slate-900 dark:text-slate-400">
                  <td colSpan={4} className="px-3 py-1 font-sans italic">
                    {t("diffUnchanged", { count: r.count })}
                  </td>
                </tr>
              ) : (
                <tr
                  key={i}
                  className={
                    r.kind === "add"
                      ? "bg-green-50 text-green-950 dark:bg-green-950/60 dark:text-green-100"
                      : r.kind === "del"
                        ? "bg-red-50 text-red-950 dark:bg-red-950/60 dark:text-red-100"
                        : "text-slate-700 dark:text-slate-300"
                  }
                >
                  <td className="w-10 select-none px-2 text-right text-slate-600 dark:text-slate-400">{r.oldNo ?? ""}</td>
                  <td className="w-10 select-none px-2 text-right text-slate-600 dark:text-slate-400">{r.newNo ?? ""}</td>
                  <td className="w-5 select-none text-center" aria-label={t("diffKind", { kind: r.kind })}>
                    {r.kind === "add" ? "+" : r.kind === "del" ? "−" : ""}
                  </td>
                  <td className="whitespace-pre-wrap break-all py-0.5 pr-3">{r.text}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
