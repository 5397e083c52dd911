"use client";
// Progress bars for bulk sends (multi-message requests, bulk retries) while they are under way.
// Polls every 1.5 s while something is active; refreshes the page when a batch finishes.
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/errors";
import type { BatchProgress } from "@/lib/outbox/queries";

type Data = { batches: BatchProgress[]; counts: Record<string, number> };

export function BulkProgress({ initial, poll }: { initial: BatchProgress[]; poll: () => Promise<ActionResult<Data>> }) {
  const router = useRouter();
  const t = useTranslations("outbox");
  const format = useFormatter();
  const [batches, setBatches] = useState(initial);
  const active = useRef(initial.length > 0);
  useEffect(() => {
    if (!batches.length) return;
    const t = setInterval(async () => {
      const r = await poll();
      if (!r.ok) return;
      setBatches(r.data.batches);
      if (active.current && r.data.batches.length < batches.length) router.refresh();
      active.current = r.data.batches.length > 0;
    }, 1500);
    return () => clearInterval(t);
  }, [batches.length, poll, router]);
  if (!batches.length) return null;
  return (
    <section aria-label={t("bulkLabel")} className="space-y-2">
      {batches.map((b) => {
        const pct = Math.round((b.done / Math.max(b.total, 1)) * 100);
        return (
          <div key={b.batchId} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
            <div className="mb-1 flex justify-between text-sm">
              <span>{t("bulkSending", { total: b.total, at: format.dateTime(new Date(b.startedAt), { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }) })}</span>
              <span>{t("bulkCounts", { sent: b.sent, dead: b.dead, cancelled: b.cancelled, waiting: b.waiting })}</span>
            </div>
            <div role="progressbar" aria-label={t("bulkBar", { id: b.batchId })} aria-valuemin={0} aria-valuemax={b.total} aria-valuenow={b.done} className="h-2 overflow-hidden rounded bg-slate-200 dark:bg-slate-800">
              <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
            </div>
          </div>
        );
      })}
    </section>
  );
}
