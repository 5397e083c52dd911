import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { STAMP } from "@/lib/i18n/formats";
import type { MailboxSummary } from "@/lib/mailbox/store";

/** The list of captured mails (left column of the mailbox pages), each with how long ago it came. */
export function MailList({ rows, current }: { rows: MailboxSummary[]; current?: number }) {
  const t = useTranslations("mailbox");
  const format = useFormatter();
  const now = useNow();
  if (!rows.length) return <p className="text-sm text-slate-500 dark:text-slate-400">{t("noMail")}</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-950">
      {rows.map((r) => (
        <li key={r.id} data-testid="mailbox-item">
          <Link href={`/mailbox/${r.id}`} aria-current={r.id === current ? "page" : undefined} className={`block px-3 py-2 hover:bg-slate-50 dark:hover:bg-slate-900 ${r.id === current ? "bg-brand-50 dark:bg-slate-800" : ""}`}>
            <span className="block truncate font-medium" translate={r.subject ? "no" : undefined}>{r.subject ?? t("noSubject")}</span>
            <span className="block truncate text-xs text-slate-600 dark:text-slate-400" title={format.dateTime(new Date(r.receivedAt), STAMP)}>
              {t("listLine", { to: r.to ?? r.envelopeTo, at: format.relativeTime(new Date(r.receivedAt), now) })}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
