import Link from "next/link";
import type { SendingStatus } from "@/lib/outbox/status";
import { sendingVerdict } from "@/lib/outbox/verdict";
import { Alert, Badge, Card } from "@/components/ui/card";

const ago = (iso: string) => `${iso.replace("T", " ").slice(0, 19)} UTC`;

/**
 * Whether mail can go out right now, and why not: one verdict from the target, the OAuth2
 * authorization and the workers together (lib/outbox/verdict.ts), each reason once.
 */
export function SendingStatusCard({ s }: { s: SendingStatus }) {
  const alive = s.workers.filter((w) => w.alive);
  const paused = alive.find((w) => w.paused);
  const v = sendingVerdict(s);
  const tone = v.level === "ok" ? "green" : v.level === "warning" ? "amber" : "red";
  return (
    <Card
      title="Sending"
      actions={
        <span data-testid="sending-verdict" data-level={v.level}>
          <Badge tone={tone}>{v.headline}</Badge>
        </span>
      }
    >
      <div className="space-y-3 text-sm" data-testid="sending-status">
        {v.reasons.length ? (
          <Alert tone={v.level === "error" ? "error" : "warning"} title={v.headline}>
            <ul className="mt-1 list-disc space-y-1 pl-5" data-testid="sending-reasons">
              {v.reasons.map((r) => (
                <li key={r.text} className="break-words">
                  {r.text}
                  {r.link ? (
                    <>
                      {" "}
                      <Link className="font-medium underline" href={r.link.href}>
                        {r.link.label}
                      </Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {s.target.kind === "mailbox" && s.target.why === "unconfigured" ? (
          <Alert tone="info" title="No SMTP server configured yet">
            Mail goes to Herald&apos;s built-in mailbox{s.mailbox.port ? ` on 127.0.0.1:${s.mailbox.port}` : ""} so you can try everything right away. <Link className="underline" href="/mailbox">Open the mailbox</Link>, or configure the{" "}
            <Link className="underline" href="/configuration/com.day.cq.mailer.DefaultMailService">Day CQ Mail Service</Link> to send for real.
          </Alert>
        ) : null}
        {s.sandbox ? (
          <Alert tone="warning" title="Sandbox on">
            Every message goes to the <Link className="underline" href="/mailbox">built-in mailbox</Link>, not to the configured server.
          </Alert>
        ) : null}
        <dl className="grid grid-cols-[minmax(0,9rem)_minmax(0,1fr)] gap-x-3 gap-y-1">
          <dt className="text-slate-600 dark:text-slate-400">Sending through</dt>
          <dd className="min-w-0 break-words">{s.target.label}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Worker</dt>
          <dd className="min-w-0 break-words" title={alive.map((w) => w.id).join(", ")}>
            {alive.length ? `${alive.length} running` : "none running"}
            {paused ? ` — paused until ${ago(paused.pausedUntil!)}` : ""}
          </dd>
          <dt className="text-slate-600 dark:text-slate-400">Last SMTP result</dt>
          <dd className="min-w-0 break-words">
            {s.lastSmtp ? (
              <>
                <Badge tone={s.lastSmtp.ok ? "green" : "red"}>{s.lastSmtp.ok ? "ok" : "failed"}</Badge> {s.lastSmtp.kind} via {s.lastSmtp.server}, {ago(s.lastSmtp.at)}
                {s.lastSmtp.detail ? <span className="block break-words text-xs text-slate-600 dark:text-slate-400">{s.lastSmtp.detail}</span> : null}
              </>
            ) : (
              "no SMTP session yet"
            )}
          </dd>
          {s.oauth.used ? (
            <>
              <dt className="text-slate-600 dark:text-slate-400">OAuth2 token</dt>
              <dd className="min-w-0 break-words">{s.oauth.headline ?? "unknown"}</dd>
            </>
          ) : null}
          <dt className="text-slate-600 dark:text-slate-400">Database</dt>
          <dd className="min-w-0 break-words" data-testid="database">{s.database}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Outbox</dt>
          <dd className="min-w-0 break-words">
            <Link className="underline" href="/outbox?status=queued">{s.counts.queued} queued</Link> · {s.counts.sending} sending ·{" "}
            <Link className="underline" href="/outbox?status=failed">{s.counts.failed} retrying</Link> · <Link className="underline" href="/outbox?status=dead">{s.counts.dead} dead</Link> · {s.counts.sent} sent
          </dd>
        </dl>
      </div>
    </Card>
  );
}
