"use client";
import { useTranslations } from "next-intl";
import type { OAuthCheckStep } from "@/lib/smtp/with-token";
import { useStepText } from "@/components/mail/use-step-text";

/** Step names that are protocol words stay as they are in every language. */
const PROTOCOL: Partial<Record<OAuthCheckStep["step"], string>> = {
  dns: "DNS",
  tcp: "TCP",
  tls: "TLS",
  starttls: "STARTTLS",
  ehlo: "EHLO",
  auth: "AUTH",
  mail_from: "MAIL FROM",
  rcpt_to: "RCPT TO",
  data: "DATA",
};

/** The connection check, one row per step with its result and time. */
export function CheckSteps({ steps }: { steps: OAuthCheckStep[] }) {
  const t = useTranslations("smtpCheck.step");
  const stepText = useStepText();
  return (
    <ol className="my-3 divide-y divide-slate-100 rounded-md border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800" data-testid="check-steps">
      {steps.map((s, i) => (
        <li key={i} className="flex flex-wrap items-baseline gap-x-3 px-3 py-2" data-step={s.step} data-ok={s.ok ? "true" : "false"}>
          <span aria-hidden className={s.ok ? (s.warning ? "text-amber-600" : "text-green-600") : "text-red-600"}>{s.ok ? (s.skipped ? "–" : "✓") : "✗"}</span>
          <span className="w-28 font-medium">{PROTOCOL[s.step] ? <span translate="no">{PROTOCOL[s.step]}</span> : s.step === "greeting" ? t("greeting") : s.step === "token" ? t("token") : s.step}</span>
          <span className="w-16 text-right font-mono text-xs text-slate-500 dark:text-slate-400">{t("ms", { ms: s.ms })}</span>
          <span className="min-w-0 flex-1 break-words">{stepText(s.detail, s.detailText)}</span>
          {s.warning ? <span className="basis-full pl-8 text-xs text-amber-700 dark:text-amber-300">{stepText(s.warning, s.warningText)}</span> : null}
        </li>
      ))}
    </ol>
  );
}
