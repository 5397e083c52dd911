"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/errors";
import type { TestEmailView } from "@/lib/smtp/test-email";
import type { FailureCode } from "@/lib/mail/explain";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Alert, Card } from "@/components/ui/card";
import { TranscriptView } from "@/components/mail/transcript-view";
import { useExplain } from "@/components/mail/use-explain";
import { useWarningText } from "@/components/mail/use-warning-text";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";

/** The failure categories of lib/mail/explain.ts, in the words an admin looks for ("testEmail.category"). */
const CATEGORIES: readonly FailureCode[] = ["dns", "refused", "timeout", "tls", "certificate", "auth", "sender_rejected", "recipient_rejected", "message_rejected", "protocol", "config", "unknown"];

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
  const t = useTranslations("testEmail");
  const explain = useExplain();
  const warningText = useWarningText();
  const localize = useLocalizeError();
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
  const failure = view && !view.ok && view.error ? { ...view.error, ...explain(view.error) } : null;
  const category = failure && CATEGORIES.includes(failure.code) ? failure.code : "unknown";
  return (
    <Card title={t("title")}>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t("intro")}</p>
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <Field id="test-to" label={t("recipient")}>
            <Input id="test-to" type="email" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
        </div>
        <Button variant="secondary" onClick={onSend} disabled={busy}>
          {busy ? t("sending") : t("send")}
        </Button>
      </div>
      <div className="mt-4 space-y-3" aria-live="polite">
        {result && !result.ok ? (
          <Alert tone="error" title={result.fieldErrors && Object.keys(result.fieldErrors).length ? t("formErrors") : t("notSent")}>
            {[result.message, ...Object.values(result.fieldErrors ?? {}).flat()].map(localize).join(" ")}
          </Alert>
        ) : null}
        {view?.ok ? (
          <Alert tone="success" title={t("sent", { to: view.to, server: view.server, ms: view.durationMs })}>
            {t.rich("reply", { reply: view.response ?? "", code: (c) => <code className="font-mono" translate="no">{c}</code> })}
            {view.messageId ? <>{" · "}{t.rich("messageId", { id: view.messageId, code: (c) => <code className="font-mono" translate="no">{c}</code> })}</> : null}
          </Alert>
        ) : null}
        {view?.ok && view.warnings.length ? (
          <Alert tone="warning" title={t("sentWithWarnings")}>
            <ul className="list-disc pl-5" data-testid="test-email-warnings">
              {view.warnings.map((w) => <li key={w}>{warningText(w)}</li>)}
            </ul>
          </Alert>
        ) : null}
        {failure ? (
          <Alert tone="error" title={<>{t.rich("failureTitle", { category: t(`category.${category}`), title: failure.title, c: (c) => <span data-testid="failure-category">{c}</span> })}</>}>
            <p data-testid="failure-code" data-code={failure.code}>{failure.explanation}</p>
            {failure.response ? <p className="mt-1">{t.rich("reply", { reply: failure.response, code: (c) => <code className="font-mono" translate="no">{c}</code> })}</p> : null}
          </Alert>
        ) : null}
        {view ? <div translate="no"><TranscriptView lines={view.transcript} label={t("transcript")} /></div> : null}
      </div>
    </Card>
  );
}
