"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/errors";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
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
  const t = useTranslations("configHistory");
  const localize = useLocalizeError();
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
            if (!confirm(t("restoreConfirm", { version: String(version) }))) return;
            const r = await restore(pid, version);
            if (!r.ok) setMessage(localize(r.message));
            else {
              setMessage(r.data.saved ? t("restored", { version: String(r.data.version) }) : t("alreadyCurrent"));
              router.refresh();
            }
          })
        }
      >
        {t("restore")}
      </Button>
    </div>
  );
}
