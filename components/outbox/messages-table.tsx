"use client";
// The outbox list with selection and bulk retry / cancel (selected, or everything the filter matches).
import { useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/errors";
import type { MessageView, OutboxFilter } from "@/lib/outbox/queries";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { StatusBadge } from "./status-badge";

type Bulk = (ids: string[]) => Promise<ActionResult<{ count: number }>>;

const time = (iso: string | null) => (iso ? iso.replace("T", " ").slice(0, 19) : "—");

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
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id));

  function run(p: () => Promise<ActionResult<{ count: number }>>, verb: string) {
    start(async () => {
      const r = await p();
      setMessage(r.ok ? { tone: "success", text: `${r.data.count} message${r.data.count === 1 ? "" : "s"} ${verb}.` } : { tone: "error", text: r.message });
      setSelected(new Set());
      router.refresh();
    });
  }

  const filtered = Object.values(filter).some(Boolean);
  return (
    <div className="space-y-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Button size="sm" variant="secondary" disabled={pending || selected.size === 0} onClick={() => run(() => retry([...selected]), "requeued")}>
          Retry selected ({selected.size})
        </Button>
        <Button size="sm" variant="secondary" disabled={pending || selected.size === 0} onClick={() => run(() => cancel([...selected]), "cancelled")}>
          Cancel selected
        </Button>
        {filtered && total > 0 ? (
          <>
            <Button size="sm" variant="ghost" disabled={pending} onClick={() => confirm(`Retry all ${total} matching messages (failed, dead or cancelled ones)?`) && run(() => bulkMatching("retry", filter), "requeued")}>
              Retry all {total} matching
            </Button>
            <Button size="sm" variant="ghost" disabled={pending} onClick={() => confirm(`Cancel all ${total} matching messages that are still waiting?`) && run(() => bulkMatching("cancel", filter), "cancelled")}>
              Cancel all matching
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
                  aria-label="Select all on this page"
                  checked={all}
                  onChange={() => setSelected(all ? new Set() : new Set(rows.map((r) => r.id)))}
                />
              </th>
              <th className="px-2 py-2 font-medium">Status</th>
              <th className="px-2 py-2 font-medium">To</th>
              <th className="px-2 py-2 font-medium">Subject</th>
              <th className="px-2 py-2 font-medium">Kind</th>
              <th className="px-2 py-2 font-medium">Attempts</th>
              <th className="px-2 py-2 font-medium">Created (UTC)</th>
              <th className="px-2 py-2 font-medium">Last reply</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white dark:divide-slate-800 dark:bg-slate-950">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={8} className="px-3 py-6 text-center text-slate-500 dark:text-slate-400">No messages{filtered ? " match the filter" : " yet"}.</td>
              </tr>
            ) : null}
            {rows.map((m) => (
              <tr key={m.id} data-testid="outbox-row" data-status={m.status}>
                <td className="px-2 py-2">
                  <input
                    type="checkbox"
                    aria-label={`Select message to ${m.to}`}
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
                  <Link className="text-brand-600 underline dark:text-brand-100" href={`/outbox/${m.id}`}>{m.subject}</Link>
                </td>
                <td className="px-2 py-2">{m.family ? `${m.family}${m.language ? ` · ${m.language}` : ""}` : "direct"}</td>
                <td className="px-2 py-2">{m.attempts}</td>
                <td className="px-2 py-2 whitespace-nowrap">{time(m.createdAt)}</td>
                <td className="max-w-xs truncate px-2 py-2 font-mono text-xs" title={m.smtpReply ?? m.lastError ?? ""}>
                  {m.smtpReply ?? (m.status === "failed" || m.status === "dead" ? m.lastError : null) ?? (m.nextAttemptAt && m.status === "failed" ? `retry at ${time(m.nextAttemptAt)}` : "")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
