import Link from "next/link";
import { requirePageRole } from "@/lib/auth/session";
import { listMailLog } from "@/lib/db/mail-log";
import { clampPage, cleanText } from "@/lib/http/list-params";
import { env } from "@/lib/env";
import { PageHeader, Badge } from "@/components/ui/card";
import { TranscriptView } from "@/components/mail/transcript-view";

export const metadata = { title: "Mail log" };

const PAGE = 50;

// AEM's com.day.cq.mailer.DefaultMailService log, as a page: one entry per SMTP session.
export default async function MailLogPage({ searchParams }: { searchParams: Promise<{ result?: string | string[]; page?: string | string[]; message?: string | string[] }> }) {
  await requirePageRole("admin");
  const sp = await searchParams;
  const r = cleanText(sp.result);
  const result = r === "ok" || r === "failed" ? r : undefined;
  // Only an outbox id's shape is looked up; anything else shows the whole log.
  const m = cleanText(sp.message);
  const message = m && /^msg_[0-9A-Z]{26}$/.test(m) ? m : undefined;
  const page = clampPage(sp.page);
  const { rows, total, outboxFound } = await listMailLog({ result, outboxId: message, take: PAGE, skip: (page - 1) * PAGE });
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const extra = `${message ? `&message=${message}` : ""}`;
  const q = (p: number) => `?page=${p}${result ? `&result=${result}` : ""}${extra}`;
  return (
    <div>
      <PageHeader
        title="Mail log"
        description={`Every SMTP session (test emails, previews, deliveries), newest first, kept for ${env().HERALD_MAIL_LOG_DAYS} days. Test emails and connection checks always keep their transcript; other sessions keep it while "Debug email" is on in the Mail Service. Credentials are always redacted.`}
      />
      {message ? (
        <p className="mb-3 text-sm" data-testid="mail-log-filter">
          {outboxFound ? (
            <>
              SMTP sessions of outbox message <Link href={`/outbox/${message}`} className="font-mono text-xs underline">{message}</Link>.{" "}
            </>
          ) : (
            <>Outbox message <span className="font-mono text-xs">{message}</span> is no longer in the outbox. </>
          )}
          <Link href="/mail-log" className="underline">Show all sessions</Link>
        </p>
      ) : null}
      <nav aria-label="Filter by result" className="mb-3 flex gap-2 text-sm">
        {[undefined, "ok", "failed"].map((r) => (
          <a key={r ?? "all"} href={r ? `?result=${r}${extra}` : `?${extra.slice(1)}`} aria-current={r === result ? "true" : undefined} className={`rounded-full border px-3 py-1 ${r === result ? "border-brand-500 bg-brand-50 dark:bg-slate-800" : "border-slate-300 dark:border-slate-700"}`}>
            {r ?? "all"}
          </a>
        ))}
      </nav>
      {rows.length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">No SMTP sessions yet.</p> : null}
      <ul className="space-y-2">
        {rows.map((r) => (
          <li key={r.id} className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" data-testid="mail-log-entry">
            <details>
              <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-4 py-3 text-sm">
                <Badge tone={r.result === "ok" ? "green" : "red"}>{r.result}</Badge>
                <Badge>{r.kind}</Badge>
                <time className="text-slate-500 dark:text-slate-400" dateTime={r.at}>{r.at.replace("T", " ").slice(0, 19)} UTC</time>
                <span className="font-mono text-xs">{r.server}</span>
                <span>{r.recipients}</span>
                {r.durationMs !== null ? <span className="text-slate-500 dark:text-slate-400">{r.durationMs} ms</span> : null}
              </summary>
              <div className="space-y-2 border-t border-slate-200 px-4 py-3 text-sm dark:border-slate-800">
                {r.subject ? <p>Subject: {r.subject}</p> : null}
                {r.messageId ? <p>Message-ID: <code className="font-mono text-xs">{r.messageId}</code></p> : null}
                {r.outboxId ? (
                  <p>
                    Outbox message: <Link href={`/outbox/${r.outboxId}`} className="font-mono text-xs underline" data-testid="outbox-link">{r.outboxId}</Link>
                  </p>
                ) : null}
                {r.reply ? <p>Server reply: <code className="font-mono text-xs">{r.reply}</code></p> : null}
                {r.error ? <p className="text-red-700 dark:text-red-300">{r.error}</p> : null}
                {r.transcript ? <TranscriptView lines={r.transcript} /> : <p className="text-xs text-slate-500 dark:text-slate-400">Transcript not kept (turn on “Debug email” in the Mail Service to keep the transcripts of deliveries and previews).</p>}
              </div>
            </details>
          </li>
        ))}
      </ul>
      <p className="mt-3 flex items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
        Page {page} of {pages} · {total} sessions
        {page > 1 ? <a className="underline" href={q(page - 1)}>Newer</a> : null}
        {page < pages ? <a className="underline" href={q(page + 1)}>Older</a> : null}
      </p>
    </div>
  );
}
