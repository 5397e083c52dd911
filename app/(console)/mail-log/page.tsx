import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { STAMP } from "@/lib/i18n/formats";
import { isMailSessionKind } from "@/lib/outbox/labels";
import { requirePageRole } from "@/lib/auth/session";
import { listMailLog } from "@/lib/db/mail-log";
import { clampPage, cleanText } from "@/lib/http/list-params";
import { env } from "@/lib/env";
import { PageHeader, Badge } from "@/components/ui/card";
import { TranscriptView } from "@/components/mail/transcript-view";

export async function generateMetadata() {
  return { title: (await getTranslations("mailLog"))("metaTitle") };
}

const PAGE = 50;

// AEM's com.day.cq.mailer.DefaultMailService log, as a page: one entry per SMTP session.
export default async function MailLogPage({ searchParams }: { searchParams: Promise<{ result?: string | string[]; page?: string | string[]; message?: string | string[] }> }) {
  await requirePageRole("admin");
  const [t, format] = await Promise.all([getTranslations("mailLog"), getFormatter()]);
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
      <PageHeader title={t("title")} description={t("description", { days: env().HERALD_MAIL_LOG_DAYS })} />
      {message ? (
        <p className="mb-3 text-sm" data-testid="mail-log-filter">
          {outboxFound ? (
            t.rich("filterFor", {
              id: message,
              link: (chunks) => (
                <Link href={`/outbox/${message}`} className="font-mono text-xs underline">
                  {chunks}
                </Link>
              ),
            })
          ) : (
            t.rich("gone", { id: message, m: (chunks) => <span className="font-mono text-xs">{chunks}</span> })
          )}{" "}
          <Link href="/mail-log" className="underline">{t("showAll")}</Link>
        </p>
      ) : null}
      <nav aria-label={t("byResult")} className="mb-3 flex gap-2 text-sm">
        {[undefined, "ok", "failed"].map((r) => (
          <a key={r ?? "all"} href={r ? `?result=${r}${extra}` : `?${extra.slice(1)}`} aria-current={r === result ? "true" : undefined} className={`rounded-full border px-3 py-1 ${r === result ? "border-brand-500 bg-brand-50 dark:bg-slate-800" : "border-slate-300 dark:border-slate-700"}`}>
            {r === "ok" ? t("resultOk") : r === "failed" ? t("resultFailed") : t("all")}
          </a>
        ))}
      </nav>
      {rows.length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">{t("none")}</p> : null}
      <ul className="space-y-2">
        {rows.map((r) => (
          <li key={r.id} className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" data-testid="mail-log-entry">
            <details>
              <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-4 py-3 text-sm">
                <Badge tone={r.result === "ok" ? "green" : "red"}>{r.result === "ok" ? t("resultOk") : r.result === "failed" ? t("resultFailed") : r.result}</Badge>
                <Badge>{isMailSessionKind(r.kind) ? t(`kinds.${r.kind}`) : r.kind}</Badge>
                <time className="text-slate-500 dark:text-slate-400" dateTime={r.at}>{format.dateTime(new Date(r.at), STAMP)}</time>
                <span translate="no" className="font-mono text-xs">{r.server}</span>
                <span>{r.recipients}</span>
                {r.durationMs !== null ? <span className="text-slate-500 dark:text-slate-400">{t("duration", { ms: r.durationMs })}</span> : null}
              </summary>
              <div className="space-y-2 border-t border-slate-200 px-4 py-3 text-sm dark:border-slate-800">
                {r.subject ? <p>{t("subject", { subject: r.subject })}</p> : null}
                {r.messageId ? <p>{t.rich("messageId", { id: r.messageId, code: (chunks) => <code className="font-mono text-xs">{chunks}</code> })}</p> : null}
                {r.outboxId ? (
                  <p>
                    {t.rich("outboxMessage", {
                      id: r.outboxId,
                      link: (chunks) => (
                        <Link href={`/outbox/${r.outboxId}`} className="font-mono text-xs underline" data-testid="outbox-link">
                          {chunks}
                        </Link>
                      ),
                    })}
                  </p>
                ) : null}
                {r.reply ? (
                  // A list of its own: the reply is verbatim (translate="no"), apart from its label.
                  <dl className="flex flex-wrap gap-1">
                    <dt>{t("replyLabel")}</dt>
                    <dd translate="no">
                      <code className="font-mono text-xs">{r.reply}</code>
                    </dd>
                  </dl>
                ) : null}
                {r.error ? <p translate="no" className="text-red-700 dark:text-red-300">{r.error}</p> : null}
                {r.transcript ? <TranscriptView lines={r.transcript} label={t("transcript")} /> : <p className="text-xs text-slate-500 dark:text-slate-400">{t("noTranscript")}</p>}
              </div>
            </details>
          </li>
        ))}
      </ul>
      <p className="mt-3 flex items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
        {t("paging", { page, pages, total })}
        {page > 1 ? <a className="underline" href={q(page - 1)}>{t("newer")}</a> : null}
        {page < pages ? <a className="underline" href={q(page + 1)}>{t("older")}</a> : null}
      </p>
    </div>
  );
}
