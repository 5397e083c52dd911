"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import { setupSchema, type SetupInput } from "@/lib/validations/user";
import type { ActionResult } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy } from "@/components/ui/field";
import { Alert } from "@/components/ui/card";

export function SetupForm({ action }: { action: (input: SetupInput) => Promise<ActionResult> }) {
  const t = useTranslations("setup");
  const tp = useTranslations("password");
  const tr = useLocalizeError();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<SetupInput>({ resolver: zodResolver(setupSchema) });

  async function onSubmit(values: SetupInput) {
    setError(null);
    const res = await action(values);
    if (!res.ok) {
      setError(tr(res.message));
      for (const [k, msgs] of Object.entries(res.fieldErrors ?? {})) setFieldError(k as keyof SetupInput, { message: msgs.map(tr).join(" ") });
      return;
    }
    await signIn("credentials", { email: values.email, password: values.password, redirect: false });
    router.replace("/");
    router.refresh();
  }

  const fields = [
    { name: "name", label: t("name"), type: "text", auto: "name" },
    { name: "email", label: t("email"), type: "email", auto: "username" },
    { name: "password", label: t("password"), type: "password", auto: "new-password", help: tp("policy") },
    { name: "confirm", label: t("confirm"), type: "password", auto: "new-password" },
  ] as const;

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div>
        <h1 className="text-lg font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("intro")}</p>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {fields.map((f) => {
        const raw = errors[f.name]?.message;
        const err = raw ? tr(raw) : undefined;
        const help = "help" in f ? f.help : undefined;
        return (
          <Field key={f.name} id={f.name} label={f.label} help={help} errors={err ? [err] : undefined}>
            <Input id={f.name} type={f.type} autoComplete={f.auto} aria-invalid={!!err} aria-describedby={describedBy(f.name, !!help, !!err)} {...register(f.name)} />
          </Field>
        );
      })}
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
