"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/errors";
import { Button } from "@/components/ui/button";

export function RestoreButton({
  pid,
  version,
  restore,
}: {
  pid: string;
  version: number;
  restore: (pid: string, version: number) => Promise<ActionResult<{ saved: boolean; version: number | null }>>;
}) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const router = useRouter();
  return (
    <div className="flex items-center gap-2">
      {message ? <span role="status" className="text-sm text-slate-600 dark:text-slate-300">{message}</span> : null}
      <Button
        size="sm"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            if (!confirm(`Restore version ${version}? It is saved as a new version.`)) return;
            const r = await restore(pid, version);
            if (!r.ok) setMessage(r.message);
            else {
              setMessage(r.data.saved ? `Restored as version ${r.data.version}.` : "Already the current values.");
              router.refresh();
            }
          })
        }
      >
        Restore this version
      </Button>
    </div>
  );
}
