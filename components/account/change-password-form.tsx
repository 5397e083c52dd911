"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/validations/user";
import type { ActionResult } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy } from "@/components/ui/field";
import { Alert } from "@/components/ui/card";

export function ChangePasswordForm({
  email,
  name,
  change,
  afterChange,
}: {
  email: string;
  name: string;
  change: (input: ChangePasswordInput) => Promise<ActionResult<{ sessionsEnded: number }>>;
  /** Where to go once the password is changed (the forced change goes on to the console). */
  afterChange?: string;
}) {
  const t = useTranslations("password");
  const tr = useLocalizeError();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<ChangePasswordInput>({ resolver: zodResolver(changePasswordSchema), defaultValues: { email, name } });

  async function onSubmit(values: ChangePasswordInput) {
    setError(null);
    setDone(null);
    const r = await change(values);
    if (!r.ok) {
      setError(tr(r.message));
      for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setFieldError(k as keyof ChangePasswordInput, { message: m.map(tr).join(" ") });
      return;
    }
    reset({ email, name, current: "", password: "", confirm: "" });
    const n = r.data.sessionsEnded;
    setDone(n ? t("changedEnded", { count: n }) : t("changed"));
    if (afterChange) router.replace(afterChange);
    router.refresh();
  }

  const err = (k: keyof ChangePasswordInput) => (errors[k]?.message ? [tr(errors[k]!.message!)] : undefined);

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-4" aria-label={t("formLabel")}>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      <input type="hidden" {...register("email")} />
      <input type="hidden" {...register("name")} />
      <Field id="current-password" label={t("current")} errors={err("current")}>
        <Input id="current-password" type="password" autoComplete="current-password" aria-invalid={!!errors.current} aria-describedby={describedBy("current-password", false, !!errors.current)} {...register("current")} />
      </Field>
      <Field id="new-password" label={t("new")} help={t("policy")} errors={err("password")}>
        <Input id="new-password" type="password" autoComplete="new-password" aria-invalid={!!errors.password} aria-describedby={describedBy("new-password", true, !!errors.password)} {...register("password")} />
      </Field>
      <Field id="confirm-password" label={t("repeat")} errors={err("confirm")}>
        <Input id="confirm-password" type="password" autoComplete="new-password" aria-invalid={!!errors.confirm} aria-describedby={describedBy("confirm-password", false, !!errors.confirm)} {...register("confirm")} />
      </Field>
      <Button type="submit" disabled={isSubmitting}>{isSubmitting ? t("submitting") : t("submit")}</Button>
    </form>
  );
}
