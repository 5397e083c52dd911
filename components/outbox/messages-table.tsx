"use client";
// The outbox list with selection and bulk retry / cancel (selected, or everything the filter matches).
import { useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { STAMP } from "@/lib/i18n/formats";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import type { ActionResult } from "@/lib/errors";
import type { MessageView, OutboxFilter } from "@/lib/outbox/queries";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { StatusBadge } from "./status-badge";

type Bulk = (ids: string[]) => Promise<ActionResult<{ count: number }>>;

export function MessagesTable({
  rows,
  total,
  filter,
  retry,
  cancel,
  bulkMatching,
  held = false,
}: {
  /** Waiting messages show "held" (no worker can send right now; the page says why). */
  held?: boolean;
  rows: MessageView[];
  total: number;
  filter: OutboxFilter;
  retry: Bulk;
  cancel: Bulk;
  bulkMatching: (op: "retry" | "cancel", filter: OutboxFilter) => Promise<ActionResult<{ count: number }>>;
}) {
  const router = useRouter();
  const t = useTranslations("outbox");
  const tr = useLocalizeError();
  const format = useFormatter();
  const time = (iso: string | null) => (iso ? format.dateTime(new Date(iso), STAMP) : "—");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id));

  function run(p: () => Promise<ActionResult<{ count: number }>>, op: "retry" | "cancel") {
    start(async () => {
      const r = await p();
      setMessage(r.ok ? { tone: "success", text: t("done", { count: r.data.count, op }) } : { tone: "error", text: tr(r.message) });
      setSelected(new Set());
      router.refresh();
    });
  }

  const filtered = Object.values(filter).some(Boolean);
  return (
    <div className="space-y-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Button size="sm" variant="secondary" disabled={pending || selected.size === 0} onClick={() => run(() => retry([...selected]), "retry")}>
          {t("retrySelected", { count: selected.size })}
        </Button>
        <Button size="sm" variant="secondary" disabled={pending || selected.size === 0} onClick={() => run(() => cancel([...selected]), "cancel")}>
          {t("cancelSelected")}
        </Button>
        {filtered && total > 0 ? (
          <>
            <Button size="sm" variant="ghost" disabled={pending} onClick={() => confirm(t("retryAllConfirm", { total })) && run(() => bulkMatching("retry", filter), "retry")}>
              {t("retryAll", { total })}
            </Button>
            <Button size="sm" variant="ghost" disabled={pending} onClick={() => confirm(t("cancelAllConfirm", { total })) && run(() => bulkMatching("cancel", filter), "cancel")}>
              {t("cancelAll")}
            </Button>
          </>
        ) : null}
      </div>
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
          <thead className="bg-slate-100 text-left dark:bg-slate-900">
            <tr>
              <th className="px-2 py-2">
                <input
                  type="checkbox"
                  aria-label={t("selectAll")}
                  checked={all}
                  onChange={() => setSelected(all ? new Set() : new Set(rows.map((r) => r.id)))}
                />
              </th>
              <th className="px-2 py-2 font-medium">{t("status")}</th>
              <th className="px-2 py-2 font-medium">{t("colTo")}</th>
              <th className="px-2 py-2 font-medium">{t("colSubject")}</th>
              <th className="px-2 py-2 font-medium">{t("kind")}</th>
              <th className="px-2 py-2 font-medium">{t("colAttempts")}</th>
              <th className="px-2 py-2 font-medium">{t("colLastReply")}</th>
              {/* Last, so a row never reads as ending in the server's (verbatim) words. */}
              <th className="px-2 py-2 font-medium">{t("colCreated")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white dark:divide-slate-800 dark:bg-slate-950">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={8} className="px-3 py-6 text-center text-slate-500 dark:text-slate-400">{filtered ? t("noneMatch") : t("noneYet")}</td>
              </tr>
            ) : null}
            {rows.map((m) => (
              <tr key={m.id} data-testid="outbox-row" data-status={m.status}>
                <td className="px-2 py-2">
                  <input
                    type="checkbox"
                    aria-label={t("selectMessage", { to: m.to })}
                    checked={selected.has(m.id)}
                    onChange={() => {
                      const next = new Set(selected);
                      if (next.has(m.id)) next.delete(m.id);
                      else next.add(m.id);
                      setSelected(next);
                    }}
                  />
                </td>
                <td className="px-2 py-2"><StatusBadge status={held && (m.status === "queued" || m.status === "failed") ? "held" : m.status} /></td>
                <td className="px-2 py-2">{m.to}</td>
                <td className="px-2 py-2">
                  <Link className="text-brand-600 underline dark:text-brand-100" href={`/outbox/${m.id}`} translate="no">{m.subject}</Link>
                </td>
                <td className="px-2 py-2">{m.family ? [m.family, m.language].filter(Boolean).join(" · ") : t("direct")}</td>
                <td className="px-2 py-2">{m.attempts}</td>
                <td translate="no" className="max-w-xs truncate px-2 py-2 font-mono text-xs" title={m.smtpReply ?? m.lastError ?? ""}>
                  {m.smtpReply ?? (m.status === "failed" || m.status === "dead" ? m.lastError : null) ?? (m.nextAttemptAt && m.status === "failed" ? t("retryAt", { at: time(m.nextAttemptAt) }) : "")}
                </td>
                <td className="px-2 py-2 whitespace-nowrap">{time(m.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
