"use client";
// Every change of one template file, newest first: who, when, what; each opens its diff against
// the version before it.
import { memo, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/card";
import { DiffView } from "./diff-view";
import { MINUTE } from "./format";
import type { HistoryEntry } from "./types";

const TONE: Record<string, "slate" | "green" | "amber" | "red" | "blue"> = { save: "amber", reset: "slate", add: "blue", remove: "red" };

function HistoryItem({ entry, text, previous, previousLabel }: { entry: HistoryEntry; text: string; previous: string | null; previousLabel: string }) {
  const t = useTranslations("templateEditor");
  const format = useFormatter();
  const [open, setOpen] = useState(false);
  return (
    <li className="py-2">
      <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary className="cursor-pointer rounded text-sm">
          <Badge tone={TONE[entry.action] ?? "slate"}>{t("historyAction", { action: entry.action })}</Badge> <span className="font-medium">{entry.actor ?? t("unknownActor")}</span>{" "}
          <time dateTime={entry.at} className="text-slate-500 dark:text-slate-400">
            {format.dateTime(new Date(entry.at), MINUTE)}
          </time>
        </summary>
        <div className="mt-2">
          {open ? (
            entry.action === "add" ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">{t("historyAdded")}</p>
            ) : entry.action === "remove" ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">{t("historyRemoved")}</p>
            ) : previous === null ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">{t("historyNoEarlier")}</p>
            ) : (
              <DiffView oldText={previous} newText={text} oldLabel={previousLabel} newLabel={t("thisVersion")} />
            )
          ) : null}
        </div>
      </details>
    </li>
  );
}

export const HistoryList = memo(function HistoryList({ entries, defaultText }: { entries: HistoryEntry[]; defaultText: string | null }) {
  const t = useTranslations("templateEditor");
  if (entries.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">{t("historyEmpty")}</p>;
  }
  // The text each version left behind: a reset leaves the default, a removal leaves nothing.
  const after = entries.map((e) => e.text ?? (e.action === "reset" ? defaultText ?? "" : ""));
  return (
    <ol className="divide-y divide-slate-200 dark:divide-slate-800" aria-label={t("historyLabel")} data-testid="template-history">
      {entries.map((e, i) => {
        const older = after[i + 1] ?? defaultText;
        const olderLabel = i + 1 < entries.length ? t("previousVersion") : t("shippedDefault");
        return <HistoryItem key={e.id} entry={e} text={after[i] ?? ""} previous={older} previousLabel={olderLabel} />;
      })}
    </ol>
  );
});
