"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import type { z } from "zod";
import { retryPolicySchemaClient } from "@/lib/outbox/policy-schema";
import type { ActionResult } from "@/lib/errors";
import type { RetryPolicy } from "@/lib/outbox/policy";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy } from "@/components/ui/field";
import { Alert, Card } from "@/components/ui/card";

type In = z.input<typeof retryPolicySchemaClient>;
type Out = z.output<typeof retryPolicySchemaClient>;

export function RetryPolicyForm({ policy, customized, save }: { policy: RetryPolicy; customized: boolean; save: (v: Out | null) => Promise<ActionResult<RetryPolicy>> }) {
  const t = useTranslations("outbox");
  const tr = useLocalizeError();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<In, unknown, Out>({ resolver: zodResolver(retryPolicySchemaClient), defaultValues: policy });
  const e = (k: keyof In) => (errors[k]?.message ? [tr(errors[k]!.message!)] : undefined);

  async function submit(v: Out | null) {
    setMessage(null);
    const r = await save(v);
    if (!r.ok) {
      setMessage({ tone: "error", text: tr(r.message) });
      for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setError(k as keyof In, { message: m.join(" ") });
      return;
    }
    reset(r.data);
    setMessage({ tone: "success", text: v ? t("policySaved") : t("policyReset") });
  }

  return (
    <Card title={t("policyTitle")}>
      <form onSubmit={handleSubmit(submit)} noValidate className="space-y-4">
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {t("policyText")} {customized ? t("policyCustom") : t("policyDefaults")}
        </p>
        <div className="grid gap-4 md:grid-cols-4">
          <Field id="rp-attempts" label={t("attempts")} errors={e("maxAttempts")}>
            <Input id="rp-attempts" inputMode="numeric" aria-invalid={!!errors.maxAttempts} aria-describedby={describedBy("rp-attempts", false, !!errors.maxAttempts)} {...register("maxAttempts")} />
          </Field>
          <Field id="rp-base" label={t("firstDelay")} errors={e("baseDelaySeconds")}>
            <Input id="rp-base" inputMode="decimal" aria-invalid={!!errors.baseDelaySeconds} {...register("baseDelaySeconds")} />
          </Field>
          <Field id="rp-max" label={t("longestDelay")} errors={e("maxDelaySeconds")}>
            <Input id="rp-max" inputMode="decimal" aria-invalid={!!errors.maxDelaySeconds} {...register("maxDelaySeconds")} />
          </Field>
          <Field id="rp-age" label={t("giveUpAfter")} errors={e("maxAgeSeconds")}>
            <Input id="rp-age" inputMode="decimal" aria-invalid={!!errors.maxAgeSeconds} {...register("maxAgeSeconds")} />
          </Field>
        </div>
        <div className="flex gap-2">
          <Button type="submit" disabled={isSubmitting}>{t("savePolicy")}</Button>
          {customized ? (
            <Button variant="ghost" disabled={isSubmitting} onClick={() => void submit(null)}>
              {t("useDefaults")}
            </Button>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
