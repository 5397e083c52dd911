"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { API_SCOPES, SCOPE_HELP, createApiKeySchema } from "@/lib/apikeys/schema";
import type { ActionResult } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy } from "@/components/ui/field";
import { Alert, Card } from "@/components/ui/card";

type In = z.input<typeof createApiKeySchema>;
type Out = z.output<typeof createApiKeySchema>;

export function CreateApiKeyForm({ create, defaultRateLimit }: { create: (input: In) => Promise<ActionResult<{ key: string; prefix: string; name: string }>>; defaultRateLimit: number }) {
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
      setError(r.message);
      for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setFieldError(k as keyof In, { message: m.join(" ") });
      return;
    }
    setCreated({ key: r.data.key, name: r.data.name });
    reset();
  }

  return (
    <Card title="Create an API key">
      <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-4">
        {error ? <Alert tone="error">{error}</Alert> : null}
        {created ? (
          <Alert tone="success" title={`Key “${created.name}” created — copy it now, it is shown only once`}>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <code data-testid="new-api-key" className="break-all rounded bg-white/70 px-2 py-1 font-mono text-xs dark:bg-black/30">{created.key}</code>
              <Button
                size="sm"
                variant="secondary"
                onClick={() => navigator.clipboard?.writeText(created.key).then(() => setCopied(true), () => setCopied(false))}
              >
                {copied ? "Copied" : "Copy"}
              </Button>
            </div>
            <p className="mt-2 text-xs">Send it as <code>Authorization: Bearer {created.key.slice(0, 10)}…</code>. Herald keeps only its SHA-256 and cannot show it again.</p>
          </Alert>
        ) : null}
        <div className="grid gap-4 md:grid-cols-2">
          <Field id="k-name" label="Name" help="What the key is for, e.g. the system that uses it." errors={errors.name?.message ? [errors.name.message] : undefined}>
            <Input id="k-name" aria-invalid={!!errors.name} aria-describedby={describedBy("k-name", true, !!errors.name)} {...register("name")} />
          </Field>
          <Field id="k-rate" label="Requests per minute" help={`Leave empty for the default (${defaultRateLimit}).`} errors={errors.rateLimit?.message ? [errors.rateLimit.message] : undefined}>
            <Input id="k-rate" inputMode="numeric" placeholder={String(defaultRateLimit)} aria-invalid={!!errors.rateLimit} {...register("rateLimit", { setValueAs: (v) => (v === "" || v == null ? undefined : v) })} />
          </Field>
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Scopes</legend>
          <div className="mt-1 space-y-1">
            {API_SCOPES.map((s) => (
              <label key={s} className="flex items-start gap-2 text-sm">
                <input type="checkbox" value={s} className="mt-1" {...register("scopes")} />
                <span>
                  <span className="font-medium">{s}</span> — {SCOPE_HELP[s]}
                </span>
              </label>
            ))}
          </div>
          {errors.scopes?.message ? <p role="alert" className="text-sm text-red-600">{errors.scopes.message}</p> : null}
        </fieldset>
        <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Creating…" : "Create key"}</Button>
      </form>
    </Card>
  );
}
