"use client";
// Create / edit one recipient: profile fields and the subscription rows. The same zod schema
// validates here and again in the server action.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
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
  const t = useTranslations("recipients");
  const tr = useLocalizeError();
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
      setMessage({ tone: "error", text: tr(r.message) });
      for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setError(k as never, { message: m.join(" ") });
      return;
    }
    if (mode === "create") {
      reset(values as In);
      router.push(`/recipients/${encodeURIComponent(values.id)}?created=1`);
      return;
    }
    reset(values as In);
    setMessage({ tone: "success", text: "outcome" in r.data && r.data.outcome === "unchanged" ? t("unchanged") : t("saved") });
    router.refresh();
  }

  const err = (m?: { message?: string }) => (m?.message ? [tr(m.message)] : undefined);
  const top = (k: "id" | "email" | "name" | "familyName" | "language") => err(errors[k]);

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-6">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Card title={t("profile")}>
        <div className="grid gap-4 md:grid-cols-2">
          <Field id="r-id" label={t("id")} help={t("idHelp")} errors={top("id")}>
            <Input id="r-id" readOnly={mode === "edit"} aria-invalid={!!errors.id} aria-describedby={describedBy("r-id", true, !!errors.id)} {...register("id")} />
          </Field>
          <Field id="r-email" label={t("email")} errors={top("email")}>
            <Input id="r-email" type="email" autoComplete="off" aria-invalid={!!errors.email} aria-describedby={describedBy("r-email", false, !!errors.email)} {...register("email")} />
          </Field>
          {/* AEM's profile fields: givenName and familyName. */}
          <Field id="r-name" label={t("givenName")} help={t("givenNameHelp")} errors={top("name")}>
            <Input id="r-name" autoComplete="off" aria-invalid={!!errors.name} aria-describedby={describedBy("r-name", true, !!errors.name)} {...register("name")} />
          </Field>
          <Field id="r-family" label={t("familyName")} help={t("familyNameHelp")} errors={top("familyName")}>
            <Input id="r-family" autoComplete="off" aria-invalid={!!errors.familyName} aria-describedby={describedBy("r-family", true, !!errors.familyName)} {...register("familyName")} />
          </Field>
          <Field id="r-language" label={t("language")} help={t("languageHelp")} errors={top("language")}>
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
                <span className="font-medium">{t("plainText")}</span>
                <span id="r-plain-text-help" className="block text-xs text-slate-500 dark:text-slate-400">
                  {t("plainTextHelp")}
                </span>
              </span>
            </label>
          </div>
        </div>
      </Card>

      <Card
        title={t("subscriptions")}
        actions={
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" size="sm" onClick={() => subs.append({ kind: "page", path: "", eventTypes: [] })}>
              {t("addPage")}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => subs.append({ kind: "forum", path: "" } as never)}>
              {t("addForum")}
            </Button>
          </div>
        }
      >
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          {t("subsHelp")}
        </p>
        {errors.subscriptions?.message ? <p role="alert" className="text-sm text-red-600">{tr(errors.subscriptions.message)}</p> : null}
        {subs.fields.length === 0 ? <p className="text-sm text-slate-500 dark:text-slate-400">{t("noSubs")}</p> : null}
        <ul className="space-y-3">
          {subs.fields.map((f, i) => {
            const kind = kinds[i] ?? f.kind;
            const e = errors.subscriptions?.[i] as { path?: { message?: string }; eventTypes?: { message?: string } } | undefined;
            return (
              <li key={f.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid="subscription-row">
                <div className="grid gap-3 md:grid-cols-[11rem_1fr_auto]">
                  <Field id={`s-${i}-kind`} label={t("kind")}>
                    <Select id={`s-${i}-kind`} {...register(`subscriptions.${i}.kind`)}>
                      <option value="page">{t("kindPage")}</option>
                      <option value="forum">{t("kindForum")}</option>
                    </Select>
                  </Field>
                  <Field id={`s-${i}-path`} label={kind === "forum" ? t("forumPath") : t("path")} errors={err(e?.path)}>
                    <Input id={`s-${i}-path`} placeholder="/content/site" aria-invalid={!!e?.path} aria-describedby={describedBy(`s-${i}-path`, false, !!e?.path)} {...register(`subscriptions.${i}.path`)} />
                  </Field>
                  <div className="flex items-end">
                    <Button variant="ghost" size="sm" onClick={() => subs.remove(i)} aria-label={t("removeSub", { n: i + 1 })}>
                      {t("remove")}
                    </Button>
                  </div>
                </div>
                {kind === "page" ? (
                  <fieldset className="mt-2">
                    <legend className="text-xs font-medium text-slate-600 dark:text-slate-400">{t("eventTypes")}</legend>
                    <div className="mt-1 flex flex-wrap gap-x-4 gap-y-2">
                      {/* AEM's event type names, shown as AEM names them. */}
                      {PAGE_EVENT_TYPES.map((type) => (
                        <label key={type} className="flex items-center gap-1.5 text-xs" translate="no">
                          {/* 24 px: a touch target a finger can hit (WCAG 2.2 target size). */}
                          <input type="checkbox" className="h-6 w-6" value={type} {...register(`subscriptions.${i}.eventTypes` as never)} />
                          {type}
                        </label>
                      ))}
                    </div>
                    {e?.eventTypes?.message ? <p role="alert" className="text-sm text-red-600">{tr(e.eventTypes.message)}</p> : null}
                  </fieldset>
                ) : null}
              </li>
            );
          })}
        </ul>
      </Card>
      <div className="flex gap-3">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? t("saving") : mode === "create" ? t("create") : t("save")}
        </Button>
      </div>
    </form>
  );
}
