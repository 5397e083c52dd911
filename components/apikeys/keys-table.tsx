"use client";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/errors";
import type { ApiKeyView } from "@/lib/apikeys/store";
import { Button } from "@/components/ui/button";
import { Alert, Badge } from "@/components/ui/card";

const when = (iso: string | null) => (iso ? `${iso.replace("T", " ").slice(0, 16)} UTC` : "never");

export function ApiKeysTable({ keys, revoke }: { keys: ApiKeyView[]; revoke: (id: string) => Promise<ActionResult> }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  if (!keys.length) return <p className="text-sm text-slate-500 dark:text-slate-400">No API keys yet.</p>;
  return (
    <div className="space-y-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
          <thead className="bg-slate-100 text-left dark:bg-slate-900">
            <tr>
              <th className="px-3 py-2 font-medium">Name</th>
              <th className="px-3 py-2 font-medium">Key</th>
              <th className="px-3 py-2 font-medium">Scopes</th>
              <th className="px-3 py-2 font-medium">Limit</th>
              <th className="px-3 py-2 font-medium">Created</th>
              <th className="px-3 py-2 font-medium">Last used</th>
              <th className="px-3 py-2 font-medium"><span className="sr-only">State</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white dark:divide-slate-800 dark:bg-slate-950">
            {keys.map((k) => (
              <tr key={k.id} data-testid="api-key-row" className={k.revokedAt ? "opacity-60" : undefined}>
                <td className="px-3 py-2 font-medium">{k.name}</td>
                <td className="px-3 py-2 font-mono text-xs">{k.prefix}…</td>
                <td className="px-3 py-2">{k.scopes.map((s) => <Badge key={s} tone="blue">{s}</Badge>)}</td>
                <td className="px-3 py-2">{k.rateLimit}/min</td>
                <td className="px-3 py-2">{when(k.createdAt)}{k.createdBy ? <span className="block text-xs text-slate-500 dark:text-slate-400">by {k.createdBy}</span> : null}</td>
                <td className="px-3 py-2">{when(k.lastUsedAt)}</td>
                <td className="px-3 py-2 text-right">
                  {k.revokedAt ? (
                    <Badge tone="red">revoked {k.revokedAt.slice(0, 10)}</Badge>
                  ) : (
                    <Button
                      size="sm"
                      variant="ghost"
                      disabled={pending}
                      onClick={() => {
                        if (!confirm(`Revoke “${k.name}” (${k.prefix}…)? Requests with it fail at once.`)) return;
                        start(async () => {
                          const r = await revoke(k.id);
                          setMessage(r.ok ? { tone: "success", text: `“${k.name}” was revoked.` } : { tone: "error", text: r.message });
                        });
                      }}
                    >
                      Revoke
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
