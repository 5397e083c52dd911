"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { inviteSchema, type InviteInput } from "@/lib/validations/user";
import type { ActionResult } from "@/lib/errors";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, describedBy } from "@/components/ui/field";
import { Alert, Card } from "@/components/ui/card";
import { CopyButton } from "@/components/oauth/copy-button";

export function InviteUserForm({ invite }: { invite: (input: InviteInput) => Promise<ActionResult<{ email: string; password: string }>> }) {
  const t = useTranslations("users");
  const tr = useLocalizeError();
  const [result, setResult] = useState<{ email: string; password: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<InviteInput>({ resolver: zodResolver(inviteSchema), defaultValues: { role: "author", language: "en" } });

  async function onSubmit(values: InviteInput) {
    setError(null);
    setResult(null);
    const r = await invite(values);
    if (!r.ok) {
      setError(tr(r.message));
      for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setFieldError(k as keyof InviteInput, { message: m.map(tr).join(" ") });
      return;
    }
    setResult(r.data);
    reset();
  }

  const err = (k: keyof InviteInput) => (errors[k]?.message ? [tr(errors[k]!.message!)] : undefined);

  return (
    <Card title={t("inviteTitle")}>
      <form onSubmit={handleSubmit(onSubmit)} noValidate className="grid gap-4 md:grid-cols-2">
        {error ? <div className="md:col-span-2"><Alert tone="error">{error}</Alert></div> : null}
        {result ? (
          <div className="md:col-span-2">
            <Alert tone="success" title={t("created", { email: result.email })}>
              {t("temporaryShown")} <code data-testid="temp-password" className="rounded bg-white/60 px-1 font-mono dark:bg-black/30">{result.password}</code>{" "}
              <CopyButton text={result.password} what={t("temporaryPassword")} />
            </Alert>
          </div>
        ) : null}
        <Field id="invite-name" label={t("name")} errors={err("name")}>
          <Input id="invite-name" aria-invalid={!!errors.name} aria-describedby={describedBy("invite-name", false, !!errors.name)} {...register("name")} />
        </Field>
        <Field id="invite-email" label={t("email")} errors={err("email")}>
          <Input id="invite-email" type="email" aria-invalid={!!errors.email} aria-describedby={describedBy("invite-email", false, !!errors.email)} {...register("email")} />
        </Field>
        <Field id="invite-role" label={t("roleLabel")} errors={err("role")}>
          <Select id="invite-role" {...register("role")}>
            <option value="author">{t("roleAuthor")}</option>
            <option value="admin">{t("roleAdmin")}</option>
          </Select>
        </Field>
        <Field id="invite-language" label={t("language")} help={t("languageHelp")} errors={err("language")}>
          <Input id="invite-language" maxLength={2} aria-invalid={!!errors.language} aria-describedby={describedBy("invite-language", true, !!errors.language)} {...register("language")} />
        </Field>
        <div className="md:col-span-2">
          <Button type="submit" disabled={isSubmitting}>{isSubmitting ? t("creating") : t("create")}</Button>
        </div>
      </form>
    </Card>
  );
}
