import { getFormatter, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { listAudit } from "@/lib/db/audit";
import { clampPage, cleanText } from "@/lib/http/list-params";
import { STAMP } from "@/lib/i18n/formats";
import { PageHeader, Badge } from "@/components/ui/card";
import { AUDIT_WORDS, formatAuditDetail, type AuditWords } from "@/lib/audit/format";

export async function generateMetadata() {
  return { title: (await getTranslations("audit"))("metaTitle") };
}

const PAGE = 50;
const FILTERS = ["auth", "user", "config", "oauth", "template", "recipient", "apikey", "outbox"] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ page?: string | string[]; action?: string | string[] }> }) {
  await requirePageRole("admin");
  const [t, format] = await Promise.all([getTranslations("audit"), getFormatter()]);
  const sp = await searchParams;
  const page = clampPage(sp.page);
  const action = (FILTERS as readonly string[]).includes(cleanText(sp.action) ?? "") ? cleanText(sp.action) : undefined;
  const { rows, total } = await listAudit({ take: PAGE, skip: (page - 1) * PAGE, action });
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const q = (p: number) => `?page=${p}${action ? `&action=${action}` : ""}`;
  const words = Object.fromEntries(Object.keys(AUDIT_WORDS).map((k) => [k, t(`words.${k}` as never)])) as AuditWords;
  // The event's stable code (user.password_failed) stays as recorded; its description is the reader's language.
  const describe = (code: string) => (t.has(`events.${code}` as never) ? t(`events.${code}` as never) : null);
  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      <nav aria-label={t("filter")} className="mb-3 flex flex-wrap gap-2 text-sm">
        {[undefined, ...FILTERS].map((a) => (
          <a key={a ?? "all"} href={a ? `?action=${a}` : "?"} aria-current={a === action ? "true" : undefined} className={`rounded-full border px-3 py-1 ${a === action ? "border-brand-500 bg-brand-50 dark:bg-slate-800" : "border-slate-300 dark:border-slate-700"}`}>
            {t(`filters.${a ?? "all"}`)}
          </a>
        ))}
      </nav>
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
          <thead className="bg-slate-100 text-left dark:bg-slate-900">
            <tr>
              <th className="px-3 py-2 font-medium">{t("when")}</th>
              <th className="px-3 py-2 font-medium">{t("who")}</th>
              <th className="px-3 py-2 font-medium">{t("what")}</th>
              <th className="px-3 py-2 font-medium">{t("target")}</th>
              <th className="px-3 py-2 font-medium">{t("detail")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white dark:divide-slate-800 dark:bg-slate-950">
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="whitespace-nowrap px-3 py-2 text-slate-500 dark:text-slate-400"><time dateTime={r.at.toISOString()}>{format.dateTime(r.at, STAMP)}</time></td>
                <td className="px-3 py-2">{r.actor ?? "—"}</td>
                <td className="px-3 py-2" translate="no"><Badge tone={r.action.endsWith("failed") ? "red" : "slate"}>{r.action}</Badge></td>
                <td className="px-3 py-2 font-mono text-xs">{r.target ?? ""}</td>
                <td className="min-w-[16rem] px-3 py-2 text-xs" data-testid="audit-detail">
                  <AuditDetail event={describe(r.action)} action={r.action} target={r.target} detail={r.detail} words={words} />
                </td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr><td colSpan={5} className="px-3 py-6 text-center text-slate-500 dark:text-slate-400">{t("empty")}</td></tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <p className="mt-3 flex items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
        {t("paging", { page, pages, total })}
        {page > 1 ? <a className="underline" href={q(page - 1)}>{t("newer")}</a> : null}
        {page < pages ? <a className="underline" href={q(page + 1)}>{t("older")}</a> : null}
      </p>
    </div>
  );
}

// What happened in words, then the stored JSON as readable lines: facts first, then one
// "field: old → new" line per change (keys and values as stored).
function AuditDetail({ event, action, target, detail, words }: { event: string | null; action: string; target: string | null; detail: string | null; words: AuditWords }) {
  const view = formatAuditDetail(action, target, detail, words);
  if (!event && !view.summary.length && !view.changes.length) return null;
  return (
    <div className="space-y-1">
      {event ? <p className="font-medium" data-testid="audit-event">{event}</p> : null}
      {view.summary.length ? <p className="text-slate-600 dark:text-slate-400">{view.summary.join(" · ")}</p> : null}
      {view.changes.length ? (
        <ul className="space-y-0.5 font-mono [overflow-wrap:anywhere]">
          {view.changes.map((c, i) => <li key={i}>{c}</li>)}
        </ul>
      ) : null}
    </div>
  );
}
