"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import type { ActionResult } from "@/lib/errors";
import { Button } from "@/components/ui/button";

type Bulk = (ids: string[]) => Promise<ActionResult<{ count: number }>>;

export function MessageActions({ id, status, retry, cancel }: { id: string; status: string; retry: Bulk; cancel: Bulk }) {
  const router = useRouter();
  const t = useTranslations("outbox");
  const tr = useLocalizeError();
  const [pending, start] = useTransition();
  const [note, setNote] = useState<string | null>(null);
  const run = (fn: Bulk, verb: string) =>
    start(async () => {
      const r = await fn([id]);
      setNote(r.ok ? (r.data.count ? verb : t("nothingToDo")) : tr(r.message));
      router.refresh();
    });
  return (
    <div className="flex items-center gap-2">
      {status === "failed" || status === "dead" || status === "cancelled" ? (
        <Button size="sm" disabled={pending} onClick={() => run(retry, t("requeued"))}>
          {status === "failed" ? t("retryNow") : t("retry")}
        </Button>
      ) : null}
      {status === "queued" || status === "failed" ? (
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(cancel, t("cancelled"))}>
          {t("cancel")}
        </Button>
      ) : null}
      {note ? <span role="status" className="text-sm">{note}</span> : null}
    </div>
  );
}
