"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import type { ActionResult } from "@/lib/errors";
import { Button } from "@/components/ui/button";

export function DeleteRecipientButton({ id, remove }: { id: string; remove: (id: string) => Promise<ActionResult> }) {
  const router = useRouter();
  const t = useTranslations("recipients");
  const tr = useLocalizeError();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="danger"
        size="sm"
        disabled={pending}
        onClick={() => {
          if (!confirm(t("removeConfirm", { id }))) return;
          start(async () => {
            const r = await remove(id);
            if (!r.ok) setError(tr(r.message));
            else router.push("/recipients");
          });
        }}
      >
        {t("removeRecipient")}
      </Button>
      {error ? <span role="alert" className="text-sm text-red-600">{error}</span> : null}
    </span>
  );
}
