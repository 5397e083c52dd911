import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { STAMP } from "@/lib/i18n/formats";
import type { SendingStatus } from "@/lib/outbox/status";
import { sendingVerdict, type VerdictValues } from "@/lib/outbox/verdict";
import { isMailSessionKind } from "@/lib/outbox/labels";
import { Alert, Badge, Card } from "@/components/ui/card";

/**
 * Whether mail can go out right now, and why not: one verdict from the target, the OAuth2
 * authorization and the workers together (lib/outbox/verdict.ts), each reason once. The verdict's
 * headline and reasons are translated by their keys ("verdict"), their times in the user's time
 * zone; what they quote (an SMTP or OAuth2 error) stays as it came.
 */
export function SendingStatusCard({ s }: { s: SendingStatus }) {
  const t = useTranslations("sending");
  const format = useFormatter();
  const ago = (iso: string) => format.dateTime(new Date(iso), STAMP);
  const alive = s.workers.filter((w) => w.alive);
  const paused = alive.find((w) => w.paused);
  const v = sendingVerdict(s);
  const tv = useTranslations("verdict");
  const tl = useTranslations("mailLog");
  // ISO times among a reason's values ("none": not known) in the user's time zone.
  const dated = (values: VerdictValues) =>
    Object.fromEntries(Object.entries(values).map(([k, x]) => [k, (k === "since" || k === "until") && typeof x === "string" && x !== "none" ? ago(x) : x]));
  const headline = tv(v.level);
  const tone = v.level === "ok" ? "green" : v.level === "warning" ? "amber" : "red";
  return (
    <Card
      title={t("title")}
      actions={
        <span data-testid="sending-verdict" data-level={v.level}>
          <Badge tone={tone}>{headline}</Badge>
        </span>
      }
    >
      <div className="space-y-3 text-sm" data-testid="sending-status">
        {v.reasons.length ? (
          <Alert tone={v.level === "error" ? "error" : "warning"} title={headline}>
            <ul className="mt-1 list-disc space-y-1 pl-5" data-testid="sending-reasons">
              {v.reasons.map((r) => (
                <li key={r.text} className="break-words">
                  {tv(r.key, dated(r.values) as never)}
                  {r.link ? (
                    <>
                      {" "}
                      <Link className="font-medium underline" href={r.link.href}>
                        {tv(r.link.key)}
                      </Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {s.target.kind === "mailbox" && s.target.why === "unconfigured" ? (
          <Alert tone="info" title={t("noSmtpTitle")}>
            {t.rich("noSmtpText", {
              port: s.mailbox.port ? String(s.mailbox.port) : "none",
              mailbox: (chunks) => (
                <Link className="underline" href="/mailbox">
                  {chunks}
                </Link>
              ),
              service: (chunks) => (
                <Link className="underline" href="/configuration/com.day.cq.mailer.DefaultMailService">
                  {chunks}
                </Link>
              ),
            })}
          </Alert>
        ) : null}
        {s.sandbox ? (
          <Alert tone="warning" title={t("sandboxTitle")}>
            {t.rich("sandboxText", {
              mailbox: (chunks) => (
                <Link className="underline" href="/mailbox">
                  {chunks}
                </Link>
              ),
            })}
          </Alert>
        ) : null}
        <dl className="grid grid-cols-[minmax(0,9rem)_minmax(0,1fr)] gap-x-3 gap-y-1">
          <dt className="text-slate-600 dark:text-slate-400">{t("through")}</dt>
          <dd className="min-w-0 break-words">
            {s.target.kind === "mailbox" && s.mailbox.port ? t("throughMailbox", { port: String(s.mailbox.port) }) : s.target.label === "built-in mailbox (not running)" ? t("throughMailboxDown") : s.target.label}
          </dd>
          <dt className="text-slate-600 dark:text-slate-400">{t("worker")}</dt>
          <dd className="min-w-0 break-words" title={alive.map((w) => w.id).join(", ")}>
            {alive.length ? t("running", { count: alive.length }) : t("noneRunning")}
            {paused ? t("pausedUntil", { at: ago(paused.pausedUntil!) }) : ""}
          </dd>
          <dt className="text-slate-600 dark:text-slate-400">{t("lastSmtp")}</dt>
          <dd className="min-w-0 break-words">
            {s.lastSmtp ? (
              <>
                <Badge tone={s.lastSmtp.ok ? "green" : "red"}>{s.lastSmtp.ok ? t("ok") : t("failed")}</Badge> {t("lastSmtpLine", { kind: isMailSessionKind(s.lastSmtp.kind) ? tl(`kinds.${s.lastSmtp.kind}`) : s.lastSmtp.kind, server: s.lastSmtp.server, at: ago(s.lastSmtp.at) })}
              </>
            ) : (
              t("noSmtpYet")
            )}
          </dd>
          {s.lastSmtp?.detail ? (
            <>
              <dt className="text-slate-600 dark:text-slate-400">{t("lastReply")}</dt>
              {/* The server's words, verbatim. */}
              <dd translate="no" className="min-w-0 break-words text-xs text-slate-600 dark:text-slate-400">
                {s.lastSmtp.detail}
              </dd>
            </>
          ) : null}
          {s.oauth.used ? (
            <>
              <dt className="text-slate-600 dark:text-slate-400">{t("oauthToken")}</dt>
              <dd className="min-w-0 break-words">{s.oauth.headline ?? t("unknown")}</dd>
            </>
          ) : null}
          <dt className="text-slate-600 dark:text-slate-400">{t("database")}</dt>
          <dd className="min-w-0 break-words" data-testid="database">{s.database}</dd>
          <dt className="text-slate-600 dark:text-slate-400">{t("outbox")}</dt>
          <dd className="min-w-0 break-words">
            <Link className="underline" href="/outbox?status=queued">{t("queued", { count: s.counts.queued })}</Link> · {t("sendingNow", { count: s.counts.sending })} ·{" "}
            <Link className="underline" href="/outbox?status=failed">{t("retrying", { count: s.counts.failed })}</Link> ·{" "}
            <Link className="underline" href="/outbox?status=dead">{t("dead", { count: s.counts.dead })}</Link> · {t("sent", { count: s.counts.sent })}
          </dd>
        </dl>
      </div>
    </Card>
  );
}
