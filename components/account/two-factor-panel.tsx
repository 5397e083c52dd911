"use client";
import { useState, useTransition } from "react";
import Link from "next/link";
import type { ActionFailure } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card } from "@/components/ui/card";
import { Field, Input, describedBy } from "@/components/ui/field";
import { CopyButton } from "@/components/oauth/copy-button";

export interface EnrolmentView {
  secret: string;
  uri: string;
  qrSvg: string;
}

type StartResult = { ok: true; enrolment: EnrolmentView } | ActionFailure;
type ConfirmResult = { ok: true; recoveryCodes: string[] } | ActionFailure;

/** Two-factor codes on the account page: status, enrolment (QR + secret + first code), recovery codes shown once. */
export function TwoFactorPanel({
  status,
  pending,
  required,
  start,
  confirm,
}: {
  status: { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number };
  pending: EnrolmentView | null;
  required: boolean;
  start: () => Promise<StartResult>;
  confirm: (code: string) => Promise<ConfirmResult>;
}) {
  const [enrolment, setEnrolment] = useState<EnrolmentView | null>(pending);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, run] = useTransition();

  if (codes) {
    return (
      <Card title="Two-factor codes are on">
        <div className="space-y-3">
          <Alert tone="success" title="Save your recovery codes now">
            Each code signs you in once if you lose your phone. They are shown only this time; Herald keeps only a hash of them.
          </Alert>
          <ol data-testid="recovery-codes" className="grid grid-cols-2 gap-1 font-mono text-sm">
            {codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
          <CopyButton text={codes.join("\n")} label="Copy" what="recovery codes" />
          <p className="text-sm">
            <Link className="underline" href="/">Continue to the console</Link>
          </p>
        </div>
      </Card>
    );
  }

  if (status.enabled) {
    return (
      <Card title="Two-factor codes">
        <p className="text-sm">
          <Badge tone="green">on</Badge> since {status.enabledAt ? new Date(status.enabledAt).toLocaleString() : "—"}; {status.recoveryCodesLeft} recovery codes left.
        </p>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Lost your phone? Ask another admin to reset your two-factor codes (Users page), or an operator: herald user 2fa-reset &lt;email&gt;.</p>
      </Card>
    );
  }

  return (
    <Card title="Two-factor codes">
      <div className="space-y-4">
        {required ? <Alert tone="warning" title="Two-factor codes are required">Your admins require a code from an authenticator app at every sign-in with a password. Set it up to continue.</Alert> : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        {!enrolment ? (
          <div className="space-y-2">
            <p className="text-sm text-slate-600 dark:text-slate-400">After your password, Herald will ask for a 6-digit code from an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, FreeOTP…).</p>
            <Button
              disabled={busy}
              onClick={() =>
                run(async () => {
                  setError(null);
                  const r = await start();
                  if (r.ok) setEnrolment(r.enrolment);
                  else setError(r.message);
                })
              }
            >
              Set up two-factor codes
            </Button>
          </div>
        ) : (
          <form
            className="space-y-4"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              run(async () => {
                setError(null);
                setFieldError(null);
                if (!/^\d{6}$/.test(code.replace(/\s+/g, ""))) {
                  setFieldError("Type the 6-digit code the app shows.");
                  return;
                }
                const r = await confirm(code);
                if (r.ok) setCodes(r.recoveryCodes);
                else {
                  setFieldError(r.fieldErrors?.code?.[0] ?? null);
                  if (!r.fieldErrors?.code) setError(r.message);
                }
              });
            }}
          >
            <p className="text-sm">1. Scan this QR code with the app:</p>
            <div data-testid="totp-qr" className="h-48 w-48 bg-white p-1" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
            <p className="text-sm">
              Or type this key: <code data-testid="totp-secret" className="break-all rounded bg-slate-100 px-1 font-mono dark:bg-slate-800">{enrolment.secret}</code>
            </p>
            <Field id="totp-code" label="2. Code from the app" errors={fieldError ? [fieldError] : undefined}>
              <Input
                id="totp-code"
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                aria-invalid={!!fieldError}
                aria-describedby={describedBy("totp-code", false, !!fieldError)}
              />
            </Field>
            <Button type="submit" disabled={busy}>
              {busy ? "Checking…" : "Turn on two-factor codes"}
            </Button>
          </form>
        )}
      </div>
    </Card>
  );
}
