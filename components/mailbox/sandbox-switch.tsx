"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import type { ActionResult } from "@/lib/errors";
import { Button } from "@/components/ui/button";

export function SandboxSwitch({ on, set }: { on: boolean; set: (on: boolean) => Promise<ActionResult> }) {
  const router = useRouter();
  const t = useTranslations("mailbox");
  const tr = useLocalizeError();
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
              if (!r.ok) setError(tr(r.message));
              router.refresh();
            })
          }
        />
        {t("sandbox")}
      </label>
      {error ? <span role="alert" className="text-sm text-red-600">{error}</span> : null}
    </div>
  );
}

export function ClearMailboxButton({ clear }: { clear: () => Promise<ActionResult<{ count: number }>> }) {
  const router = useRouter();
  const t = useTranslations("mailbox");
  const [pending, start] = useTransition();
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      onClick={() => {
        if (!confirm(t("emptyConfirm"))) return;
        start(async () => {
          await clear();
          router.push("/mailbox");
          router.refresh();
        });
      }}
    >
      {t("empty")}
    </Button>
  );
}
