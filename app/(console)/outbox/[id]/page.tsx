import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/lib/auth/session";
import { getMessage } from "@/lib/outbox/queries";
import { countMailLogFor } from "@/lib/db/mail-log";
import { Card, PageHeader } from "@/components/ui/card";
import { StatusBadge } from "@/components/outbox/status-badge";
import { MessageActions } from "@/components/outbox/message-actions";
import { HeldNotice } from "@/components/outbox/held-notice";
import { currentHold, isWaiting } from "@/lib/outbox/held";
import { cancelMessagesAction, retryMessagesAction } from "../actions";

export const metadata = { title: "Outbox message" };

// No scripts, no network (remote images, trackers) inside the preview frame.
const FRAME_CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">`;

const time = (iso: string | null) => (iso ? `${iso.replace("T", " ").slice(0, 19)} UTC` : "—");

export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("admin");
  const { id } = await params;
  const m = await getMessage(id);
  if (!m) notFound();
  const hold = isWaiting(m.status) ? await currentHold() : null;
  const sessions = await countMailLogFor(m.messageId);
  const facts: [string, React.ReactNode][] = [
    ["Status", <StatusBadge key="s" status={hold ? "held" : m.status} />],
    ["From", m.from],
    ["To", m.to],
    ...(m.cc ? ([["Cc", m.cc]] as [string, string][]) : []),
    ...(m.bcc ? ([["Bcc", m.bcc]] as [string, string][]) : []),
    ...(m.replyTo ? ([["Reply-To", m.replyTo]] as [string, string][]) : []),
    ["Kind", m.family ? `${m.family} template, ${m.language}` : "direct mail"],
    ["Attempts", String(m.attempts)],
    ["Created", time(m.createdAt)],
    ...(m.nextAttemptAt ? ([["Next attempt", time(m.nextAttemptAt)]] as [string, string][]) : []),
    ...(m.sentAt ? ([["Sent", time(m.sentAt)]] as [string, string][]) : []),
    ["Last SMTP reply", <code key="r" data-testid="smtp-reply" className="font-mono text-xs">{m.smtpReply ?? "—"}</code>],
    ...(m.lastError ? ([["Last error", <span key="e" data-testid="last-error" className="text-red-700 dark:text-red-300">{m.lastError}</span>]] as [string, React.ReactNode][]) : []),
    ["Message-ID", <code key="m" className="font-mono text-xs">{m.messageId}</code>],
    ["Source", m.source],
    [
      "Mail log",
      sessions ? (
        <Link key="l" href={`/mail-log?message=${encodeURIComponent(m.id)}`} className="underline" data-testid="mail-log-link">
          {sessions === 1 ? "1 SMTP session" : `${sessions} SMTP sessions`}
        </Link>
      ) : (
        <span key="l" className="text-slate-500">no SMTP session yet</span>
      ),
    ],
  ];
  return (
    <div className="space-y-6">
      <PageHeader title={m.subject} description={`Outbox message ${m.id}`} actions={<Link className="text-sm underline" href="/outbox">Back to the outbox</Link>} />
      <MessageActions id={m.id} status={m.status} retry={retryMessagesAction} cancel={cancelMessagesAction} />
      {hold ? <HeldNotice hold={hold} /> : null}
      <Card title="Delivery">
        <dl className="grid gap-x-6 gap-y-2 text-sm md:grid-cols-[10rem_1fr]">
          {facts.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-medium text-slate-600 dark:text-slate-400">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title="Attempts">
        {m.history.length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">Not attempted yet.</p> : null}
        <ol className="space-y-2 text-sm">
          {m.history.map((h, i) => (
            <li key={i} className="rounded border border-slate-200 p-2 dark:border-slate-800" data-testid="attempt">
              <span className="font-medium">{h.attempt ? `Attempt ${h.attempt}` : "Admin"}</span> · {time(h.at)} · <span className="font-medium">{h.result}</span>
              {h.durationMs !== null ? ` · ${h.durationMs} ms` : ""}
              {h.reply ? <code className="mt-1 block font-mono text-xs">{h.reply}</code> : null}
              {h.error ? <span className="mt-1 block text-slate-600 dark:text-slate-400">{h.error}</span> : null}
            </li>
          ))}
        </ol>
      </Card>
      <Card title="Message as rendered">
        <p className="mb-2 text-sm"><span className="font-medium">Subject:</span> {m.subject}</p>
        <pre data-testid="message-body" className="max-h-[32rem] overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-3 font-mono text-xs dark:bg-slate-900">{m.text}</pre>
        {m.html ? (
          <iframe title="HTML part" sandbox="" referrerPolicy="no-referrer" srcDoc={FRAME_CSP + m.html} className="mt-3 h-96 w-full rounded border border-slate-200 bg-white dark:border-slate-800" />
        ) : null}
      </Card>
    </div>
  );
}
