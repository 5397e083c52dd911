"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useTranslations } from "next-intl";
import { API_SCOPES, createApiKeySchema } from "@/lib/apikeys/schema";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import type { ActionResult } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy } from "@/components/ui/field";
import { Alert, Card } from "@/components/ui/card";

type In = z.input<typeof createApiKeySchema>;
type Out = z.output<typeof createApiKeySchema>;

export function CreateApiKeyForm({ create, defaultRateLimit }: { create: (input: In) => Promise<ActionResult<{ key: string; prefix: string; name: string }>>; defaultRateLimit: number }) {
  const t = useTranslations("apiKeys");
  const tc = useTranslations("common");
  const tu = useTranslations("ui");
  const tr = useLocalizeError();
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<In, unknown, Out>({ resolver: zodResolver(createApiKeySchema), defaultValues: { name: "", scopes: ["send"] } });

  async function onSubmit(values: Out) {
    setError(null);
    setCreated(null);
    setCopied(false);
    const r = await create(values);
    if (!r.ok) {
      setError(tr(r.message));
      for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setFieldError(k as keyof In, { message: m.map(tr).join(" ") });
      return;
    }
    setCreated({ key: r.data.key, name: r.data.name });
    reset();
  }

  return (
    <Card title={t("createTitle")}>
      <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-4">
        {error ? <Alert tone="error">{error}</Alert> : null}
        {created ? (
          <Alert tone="success" title={t("createdTitle", { name: created.name })}>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <code data-testid="new-api-key" className="break-all rounded bg-white/70 px-2 py-1 font-mono text-xs dark:bg-black/30">{created.key}</code>
              <Button
                size="sm"
                variant="secondary"
                onClick={() => navigator.clipboard?.writeText(created.key).then(() => setCopied(true), () => setCopied(false))}
              >
                {copied ? tu("copied") : tc("copy")}
              </Button>
            </div>
            <p className="mt-2 text-xs">{t.rich("sendAs", { header: `Authorization: Bearer ${created.key.slice(0, 10)}…`, code: (chunks) => <code>{chunks}</code> })}</p>
          </Alert>
        ) : null}
        <div className="grid gap-4 md:grid-cols-2">
          <Field id="k-name" label={t("name")} help={t("nameHelp")} errors={errors.name?.message ? [tr(errors.name.message)] : undefined}>
            <Input id="k-name" aria-invalid={!!errors.name} aria-describedby={describedBy("k-name", true, !!errors.name)} {...register("name")} />
          </Field>
          <Field id="k-rate" label={t("rate")} help={t("rateHelp", { limit: defaultRateLimit })} errors={errors.rateLimit?.message ? [tr(errors.rateLimit.message)] : undefined}>
            <Input id="k-rate" inputMode="numeric" placeholder={String(defaultRateLimit)} aria-invalid={!!errors.rateLimit} {...register("rateLimit", { setValueAs: (v) => (v === "" || v == null ? undefined : v) })} />
          </Field>
        </div>
        <fieldset>
          <legend className="text-sm font-medium">{t("scopes")}</legend>
          <div className="mt-1 space-y-1">
            {API_SCOPES.map((s) => (
              <label key={s} className="flex items-start gap-2 text-sm">
                <input type="checkbox" value={s} className="mt-1" {...register("scopes")} />
                <span>
                  <span className="font-medium" translate="no">{s}</span> — {t(`scopeHelp.${s}`)}
                </span>
              </label>
            ))}
          </div>
          {errors.scopes?.message ? <p role="alert" className="text-sm text-red-600">{tr(errors.scopes.message)}</p> : null}
        </fieldset>
        <Button type="submit" disabled={isSubmitting}>{isSubmitting ? t("creating") : t("create")}</Button>
      </form>
    </Card>
  );
}
