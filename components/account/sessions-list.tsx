"use client";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/errors";
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
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, start] = useTransition();
  const others = sessions.filter((s) => !s.current).length;

  function run(p: () => Promise<{ ok: true } | { ok: false; message: string }>, ok: string) {
    start(async () => {
      const r = await p();
      setMessage(r.ok ? { tone: "success", text: ok } : { tone: "error", text: r.message });
    });
  }

  return (
    <div className="space-y-3">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800" aria-label="Active sessions">
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm" data-testid="session-row">
            <div className="min-w-0">
              <p className="font-medium">
                {s.device} {s.current ? <Badge tone="blue">this session</Badge> : null}
              </p>
              <p className="truncate text-xs text-slate-500 dark:text-slate-400" title={s.userAgent ?? undefined}>
                {s.address ?? "address unknown"} · signed in {new Date(s.createdAt).toLocaleString()} · last seen{" "}
                <time dateTime={s.lastSeenAt}>{new Date(s.lastSeenAt).toLocaleString()}</time>
              </p>
            </div>
            {!s.current ? (
              <Button size="sm" variant="ghost" disabled={pending} onClick={() => run(() => end(s.id), "The session was ended.")} aria-label={`End session: ${s.device}, ${s.address ?? "address unknown"}`}>
                End
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <Button variant="secondary" size="sm" disabled={pending} onClick={() => run(endOthers, "All other sessions were ended.")}>
          End all other sessions
        </Button>
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">No other active sessions.</p>
      )}
    </div>
  );
}
