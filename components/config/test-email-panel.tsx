"use client";
import { useState } from "react";
import type { ActionResult } from "@/lib/errors";
import type { TestEmailView } from "@/lib/smtp/test-email";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Alert, Card } from "@/components/ui/card";
import { TranscriptView } from "@/components/mail/transcript-view";

/** The failure categories of lib/mail/explain.ts, in the words an admin looks for. */
const CATEGORY: Record<string, string> = {
  dns: "DNS failure",
  refused: "Connection refused",
  timeout: "Timeout",
  tls: "TLS handshake failed",
  certificate: "Certificate problem",
  auth: "Authentication rejected",
  sender_rejected: "Sender rejected",
  recipient_rejected: "Recipient rejected",
  message_rejected: "Message rejected",
  protocol: "Protocol error",
  config: "Settings incomplete",
  unknown: "Failed",
};

export type TestEmailAction = (values: Record<string, unknown>, clear: string[], to: string) => Promise<ActionResult<TestEmailView>>;

export function TestEmailPanel({
  defaultTo,
  send,
  current,
}: {
  defaultTo: string;
  send: TestEmailAction;
  current: () => { values: Record<string, unknown>; clear: string[] };
}) {
  const [to, setTo] = useState(defaultTo);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ActionResult<TestEmailView> | null>(null);

  async function onSend() {
    setBusy(true);
    setResult(null);
    try {
      const { values, clear } = current();
      setResult(await send(values, clear, to));
    } finally {
      setBusy(false);
    }
  }

  const view = result?.ok ? result.data : null;
  return (
    <Card title="Send test email">
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Talks to the SMTP server with the values in the form above, saved or not, and shows the conversation. Passwords and tokens are redacted.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <Field id="test-to" label="Recipient">
            <Input id="test-to" type="email" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
        </div>
        <Button variant="secondary" onClick={onSend} disabled={busy}>
          {busy ? "Sending…" : "Send test email"}
        </Button>
      </div>
      <div className="mt-4 space-y-3" aria-live="polite">
        {result && !result.ok ? (
          <Alert tone="error" title={result.fieldErrors && Object.keys(result.fieldErrors).length ? "The form has errors" : "Not sent"}>
            {[result.message, ...Object.values(result.fieldErrors ?? {}).flat()].join(" ")}
          </Alert>
        ) : null}
        {view?.ok ? (
          <Alert tone="success" title={`Sent to ${view.to} through ${view.server} in ${view.durationMs} ms`}>
            Server reply: <code className="font-mono">{view.response}</code>
            {view.messageId ? <> · Message-ID <code className="font-mono">{view.messageId}</code></> : null}
          </Alert>
        ) : null}
        {view?.ok && view.warnings.length ? (
          <Alert tone="warning" title="Sent, but check the settings">
            <ul className="list-disc pl-5" data-testid="test-email-warnings">
              {view.warnings.map((w) => <li key={w}>{w}</li>)}
            </ul>
          </Alert>
        ) : null}
        {view && !view.ok && view.error ? (
          <Alert tone="error" title={<><span data-testid="failure-category">{CATEGORY[view.error.code] ?? "Failed"}</span>: {view.error.title}</>}>
            <p data-testid="failure-code" data-code={view.error.code}>{view.error.explanation}</p>
            {view.error.response ? <p className="mt-1">Server reply: <code className="font-mono">{view.error.response}</code></p> : null}
          </Alert>
        ) : null}
        {view ? <TranscriptView lines={view.transcript} /> : null}
      </div>
    </Card>
  );
}
