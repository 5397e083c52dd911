"use client";
// A unified line diff (old and new line numbers, − and + marks), as in a code review.
import { useMemo } from "react";
import { lineDiff } from "./diff-model";

export function DiffView({ oldText, newText, oldLabel, newLabel, testId }: { oldText: string; newText: string; oldLabel: string; newLabel: string; testId?: string }) {
  const diff = useMemo(() => lineDiff(oldText, newText), [oldText, newText]);
  if (diff.added === 0 && diff.removed === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid={testId}>
        No differences: {newLabel} is the same as {oldLabel}.
      </p>
    );
  }
  return (
    <div data-testid={testId}>
      <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">
        <span className="font-mono text-red-700 dark:text-red-300">− {oldLabel}</span> ·{" "}
        <span className="font-mono text-green-700 dark:text-green-300">+ {newLabel}</span> ·{" "}
        {diff.added} line{diff.added === 1 ? "" : "s"} added, {diff.removed} removed
      </p>
      <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
        <table className="w-full border-collapse font-mono text-xs">
          <caption className="sr-only">
            Line differences between {oldLabel} and {newLabel}
          </caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">Old line</th>
              <th scope="col">New line</th>
              <th scope="col">Change</th>
              <th scope="col">Text</th>
            </tr>
          </thead>
          <tbody>
            {diff.rows.map((r, i) =>
              r.kind === "skip" ? (
                <tr key={i} className="bg-slate-50 text-slate-500 dark:bg-slate-900 dark:text-slate-400">
                  <td colSpan={4} className="px-3 py-1 italic">
                    … {r.count} unchanged line{r.count === 1 ? "" : "s"}
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
                  <td className="w-5 select-none text-center" aria-label={r.kind === "add" ? "added" : r.kind === "del" ? "removed" : "unchanged"}>
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
