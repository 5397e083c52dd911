"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/validations/user";
import type { ActionResult } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy } from "@/components/ui/field";
import { Alert } from "@/components/ui/card";

const POLICY = "At least 12 characters, hard to guess, not containing your name or email.";

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
      setError(r.message);
      for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setFieldError(k as keyof ChangePasswordInput, { message: m.join(" ") });
      return;
    }
    reset({ email, name, current: "", password: "", confirm: "" });
    const n = r.data.sessionsEnded;
    setDone(`Password changed.${n ? ` ${n} other session${n === 1 ? "" : "s"} ended.` : ""}`);
    if (afterChange) router.replace(afterChange);
    router.refresh();
  }

  const err = (k: keyof ChangePasswordInput) => (errors[k]?.message ? [errors[k]!.message!] : undefined);

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-4" aria-label="Change password">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {done ? <Alert tone="success">{done}</Alert> : null}
      <input type="hidden" {...register("email")} />
      <input type="hidden" {...register("name")} />
      <Field id="current-password" label="Current password" errors={err("current")}>
        <Input id="current-password" type="password" autoComplete="current-password" aria-invalid={!!errors.current} aria-describedby={describedBy("current-password", false, !!errors.current)} {...register("current")} />
      </Field>
      <Field id="new-password" label="New password" help={POLICY} errors={err("password")}>
        <Input id="new-password" type="password" autoComplete="new-password" aria-invalid={!!errors.password} aria-describedby={describedBy("new-password", true, !!errors.password)} {...register("password")} />
      </Field>
      <Field id="confirm-password" label="Repeat new password" errors={err("confirm")}>
        <Input id="confirm-password" type="password" autoComplete="new-password" aria-invalid={!!errors.confirm} aria-describedby={describedBy("confirm-password", false, !!errors.confirm)} {...register("confirm")} />
      </Field>
      <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Changing…" : "Change password"}</Button>
    </form>
  );
}
