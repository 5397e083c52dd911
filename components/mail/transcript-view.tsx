import { useTranslations } from "next-intl";
import type { TranscriptLine } from "@/lib/mail/transcript";

/** "  120ms S: " — the time into the session and who spoke (verbatim, not UI). */
const prefix = (l: TranscriptLine) => `${String(l.t).padStart(5, " ")}ms ${l.dir === "info" ? "  " : l.dir + ":"} `;

/**
 * An SMTP transcript: client lines, server replies and notes, credentials already redacted. The
 * lines are shown verbatim (translate="no"); only the label is in the reader's language.
 */
export function TranscriptView({ lines, label }: { lines: TranscriptLine[]; label?: string }) {
  const t = useTranslations("mailLog");
  return (
    <pre aria-label={label ?? t("transcript")} translate="no" data-testid="transcript" className="max-h-96 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100">
      {lines.map((l, i) => (
        <div key={i} className={l.dir === "C" ? "text-sky-300" : l.dir === "S" ? (/^[45]\d\d/.test(l.text) ? "text-red-300" : "text-emerald-300") : l.level === "error" ? "text-red-300" : "text-slate-400"}>
          <span className="select-none text-slate-500 dark:text-slate-400">{prefix(l)}</span>
          {l.text}
        </div>
      ))}
    </pre>
  );
}
