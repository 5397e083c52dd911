"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
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
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<In, unknown, Out>({ resolver: zodResolver(retryPolicySchemaClient), defaultValues: policy });
  const e = (k: keyof In) => (errors[k]?.message ? [errors[k]!.message!] : undefined);

  async function submit(v: Out | null) {
    setMessage(null);
    const r = await save(v);
    if (!r.ok) {
      setMessage({ tone: "error", text: r.message });
      for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setError(k as keyof In, { message: m.join(" ") });
      return;
    }
    reset(r.data);
    setMessage({ tone: "success", text: v ? "Retry policy saved; it applies to the next failure of every waiting message." : "Back to the defaults from the environment." });
  }

  return (
    <Card title="Retry policy">
      <form onSubmit={handleSubmit(submit)} noValidate className="space-y-4">
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Connection problems, timeouts and 4xx replies are retried: the first retry after the first delay, each next one after twice as long (with jitter), never later than the longest delay. A 5xx reply makes a message dead at once. {customized ? "Set in the console." : "Defaults from the environment."}
        </p>
        <div className="grid gap-4 md:grid-cols-4">
          <Field id="rp-attempts" label="Attempts" errors={e("maxAttempts")}>
            <Input id="rp-attempts" inputMode="numeric" aria-invalid={!!errors.maxAttempts} aria-describedby={describedBy("rp-attempts", false, !!errors.maxAttempts)} {...register("maxAttempts")} />
          </Field>
          <Field id="rp-base" label="First delay (seconds)" errors={e("baseDelaySeconds")}>
            <Input id="rp-base" inputMode="decimal" aria-invalid={!!errors.baseDelaySeconds} {...register("baseDelaySeconds")} />
          </Field>
          <Field id="rp-max" label="Longest delay (seconds)" errors={e("maxDelaySeconds")}>
            <Input id="rp-max" inputMode="decimal" aria-invalid={!!errors.maxDelaySeconds} {...register("maxDelaySeconds")} />
          </Field>
          <Field id="rp-age" label="Give up after (seconds)" errors={e("maxAgeSeconds")}>
            <Input id="rp-age" inputMode="decimal" aria-invalid={!!errors.maxAgeSeconds} {...register("maxAgeSeconds")} />
          </Field>
        </div>
        <div className="flex gap-2">
          <Button type="submit" disabled={isSubmitting}>Save retry policy</Button>
          {customized ? (
            <Button variant="ghost" disabled={isSubmitting} onClick={() => void submit(null)}>
              Use the defaults
            </Button>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
