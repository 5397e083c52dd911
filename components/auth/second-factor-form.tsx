"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionFailure } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field, Input, describedBy } from "@/components/ui/field";

type VerifyResult = { ok: true; recoveryCodesLeft: number | null } | ActionFailure;

/** The code after the password: a 6-digit code from the app, or a recovery code. */
export function SecondFactorForm({ verify }: { verify: (code: string) => Promise<VerifyResult> }) {
  const router = useRouter();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, run] = useTransition();
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          setError(null);
          setFieldError(null);
          if (!code.trim()) {
            setFieldError("Type the 6-digit code from your app.");
            return;
          }
          const r = await verify(code);
          if (r.ok) {
            router.replace("/");
            router.refresh();
          } else if (r.fieldErrors?.code) setFieldError(r.fieldErrors.code[0] ?? null);
          else setError(r.message);
        });
      }}
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field id="code" label="Code" help="From your authenticator app, or one of your recovery codes." errors={fieldError ? [fieldError] : undefined}>
        <Input
          id="code"
          autoFocus
          inputMode="text"
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-invalid={!!fieldError}
          aria-describedby={describedBy("code", true, !!fieldError)}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={busy}>
        {busy ? "Checking…" : "Verify"}
      </Button>
    </form>
  );
}
