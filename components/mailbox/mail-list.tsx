import Link from "next/link";
import type { MailboxSummary } from "@/lib/mailbox/store";

/** The list of captured mails (left column of the mailbox pages). */
export function MailList({ rows, current }: { rows: MailboxSummary[]; current?: number }) {
  if (!rows.length) return <p className="text-sm text-slate-500 dark:text-slate-400">No mail yet.</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-950">
      {rows.map((r) => (
        <li key={r.id} data-testid="mailbox-item">
          <Link href={`/mailbox/${r.id}`} aria-current={r.id === current ? "page" : undefined} className={`block px-3 py-2 hover:bg-slate-50 dark:hover:bg-slate-900 ${r.id === current ? "bg-brand-50 dark:bg-slate-800" : ""}`}>
            <span className="block truncate font-medium">{r.subject ?? "(no subject)"}</span>
            <span className="block truncate text-xs text-slate-600 dark:text-slate-400">
              to {r.to ?? r.envelopeTo} · {r.receivedAt.replace("T", " ").slice(5, 19)}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
