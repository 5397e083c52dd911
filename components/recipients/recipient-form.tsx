"use client";
// Create / edit one recipient: profile fields and the subscription rows. The same zod schema
// validates here and again in the server action.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { PAGE_EVENT_TYPES, recipientSchema } from "@/lib/recipients/schema";
import type { ActionResult } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, describedBy } from "@/components/ui/field";
import { Alert, Card } from "@/components/ui/card";
import { useUnsavedWarning } from "@/components/ui/use-unsaved-warning";

type In = z.input<typeof recipientSchema>;
type Out = z.output<typeof recipientSchema>;

export interface RecipientFormValues {
  id: string;
  email: string;
  name: string;
  familyName: string;
  language: string;
  plainTextOnly?: boolean;
  subscriptions: { kind: "page" | "forum"; path: string; eventTypes: string[] }[];
}

function clean(values: In): In {
  return {
    ...values,
    subscriptions: (values.subscriptions ?? []).map((s) =>
      s.kind === "forum"
        ? { kind: "forum" as const, path: s.path }
        : { kind: "page" as const, path: s.path, eventTypes: Array.isArray((s as { eventTypes?: unknown }).eventTypes) ? s.eventTypes : [] },
    ),
  };
}

export function RecipientForm({
  mode,
  initial,
  save,
  languages,
}: {
  mode: "create" | "edit";
  initial: RecipientFormValues;
  save: (input: Out) => Promise<ActionResult<{ id: string } | { outcome: string }>>;
  languages: { code: string; name: string }[];
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const {
    register,
    handleSubmit,
    control,
    reset,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<In, unknown, Out>({
    // Rows switched between kinds keep stale checkbox state; send each kind only its own fields.
    resolver: (values, ctx, opts) => zodResolver(recipientSchema)(clean(values), ctx, opts),
    defaultValues: initial as In,
  });
  const subs = useFieldArray({ control, name: "subscriptions" });
  const kinds = useWatch({ control, name: "subscriptions" })?.map((s) => s?.kind) ?? [];
  useUnsavedWarning(isDirty && !isSubmitting);

  async function onSubmit(values: Out) {
    setMessage(null);
    const r = await save(values);
    if (!r.ok) {
      setMessage({ tone: "error", text: r.message });
      for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setError(k as never, { message: m.join(" ") });
      return;
    }
    if (mode === "create") {
      reset(values as In);
      router.push(`/recipients/${encodeURIComponent(values.id)}?created=1`);
      return;
    }
    reset(values as In);
    setMessage({ tone: "success", text: "outcome" in r.data && r.data.outcome === "unchanged" ? "Nothing changed." : "Saved." });
    router.refresh();
  }

  const err = (m?: { message?: string }) => (m?.message ? [m.message] : undefined);
  const top = (k: "id" | "email" | "name" | "familyName" | "language") => err(errors[k]);

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-6">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Card title="Profile">
        <div className="grid gap-4 md:grid-cols-2">
          <Field id="r-id" label="ID" help="The calling system's user id (AEM user id). Cannot be changed later." errors={top("id")}>
            <Input id="r-id" readOnly={mode === "edit"} aria-invalid={!!errors.id} aria-describedby={describedBy("r-id", true, !!errors.id)} {...register("id")} />
          </Field>
          <Field id="r-email" label="Email" errors={top("email")}>
            <Input id="r-email" type="email" autoComplete="off" aria-invalid={!!errors.email} aria-describedby={describedBy("r-email", false, !!errors.email)} {...register("email")} />
          </Field>
          {/* AEM's profile fields: givenName and familyName. */}
          <Field id="r-name" label="Given name" help="First name(s), without the family name (AEM profile: givenName)." errors={top("name")}>
            <Input id="r-name" autoComplete="off" aria-invalid={!!errors.name} aria-describedby={describedBy("r-name", true, !!errors.name)} {...register("name")} />
          </Field>
          <Field id="r-family" label="Family name" help="Surname (AEM profile: familyName). Shown first for Korean, Japanese, Chinese, Hungarian and Vietnamese." errors={top("familyName")}>
            <Input id="r-family" autoComplete="off" aria-invalid={!!errors.familyName} aria-describedby={describedBy("r-family", true, !!errors.familyName)} {...register("familyName")} />
          </Field>
          <Field id="r-language" label="Language" help="ISO 639-1 code. Regional forms such as de_CH or pt-BR are stored as the language (de, pt). Without a template in it, English is sent." errors={top("language")}>
            <Input id="r-language" list="r-language-list" aria-invalid={!!errors.language} aria-describedby={describedBy("r-language", true, !!errors.language)} {...register("language")} />
            <datalist id="r-language-list">
              {languages.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.name}
                </option>
              ))}
            </datalist>
          </Field>
          <div className="md:col-span-2">
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" id="r-plain-text" className="mt-1" aria-describedby="r-plain-text-help" {...register("plainTextOnly")} />
              <span>
                <span className="font-medium">Plain text only</span>
                <span id="r-plain-text-help" className="block text-xs text-slate-500 dark:text-slate-400">
                  Send this recipient the text part alone, without the HTML version.
                </span>
              </span>
            </label>
          </div>
        </div>
      </Card>

      <Card
        title="Subscriptions"
        actions={
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" size="sm" onClick={() => subs.append({ kind: "page", path: "", eventTypes: [] })}>
              Add page subscription
            </Button>
            <Button variant="secondary" size="sm" onClick={() => subs.append({ kind: "forum", path: "" } as never)}>
              Add forum subscription
            </Button>
          </div>
        }
      >
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          A page subscription covers the path and every page below it (/content/site covers /content/site/en/products, not /content/site-b). Tick event types to hear only about those; none ticked means all.
        </p>
        {errors.subscriptions?.message ? <p role="alert" className="text-sm text-red-600">{errors.subscriptions.message}</p> : null}
        {subs.fields.length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">No subscriptions: this recipient only gets workflow, collection and direct mail.</p> : null}
        <ul className="space-y-3">
          {subs.fields.map((f, i) => {
            const kind = kinds[i] ?? f.kind;
            const e = errors.subscriptions?.[i] as { path?: { message?: string }; eventTypes?: { message?: string } } | undefined;
            return (
              <li key={f.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid="subscription-row">
                <div className="grid gap-3 md:grid-cols-[11rem_1fr_auto]">
                  <Field id={`s-${i}-kind`} label="Kind">
                    <Select id={`s-${i}-kind`} {...register(`subscriptions.${i}.kind`)}>
                      <option value="page">page events</option>
                      <option value="forum">forum</option>
                    </Select>
                  </Field>
                  <Field id={`s-${i}-path`} label={kind === "forum" ? "Forum path" : "Path"} errors={err(e?.path)}>
                    <Input id={`s-${i}-path`} placeholder="/content/site" aria-invalid={!!e?.path} aria-describedby={describedBy(`s-${i}-path`, false, !!e?.path)} {...register(`subscriptions.${i}.path`)} />
                  </Field>
                  <div className="flex items-end">
                    <Button variant="ghost" size="sm" onClick={() => subs.remove(i)} aria-label={`Remove subscription ${i + 1}`}>
                      Remove
                    </Button>
                  </div>
                </div>
                {kind === "page" ? (
                  <fieldset className="mt-2">
                    <legend className="text-xs font-medium text-slate-600 dark:text-slate-400">Event types (none = all)</legend>
                    <div className="mt-1 flex flex-wrap gap-x-4 gap-y-2">
                      {PAGE_EVENT_TYPES.map((t) => (
                        <label key={t} className="flex items-center gap-1.5 text-xs">
                          {/* 24 px: a touch target a finger can hit (WCAG 2.2 target size). */}
                          <input type="checkbox" className="h-6 w-6" value={t} {...register(`subscriptions.${i}.eventTypes` as never)} />
                          {t}
                        </label>
                      ))}
                    </div>
                    {e?.eventTypes?.message ? <p role="alert" className="text-sm text-red-600">{e.eventTypes.message}</p> : null}
                  </fieldset>
                ) : null}
              </li>
            );
          })}
        </ul>
      </Card>
      <div className="flex gap-3">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : mode === "create" ? "Create recipient" : "Save"}
        </Button>
      </div>
    </form>
  );
}
