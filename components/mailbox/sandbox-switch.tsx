"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/errors";
import { Button } from "@/components/ui/button";

export function SandboxSwitch({ on, set }: { on: boolean; set: (on: boolean) => Promise<ActionResult> }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <label className="flex items-center gap-2 text-sm font-medium">
        <input
          type="checkbox"
          role="switch"
          aria-checked={on}
          checked={on}
          disabled={pending}
          onChange={(e) =>
            start(async () => {
              setError(null);
              const r = await set(e.target.checked);
              if (!r.ok) setError(r.message);
              router.refresh();
            })
          }
        />
        Sandbox: deliver all mail to this mailbox
      </label>
      {error ? <span role="alert" className="text-sm text-red-600">{error}</span> : null}
    </div>
  );
}

export function ClearMailboxButton({ clear }: { clear: () => Promise<ActionResult<{ count: number }>> }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      onClick={() => {
        if (!confirm("Delete every mail in the built-in mailbox?")) return;
        start(async () => {
          await clear();
          router.push("/mailbox");
          router.refresh();
        });
      }}
    >
      Empty mailbox
    </Button>
  );
}
