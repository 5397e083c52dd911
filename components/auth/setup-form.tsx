"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { setupSchema, type SetupInput } from "@/lib/validations/user";
import type { ActionResult } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy } from "@/components/ui/field";
import { Alert } from "@/components/ui/card";

export function SetupForm({ action }: { action: (input: SetupInput) => Promise<ActionResult> }) {
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
      setError(res.message);
      for (const [k, msgs] of Object.entries(res.fieldErrors ?? {})) setFieldError(k as keyof SetupInput, { message: msgs.join(" ") });
      return;
    }
    await signIn("credentials", { email: values.email, password: values.password, redirect: false });
    router.replace("/");
    router.refresh();
  }

  const fields = [
    { name: "name", label: "Your name", type: "text", auto: "name" },
    { name: "email", label: "Email", type: "email", auto: "username" },
    { name: "password", label: "Password", type: "password", auto: "new-password", help: "At least 12 characters, hard to guess, not containing your name or email." },
    { name: "confirm", label: "Repeat password", type: "password", auto: "new-password" },
  ] as const;

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div>
        <h1 className="text-lg font-semibold">Create the first admin</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">Herald has no users yet. The account you create here manages everything else.</p>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {fields.map((f) => {
        const err = errors[f.name]?.message;
        const help = "help" in f ? f.help : undefined;
        return (
          <Field key={f.name} id={f.name} label={f.label} help={help} errors={err ? [err] : undefined}>
            <Input id={f.name} type={f.type} autoComplete={f.auto} aria-invalid={!!err} aria-describedby={describedBy(f.name, !!help, !!err)} {...register(f.name)} />
          </Field>
        );
      })}
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "Creating…" : "Create admin and sign in"}
      </Button>
    </form>
  );
}
