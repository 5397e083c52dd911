"use client";
import { useState, useTransition } from "react";
import { useFormatter, useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/errors";
import type { ApiKeyView } from "@/lib/apikeys/store";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import { Button } from "@/components/ui/button";
import { Alert, Badge } from "@/components/ui/card";

// To the minute, in the reader's time zone and language.
const MINUTE = { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;
const shortKey = (prefix: string) => `${prefix}…`;
const DAY = { year: "numeric", month: "2-digit", day: "2-digit" } as const;

export function ApiKeysTable({ keys, revoke }: { keys: ApiKeyView[]; revoke: (id: string) => Promise<ActionResult> }) {
  const t = useTranslations("apiKeys");
  const format = useFormatter();
  const tr = useLocalizeError();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const when = (iso: string | null) => (iso ? <time dateTime={iso}>{format.dateTime(new Date(iso), MINUTE)}</time> : t("never"));
  if (!keys.length) return <p className="text-sm text-slate-500 dark:text-slate-400">{t("empty")}</p>;
  return (
    <div className="space-y-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
          <thead className="bg-slate-100 text-left dark:bg-slate-900">
            <tr>
              <th className="px-3 py-2 font-medium">{t("colName")}</th>
              <th className="px-3 py-2 font-medium">{t("colKey")}</th>
              <th className="px-3 py-2 font-medium">{t("colScopes")}</th>
              <th className="px-3 py-2 font-medium">{t("colLimit")}</th>
              <th className="px-3 py-2 font-medium">{t("colCreated")}</th>
              <th className="px-3 py-2 font-medium">{t("colLastUsed")}</th>
              <th className="px-3 py-2 font-medium"><span className="sr-only">{t("colState")}</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white dark:divide-slate-800 dark:bg-slate-950">
            {keys.map((k) => (
              <tr key={k.id} data-testid="api-key-row" className={k.revokedAt ? "opacity-60" : undefined}>
                <td className="px-3 py-2 font-medium">{k.name}</td>
                <td className="px-3 py-2 font-mono text-xs" translate="no">{shortKey(k.prefix)}</td>
                <td className="px-3 py-2" translate="no">{k.scopes.map((s) => <Badge key={s} tone="blue">{s}</Badge>)}</td>
                <td className="px-3 py-2">{t("perMinute", { limit: k.rateLimit })}</td>
                <td className="px-3 py-2">{when(k.createdAt)}{k.createdBy ? <span className="block text-xs text-slate-500 dark:text-slate-400">{t("createdBy", { who: k.createdBy })}</span> : null}</td>
                <td className="px-3 py-2">{when(k.lastUsedAt)}</td>
                <td className="px-3 py-2 text-right">
                  {k.revokedAt ? (
                    <Badge tone="red">{t("revokedOn", { date: format.dateTime(new Date(k.revokedAt), DAY) })}</Badge>
                  ) : (
                    <Button
                      size="sm"
                      variant="ghost"
                      disabled={pending}
                      onClick={() => {
                        if (!confirm(t("revokeConfirm", { name: k.name, prefix: k.prefix }))) return;
                        start(async () => {
                          const r = await revoke(k.id);
                          setMessage(r.ok ? { tone: "success", text: t("revoked", { name: k.name }) } : { tone: "error", text: tr(r.message) });
                        });
                      }}
                    >
                      {t("revoke")}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
