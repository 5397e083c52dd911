"use client";
// Every change of one template file, newest first: who, when, what; each opens its diff against
// the version before it.
import { memo, useState } from "react";
import { Badge } from "@/components/ui/card";
import { DiffView } from "./diff-view";
import { formatTime } from "./format";
import type { HistoryEntry } from "./types";

const ACTION: Record<string, { label: string; tone: "slate" | "green" | "amber" | "red" | "blue" }> = {
  save: { label: "Saved", tone: "amber" },
  reset: { label: "Reset to default", tone: "slate" },
  add: { label: "Language added", tone: "blue" },
  remove: { label: "Language removed", tone: "red" },
};


function HistoryItem({ entry, text, previous, previousLabel }: { entry: HistoryEntry; text: string; previous: string | null; previousLabel: string }) {
  const [open, setOpen] = useState(false);
  const a = ACTION[entry.action] ?? { label: entry.action, tone: "slate" as const };
  return (
    <li className="py-2">
      <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary className="cursor-pointer rounded text-sm">
          <Badge tone={a.tone}>{a.label}</Badge> <span className="font-medium">{entry.actor ?? "unknown"}</span>{" "}
          <time dateTime={entry.at} className="text-slate-500 dark:text-slate-400">
            {formatTime(entry.at)}
          </time>
        </summary>
        <div className="mt-2">
          {open ? (
            entry.action === "add" ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">Started as a copy of the English (en) template.</p>
            ) : entry.action === "remove" ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">The language was removed; recipients got English from then on.</p>
            ) : previous === null ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">No earlier version to compare with.</p>
            ) : (
              <DiffView oldText={previous} newText={text} oldLabel={previousLabel} newLabel="this version" />
            )
          ) : null}
        </div>
      </details>
    </li>
  );
}

export const HistoryList = memo(function HistoryList({ entries, defaultText }: { entries: HistoryEntry[]; defaultText: string | null }) {
  if (entries.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">No changes yet: this is the shipped default.</p>;
  }
  // The text each version left behind: a reset leaves the default, a removal leaves nothing.
  const after = entries.map((e) => e.text ?? (e.action === "reset" ? defaultText ?? "" : ""));
  return (
    <ol className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Template history, newest first" data-testid="template-history">
      {entries.map((e, i) => {
        const older = after[i + 1] ?? defaultText;
        const olderLabel = i + 1 < entries.length ? "previous version" : "shipped default";
        return <HistoryItem key={e.id} entry={e} text={after[i] ?? ""} previous={older} previousLabel={olderLabel} />;
      })}
    </ol>
  );
});
