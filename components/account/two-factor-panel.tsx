"use client";
import { useState, useTransition } from "react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { ActionFailure } from "@/lib/errors";
import { STAMP } from "@/lib/i18n/formats";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
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
  const t = useTranslations("twoFactor");
  const tc = useTranslations("common");
  const tr = useLocalizeError();
  const format = useFormatter();
  const [enrolment, setEnrolment] = useState<EnrolmentView | null>(pending);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, run] = useTransition();

  if (codes) {
    return (
      <Card title={t("onTitle")}>
        <div className="space-y-3">
          <Alert tone="success" title={t("saveCodes")}>
            {t("saveCodesText")}
          </Alert>
          <ol data-testid="recovery-codes" className="grid grid-cols-2 gap-1 font-mono text-sm">
            {codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
          <CopyButton text={codes.join("\n")} label={tc("copy")} what={t("recoveryCodes")} />
          <p className="text-sm">
            <Link className="underline" href="/">{t("continue")}</Link>
          </p>
        </div>
      </Card>
    );
  }

  if (status.enabled) {
    return (
      <Card title={t("title")}>
        <p className="text-sm">
          <Badge tone="green">{tc("on")}</Badge> {t("since", { at: status.enabledAt ? format.dateTime(new Date(status.enabledAt), STAMP) : tc("dash"), count: status.recoveryCodesLeft })}
        </p>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("lostPhone")}</p>
      </Card>
    );
  }

  return (
    <Card title={t("title")}>
      <div className="space-y-4">
        {required ? <Alert tone="warning" title={t("requiredTitle")}>{t("requiredText")}</Alert> : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        {!enrolment ? (
          <div className="space-y-2">
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("intro")}</p>
            <Button
              disabled={busy}
              onClick={() =>
                run(async () => {
                  setError(null);
                  const r = await start();
                  if (r.ok) setEnrolment(r.enrolment);
                  else setError(tr(r.message));
                })
              }
            >
              {t("setUp")}
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
                  setFieldError(t("codeInvalid"));
                  return;
                }
                const r = await confirm(code);
                if (r.ok) setCodes(r.recoveryCodes);
                else {
                  const codeError = r.fieldErrors?.code?.[0];
                  setFieldError(codeError ? tr(codeError) : null);
                  if (!codeError) setError(tr(r.message));
                }
              });
            }}
          >
            <p className="text-sm">{t("scan")}</p>
            <div data-testid="totp-qr" className="h-48 w-48 bg-white p-1" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
            <p className="text-sm">
              {t.rich("typeKey", {
                secret: enrolment.secret,
                code: (chunks) => (
                  <code data-testid="totp-secret" className="break-all rounded bg-slate-100 px-1 font-mono dark:bg-slate-800">
                    {chunks}
                  </code>
                ),
              })}
            </p>
            <Field id="totp-code" label={t("codeLabel")} errors={fieldError ? [fieldError] : undefined}>
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
              {busy ? tc("checking") : t("turnOn")}
            </Button>
          </form>
        )}
      </div>
    </Card>
  );
}
