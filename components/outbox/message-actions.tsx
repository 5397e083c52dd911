"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/errors";
import { Button } from "@/components/ui/button";

type Bulk = (ids: string[]) => Promise<ActionResult<{ count: number }>>;

export function MessageActions({ id, status, retry, cancel }: { id: string; status: string; retry: Bulk; cancel: Bulk }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [note, setNote] = useState<string | null>(null);
  const run = (fn: Bulk, verb: string) =>
    start(async () => {
      const r = await fn([id]);
      setNote(r.ok ? (r.data.count ? verb : "Nothing to do in this state.") : r.message);
      router.refresh();
    });
  return (
    <div className="flex items-center gap-2">
      {status === "failed" || status === "dead" || status === "cancelled" ? (
        <Button size="sm" disabled={pending} onClick={() => run(retry, "Requeued.")}>
          {status === "failed" ? "Retry now" : "Retry"}
        </Button>
      ) : null}
      {status === "queued" || status === "failed" ? (
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(cancel, "Cancelled.")}>
          Cancel
        </Button>
      ) : null}
      {note ? <span role="status" className="text-sm">{note}</span> : null}
    </div>
  );
}
