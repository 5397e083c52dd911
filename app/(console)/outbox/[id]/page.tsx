import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { STAMP } from "@/lib/i18n/formats";
import { requirePageRole } from "@/lib/auth/session";
import { getMessage } from "@/lib/outbox/queries";
import { countMailLogFor } from "@/lib/db/mail-log";
import { Card, PageHeader } from "@/components/ui/card";
import { StatusBadge } from "@/components/outbox/status-badge";
import { MessageActions } from "@/components/outbox/message-actions";
import { HeldNotice } from "@/components/outbox/held-notice";
import { currentHold, isWaiting } from "@/lib/outbox/held";
import { cancelMessagesAction, retryMessagesAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("message"))("metaTitle") };
}

// No scripts, no network (remote images, trackers) inside the preview frame.
const FRAME_CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">`;

export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("admin");
  const { id } = await params;
  const m = await getMessage(id);
  if (!m) notFound();
  const hold = isWaiting(m.status) ? await currentHold() : null;
  const sessions = await countMailLogFor(m.messageId);
  const [t, format] = await Promise.all([getTranslations("message"), getFormatter()]);
  const time = (iso: string | null) => (iso ? format.dateTime(new Date(iso), STAMP) : "—");
  const facts: [string, React.ReactNode][] = [
    [t("status"), <StatusBadge key="s" status={hold ? "held" : m.status} />],
    [t("from"), m.from],
    [t("to"), m.to],
    ...(m.cc ? ([[t("cc"), m.cc]] as [string, string][]) : []),
    ...(m.bcc ? ([[t("bcc"), m.bcc]] as [string, string][]) : []),
    ...(m.replyTo ? ([[t("replyTo"), m.replyTo]] as [string, string][]) : []),
    [t("kind"), m.family ? t("kindTemplate", { family: m.family, language: m.language ?? "" }) : t("directMail")],
    [t("attempts"), String(m.attempts)],
    [t("created"), time(m.createdAt)],
    ...(m.nextAttemptAt ? ([[t("nextAttempt"), time(m.nextAttemptAt)]] as [string, string][]) : []),
    ...(m.sentAt ? ([[t("sent"), time(m.sentAt)]] as [string, string][]) : []),
    [t("lastReply"), <code key="r" translate="no" data-testid="smtp-reply" className="font-mono text-xs">{m.smtpReply ?? "—"}</code>],
    ...(m.lastError ? ([[t("lastError"), <span key="e" translate="no" data-testid="last-error" className="text-red-700 dark:text-red-300">{m.lastError}</span>]] as [string, React.ReactNode][]) : []),
    [t("messageId"), <code key="m" className="font-mono text-xs">{m.messageId}</code>],
    [t("source"), m.source],
    [
      t("mailLog"),
      sessions ? (
        <Link key="l" href={`/mail-log?message=${encodeURIComponent(m.id)}`} className="underline" data-testid="mail-log-link">
          {t("sessions", { count: sessions })}
        </Link>
      ) : (
        <span key="l" className="text-slate-500">{t("noSession")}</span>
      ),
    ],
  ];
  const verbatim = new Set([t("lastReply"), t("lastError"), t("messageId")]);
  return (
    <div className="space-y-6">
      <PageHeader title={m.subject} description={t("description", { id: m.id })} actions={<Link className="text-sm underline" href="/outbox">{t("back")}</Link>} />
      <MessageActions id={m.id} status={m.status} retry={retryMessagesAction} cancel={cancelMessagesAction} />
      {hold ? <HeldNotice hold={hold} /> : null}
      <Card title={t("delivery")}>
        <dl className="grid gap-x-6 gap-y-2 text-sm md:grid-cols-[10rem_1fr]">
          {facts.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-medium text-slate-600 dark:text-slate-400">{k}</dt>
              {/* SMTP replies, errors and ids are shown verbatim. */}
              <dd translate={verbatim.has(k) ? "no" : undefined}>{v}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title={t("history")}>
        {m.history.length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">{t("notAttempted")}</p> : null}
        <ol className="flex flex-col gap-2 text-sm">
          {m.history.map((h, i) => (
            // The card is a <section>, so the attempt's label line and the verbatim reply below it are
            // read apart (the <li> only carries the list semantics).
            <li key={i} className="contents">
              <section className="block rounded border border-slate-200 p-2 dark:border-slate-800" data-testid="attempt">
                <span className="font-medium">{h.attempt ? t("attempt", { n: h.attempt }) : t("admin")}</span> · {time(h.at)} · <span className="font-medium">{t("result", { result: h.result })}</span>
                {h.durationMs !== null ? <> · {t("duration", { ms: h.durationMs })}</> : null}
                {h.reply ? <code translate="no" className="mt-1 block font-mono text-xs">{h.reply}</code> : null}
                {h.error ? <span translate="no" className="mt-1 block text-slate-600 dark:text-slate-400">{h.error}</span> : null}
              </section>
            </li>
          ))}
        </ol>
      </Card>
      <Card title={t("rendered")}>
        <p className="mb-2 text-sm"><span className="font-medium">{t("subject")}</span> {m.subject}</p>
        <pre data-testid="message-body" className="max-h-[32rem] overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-3 font-mono text-xs dark:bg-slate-900">{m.text}</pre>
        {m.html ? (
          <iframe title={t("htmlPart")} sandbox="" referrerPolicy="no-referrer" srcDoc={FRAME_CSP + m.html} className="mt-3 h-96 w-full rounded border border-slate-200 bg-white dark:border-slate-800" />
        ) : null}
      </Card>
    </div>
  );
}
