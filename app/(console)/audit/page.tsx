import { requirePageRole } from "@/lib/auth/session";
import { listAudit } from "@/lib/db/audit";
import { clampPage, cleanText } from "@/lib/http/list-params";
import { PageHeader, Badge } from "@/components/ui/card";
import { formatAuditDetail } from "@/lib/audit/format";

export const metadata = { title: "Audit" };

const PAGE = 50;

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ page?: string | string[]; action?: string | string[] }> }) {
  await requirePageRole("admin");
  const sp = await searchParams;
  const page = clampPage(sp.page);
  const action = ["auth", "user", "config", "template", "oauth", "recipient", "apikey", "outbox"].includes(cleanText(sp.action) ?? "") ? cleanText(sp.action) : undefined;
  const { rows, total } = await listAudit({ take: PAGE, skip: (page - 1) * PAGE, action });
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const q = (p: number) => `?page=${p}${action ? `&action=${action}` : ""}`;
  return (
    <div>
      <PageHeader title="Audit" description="Sign-ins, user changes, configuration and template changes, newest first." />
      <nav aria-label="Filter" className="mb-3 flex flex-wrap gap-2 text-sm">
        {[undefined, "auth", "user", "config", "oauth", "template", "recipient", "apikey", "outbox"].map((a) => (
          <a key={a ?? "all"} href={a ? `?action=${a}` : "?"} aria-current={a === action ? "true" : undefined} className={`rounded-full border px-3 py-1 ${a === action ? "border-brand-500 bg-brand-50 dark:bg-slate-800" : "border-slate-300 dark:border-slate-700"}`}>
            {a ?? "all"}
          </a>
        ))}
      </nav>
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
          <thead className="bg-slate-100 text-left dark:bg-slate-900">
            <tr>
              <th className="px-3 py-2 font-medium">When</th>
              <th className="px-3 py-2 font-medium">Who</th>
              <th className="px-3 py-2 font-medium">What</th>
              <th className="px-3 py-2 font-medium">Target</th>
              <th className="px-3 py-2 font-medium">Detail</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white dark:divide-slate-800 dark:bg-slate-950">
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="whitespace-nowrap px-3 py-2 text-slate-500 dark:text-slate-400"><time dateTime={r.at.toISOString()}>{r.at.toISOString().replace("T", " ").slice(0, 19)}</time></td>
                <td className="px-3 py-2">{r.actor ?? "—"}</td>
                <td className="px-3 py-2"><Badge tone={r.action.endsWith("failed") ? "red" : "slate"}>{r.action}</Badge></td>
                <td className="px-3 py-2 font-mono text-xs">{r.target ?? ""}</td>
                <td className="min-w-[16rem] px-3 py-2 text-xs" data-testid="audit-detail">
                  <AuditDetail action={r.action} target={r.target} detail={r.detail} />
                </td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr><td colSpan={5} className="px-3 py-6 text-center text-slate-500 dark:text-slate-400">Nothing recorded yet.</td></tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <p className="mt-3 flex items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
        Page {page} of {pages} · {total} events
        {page > 1 ? <a className="underline" href={q(page - 1)}>Newer</a> : null}
        {page < pages ? <a className="underline" href={q(page + 1)}>Older</a> : null}
      </p>
    </div>
  );
}

// The stored JSON as readable lines: facts first, then one "field: old → new" line per change.
function AuditDetail({ action, target, detail }: { action: string; target: string | null; detail: string | null }) {
  const view = formatAuditDetail(action, target, detail);
  if (!view.summary.length && !view.changes.length) return null;
  return (
    <div className="space-y-1">
      {view.summary.length ? <p className="text-slate-600 dark:text-slate-400">{view.summary.join(" · ")}</p> : null}
      {view.changes.length ? (
        <ul className="space-y-0.5 font-mono [overflow-wrap:anywhere]">
          {view.changes.map((c, i) => <li key={i}>{c}</li>)}
        </ul>
      ) : null}
    </div>
  );
}
