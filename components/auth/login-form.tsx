"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { z } from "zod";
import { useTranslations } from "next-intl";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import { loginSchema } from "@/lib/validations/user";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy } from "@/components/ui/field";
import { Alert } from "@/components/ui/card";

type LoginInput = z.input<typeof loginSchema>;

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("login");
  const tr = useLocalizeError();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<LoginInput>({ resolver: zodResolver(loginSchema) });

  async function onSubmit(values: LoginInput) {
    setError(null);
    const res = await signIn("credentials", { ...values, redirect: false });
    if (!res || res.error) {
      setError(res?.error && res.error !== "CredentialsSignin" ? tr(res.error) : t("wrongPassword"));
      return;
    }
    // Checked again against this very origin right before navigating (the prop may be stale or forged).
    router.replace(safeCallbackPath(callbackUrl, window.location.origin));
    router.refresh();
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field id="email" label={t("email")} errors={errors.email?.message ? [tr(errors.email.message)] : undefined}>
        <Input id="email" type="email" autoComplete="username" autoFocus aria-invalid={!!errors.email} aria-describedby={describedBy("email", false, !!errors.email)} {...register("email")} />
      </Field>
      <Field id="password" label={t("password")} errors={errors.password?.message ? [tr(errors.password.message)] : undefined}>
        <Input id="password" type="password" autoComplete="current-password" aria-invalid={!!errors.password} aria-describedby={describedBy("password", false, !!errors.password)} {...register("password")} />
      </Field>
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
