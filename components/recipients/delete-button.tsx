"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/errors";
import { Button } from "@/components/ui/button";

export function DeleteRecipientButton({ id, remove }: { id: string; remove: (id: string) => Promise<ActionResult> }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="danger"
        size="sm"
        disabled={pending}
        onClick={() => {
          if (!confirm(`Remove recipient ${id} and their subscriptions?`)) return;
          start(async () => {
            const r = await remove(id);
            if (!r.ok) setError(r.message);
            else router.push("/recipients");
          });
        }}
      >
        Remove recipient
      </Button>
      {error ? <span role="alert" className="text-sm text-red-600">{error}</span> : null}
    </span>
  );
}
