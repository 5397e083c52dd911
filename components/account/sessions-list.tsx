"use client";
import { useState, useTransition } from "react";
import { useFormatter, useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/errors";
import { STAMP } from "@/lib/i18n/formats";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import { Button } from "@/components/ui/button";
import { Alert, Badge } from "@/components/ui/card";

export interface SessionRow {
  id: string;
  device: string;
  userAgent: string | null;
  address: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export function SessionsList({
  sessions,
  end,
  endOthers,
}: {
  sessions: SessionRow[];
  end: (id: string) => Promise<ActionResult>;
  endOthers: () => Promise<ActionResult<{ count: number }>>;
}) {
  const t = useTranslations("sessions");
  const format = useFormatter();
  const tr = useLocalizeError();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, start] = useTransition();
  const others = sessions.filter((s) => !s.current).length;

  function run(p: () => Promise<{ ok: true } | { ok: false; message: string }>, ok: string) {
    start(async () => {
      const r = await p();
      setMessage(r.ok ? { tone: "success", text: ok } : { tone: "error", text: tr(r.message) });
    });
  }

  return (
    <div className="space-y-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800" aria-label={t("label")}>
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm" data-testid="session-row">
            <div className="min-w-0">
              <p className="font-medium">
                {s.device} {s.current ? <Badge tone="blue">{t("thisSession")}</Badge> : null}
              </p>
              <p className="truncate text-xs text-slate-500 dark:text-slate-400" title={s.userAgent ?? undefined}>
                {t.rich("detail", {
                  address: s.address ?? t("addressUnknown"),
                  createdAt: format.dateTime(new Date(s.createdAt), STAMP),
                  lastSeenAt: format.dateTime(new Date(s.lastSeenAt), STAMP),
                  time: (chunks) => <time dateTime={s.lastSeenAt}>{chunks}</time>,
                })}
              </p>
            </div>
            {!s.current ? (
              <Button size="sm" variant="ghost" disabled={pending} onClick={() => run(() => end(s.id), t("ended"))} aria-label={t("endLabel", { device: s.device, address: s.address ?? t("addressUnknown") })}>
                {t("end")}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <Button variant="secondary" size="sm" disabled={pending} onClick={() => run(endOthers, t("othersEnded"))}>
          {t("endOthers")}
        </Button>
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("noOthers")}</p>
      )}
    </div>
  );
}
