import Link from "next/link";
import type { SendingStatus } from "@/lib/outbox/status";
import { Alert, Badge, Card } from "@/components/ui/card";

const ago = (iso: string) => `${iso.replace("T", " ").slice(0, 19)} UTC`;

/** Whether mail can go out right now, and why not. */
export function SendingStatusCard({ s }: { s: SendingStatus }) {
  const alive = s.workers.filter((w) => w.alive);
  const paused = alive.find((w) => w.paused);
  const ok = s.target.kind !== "unavailable" && alive.length > 0 && !paused;
  return (
    <Card title="Sending" actions={<Badge tone={ok ? "green" : s.target.kind === "unavailable" || !alive.length ? "red" : "amber"}>{ok ? "mail can go out" : "attention"}</Badge>}>
      <div className="space-y-3 text-sm" data-testid="sending-status">
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
        {s.target.kind === "unavailable" ? (
          <Alert tone="error" title="Mail cannot go out">
            {s.target.reason}
          </Alert>
        ) : null}
        <dl className="grid grid-cols-[minmax(0,9rem)_minmax(0,1fr)] gap-x-3 gap-y-1">
          <dt className="text-slate-500">Sending through</dt>
          <dd className="min-w-0 break-words">{s.target.label}</dd>
          <dt className="text-slate-500">Worker</dt>
          <dd className="min-w-0 break-words" title={alive.map((w) => w.id).join(", ")}>
            {alive.length ? `${alive.length} running` : "none running"}
            {paused ? ` — paused until ${ago(paused.pausedUntil!)}${paused.unavailableReason ? `: ${paused.unavailableReason}` : ""}` : ""}
          </dd>
          <dt className="text-slate-500">Last SMTP result</dt>
          <dd className="min-w-0 break-words">
            {s.lastSmtp ? (
              <>
                <Badge tone={s.lastSmtp.ok ? "green" : "red"}>{s.lastSmtp.ok ? "ok" : "failed"}</Badge> {s.lastSmtp.kind} via {s.lastSmtp.server}, {ago(s.lastSmtp.at)}
                {s.lastSmtp.detail ? <span className="block truncate text-xs text-slate-500" title={s.lastSmtp.detail}>{s.lastSmtp.detail}</span> : null}
              </>
            ) : (
              "no SMTP session yet"
            )}
          </dd>
          {s.oauth.used ? (
            <>
              <dt className="text-slate-500">OAuth2 token</dt>
              <dd className="min-w-0 break-words">
                {s.oauth.headline ?? s.oauth.status ?? "unknown"}
                {s.oauth.workerTokenState && s.oauth.workerTokenState !== "ok" ? <span className="block text-xs text-red-600">worker: {s.oauth.workerTokenState}</span> : null}
              </dd>
            </>
          ) : null}
          <dt className="text-slate-500">Database</dt>
          <dd className="min-w-0 break-words" data-testid="database">{s.database}</dd>
          <dt className="text-slate-500">Outbox</dt>
          <dd className="min-w-0 break-words">
            <Link className="underline" href="/outbox?status=queued">{s.counts.queued} queued</Link> · {s.counts.sending} sending ·{" "}
            <Link className="underline" href="/outbox?status=failed">{s.counts.failed} retrying</Link> · <Link className="underline" href="/outbox?status=dead">{s.counts.dead} dead</Link> · {s.counts.sent} sent
          </dd>
        </dl>
      </div>
    </Card>
  );
}
