"use client";
// "Connect a provider": pick Google, Microsoft 365 or Custom; the preset fills the OAuth2
// provider's URLs and scopes and the Mail Service's SMTP settings, every field stays editable, and
// Apply saves both services at once. Validated here and again on the server with the same schema.
import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/errors";
import {
  PROVIDERS,
  detectProviderKind,
  presetFormSchema,
  presetValues,
  scopeWarnings,
  type PresetFormInput,
  type ProviderKind,
  type SmtpSecurity,
} from "@/lib/oauth/presets";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, describedBy, inputClass } from "@/components/ui/field";
import { Alert, Card } from "@/components/ui/card";
import { CopyButton } from "./copy-button";
import { useHealthText } from "./use-health-text";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";

export type ApplyPresetAction = (values: PresetFormInput) => Promise<ActionResult<{ oauthVersion: number | null; mailVersion: number | null; changed: number }>>;

export interface PresetFormInitial {
  preset: ProviderKind | null;
  tenant: string;
  clientId: string;
  clientSecretSet: boolean;
  authUrl: string;
  tokenUrl: string;
  refreshUrl: string;
  scopes: string[];
  redirectUrl: string;
  smtpHost: string;
  smtpPort: number;
  security: SmtpSecurity;
  requireTls: boolean;
  mailbox: string;
  fromAddress: string;
}

interface State {
  preset: ProviderKind | null;
  tenant: string;
  clientId: string;
  clientSecret: string;
  authUrl: string;
  tokenUrl: string;
  refreshUrl: string;
  scopesText: string;
  redirectUrl: string;
  smtpHost: string;
  smtpPort: string;
  security: SmtpSecurity;
  requireTls: boolean;
  mailbox: string;
  fromAddress: string;
}

export function PresetForm({ initial, apply }: { initial: PresetFormInitial; apply: ApplyPresetAction }) {
  const router = useRouter();
  const t = useTranslations("oauth");
  const tg = useTranslations("oauthGuide");
  const localize = useLocalizeError();
  const healthText = useHealthText();
  const [s, setS] = useState<State>({
    preset: initial.preset,
    tenant: initial.tenant,
    clientId: initial.clientId,
    clientSecret: "",
    authUrl: initial.authUrl,
    tokenUrl: initial.tokenUrl,
    refreshUrl: initial.refreshUrl,
    scopesText: initial.scopes.join("\n"),
    redirectUrl: initial.redirectUrl,
    smtpHost: initial.smtpHost,
    smtpPort: String(initial.smtpPort || 587),
    security: initial.security,
    requireTls: initial.requireTls,
    mailbox: initial.mailbox,
    fromAddress: initial.fromAddress,
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const scopes = useMemo(() => s.scopesText.split(/\r?\n/).map((x) => x.trim()).filter(Boolean), [s.scopesText]);
  const kind = detectProviderKind({ authUrl: s.authUrl, tokenUrl: s.tokenUrl });
  const notes = s.preset ? scopeWarnings(s.preset === "custom" ? kind : s.preset, scopes) : [];

  function set<K extends keyof State>(key: K, value: State[K]) {
    setS((prev) => ({ ...prev, [key]: value }));
    setErrors((e) => {
      if (!e[key as string]) return e;
      const next = { ...e };
      delete next[key as string];
      return next;
    });
  }

  function choose(preset: ProviderKind) {
    setErrors({});
    setResult(null);
    if (preset === "custom") {
      // Custom starts from what the form holds now (the saved configuration, or the preset just
      // picked): the admin adjusts a URL or the SMTP host rather than retyping everything.
      setS((prev) => ({ ...prev, preset, fromAddress: prev.fromAddress || prev.mailbox }));
      return;
    }
    const v = presetValues(preset, { tenant: s.tenant });
    setS((prev) => ({
      ...prev,
      preset,
      authUrl: v.authUrl,
      tokenUrl: v.tokenUrl,
      refreshUrl: v.refreshUrl,
      scopesText: v.scopes.join("\n"),
      smtpHost: v.smtpHost,
      smtpPort: String(v.smtpPort),
      security: v.security,
      requireTls: v.requireTls,
      fromAddress: prev.fromAddress || prev.mailbox,
    }));
  }

  function changeTenant(tenant: string) {
    setS((prev) => {
      // Keep the URLs following the tenant as long as they are the preset's own.
      const before = presetValues("microsoft", { tenant: prev.tenant });
      const after = presetValues("microsoft", { tenant });
      return {
        ...prev,
        tenant,
        authUrl: prev.authUrl === before.authUrl ? after.authUrl : prev.authUrl,
        tokenUrl: prev.tokenUrl === before.tokenUrl ? after.tokenUrl : prev.tokenUrl,
      };
    });
  }

  function payload(): PresetFormInput {
    return {
      preset: s.preset ?? "custom",
      tenant: s.tenant,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
      authUrl: s.authUrl,
      tokenUrl: s.tokenUrl,
      refreshUrl: s.refreshUrl,
      scopes,
      redirectUrl: s.redirectUrl,
      smtpHost: s.smtpHost,
      smtpPort: Number(s.smtpPort),
      security: s.security,
      requireTls: s.requireTls,
      mailbox: s.mailbox,
      fromAddress: s.fromAddress,
    };
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setResult(null);
    const values = payload();
    const checked = presetFormSchema.safeParse(values);
    if (!checked.success) {
      const fe: Record<string, string[]> = {};
      for (const i of checked.error.issues) (fe[String(i.path[0] ?? "_form")] ??= []).push(i.message);
      setErrors(fe);
      setResult({ tone: "error", text: t("invalid") });
      return;
    }
    setBusy(true);
    try {
      const r = await apply(values);
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        setResult({ tone: "error", text: r.message });
        return;
      }
      setErrors({});
      setS((prev) => ({ ...prev, clientSecret: "" }));
      const saved = [r.data.oauthVersion ? t("savedOAuth", { version: r.data.oauthVersion }) : null, r.data.mailVersion ? t("savedMail", { version: r.data.mailVersion }) : null].filter(Boolean);
      setResult({ tone: "success", text: saved.length ? t("saved", { saved: saved.join(", ") }) : t("nothingChanged") });
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  const err = (k: string) => errors[k]?.map(localize);
  const input = (id: string, key: keyof State, label: string, opts: { help?: string; type?: string; placeholder?: string; autoComplete?: string } = {}) => (
    <Field id={id} label={label} help={opts.help} errors={err(key)}>
      <Input
        id={id}
        type={opts.type ?? "text"}
        value={String(s[key] ?? "")}
        placeholder={opts.placeholder}
        autoComplete={opts.autoComplete ?? "off"}
        aria-invalid={!!err(key)}
        aria-describedby={describedBy(id, !!opts.help, !!err(key))}
        onChange={(ev) => set(key, ev.target.value as never)}
      />
    </Field>
  );

  return (
    <Card title={t("providerTitle")}>
      <form onSubmit={onSubmit} noValidate className="space-y-5" data-testid="preset-form">
        <fieldset>
          <legend className="mb-2 text-sm font-medium">{t("preset")}</legend>
          <div className="grid gap-2 md:grid-cols-3">
            {PROVIDERS.map((p) => (
              <label key={p.kind} className={`flex cursor-pointer flex-col rounded-md border p-3 text-sm ${s.preset === p.kind ? "border-brand-500 bg-brand-50 dark:bg-slate-800" : "border-slate-300 dark:border-slate-700"}`}>
                <span className="flex items-center gap-2 font-medium">
                  <input type="radio" name="preset" value={p.kind} checked={s.preset === p.kind} onChange={() => choose(p.kind)} />
                  {tg(`preset.${p.kind}.label`)}
                </span>
                <span className="mt-1 text-xs text-slate-500 dark:text-slate-400">{tg(`preset.${p.kind}.summary`)}</span>
              </label>
            ))}
          </div>
        </fieldset>

        {s.preset ? (
          <>
            <p className="text-sm text-slate-600 dark:text-slate-400">{tg(`help.${s.preset}`)}</p>

            <div className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
              <Field id="oauth-redirect" label={t("redirectUrl")} help={t("redirectHelp")} errors={err("redirectUrl")}>
                <div className="flex flex-wrap items-center gap-2">
                  <Input id="oauth-redirect" className="min-w-0 flex-1 font-mono" value={s.redirectUrl} aria-invalid={!!err("redirectUrl")} aria-describedby={describedBy("oauth-redirect", true, !!err("redirectUrl"))} onChange={(ev) => set("redirectUrl", ev.target.value)} />
                  <CopyButton text={s.redirectUrl} what={t("redirectUrlWhat")} />
                </div>
              </Field>
            </div>

            <div className="grid gap-4 md:grid-cols-2">
              {s.preset === "microsoft" ? (
                <Field id="oauth-tenant" label={t("tenant")} help={t("tenantHelp")} errors={err("tenant")}>
                  <Input id="oauth-tenant" value={s.tenant} placeholder="organizations" aria-invalid={!!err("tenant")} aria-describedby={describedBy("oauth-tenant", true, !!err("tenant"))} onChange={(ev) => changeTenant(ev.target.value)} />
                </Field>
              ) : null}
              {input("oauth-client-id", "clientId", t("clientId"), { help: s.preset === "google" ? "…apps.googleusercontent.com" : s.preset === "microsoft" ? t("clientIdHelpMicrosoft") : undefined })}
              {input("oauth-client-secret", "clientSecret", t("clientSecret"), {
                type: "password",
                autoComplete: "new-password",
                help: initial.clientSecretSet ? t("secretStored") : t("secretHelp"),
              })}
              {input("oauth-mailbox", "mailbox", t("mailbox"), { type: "email", help: t("mailboxHelp"), placeholder: "notifications@example.com" })}
              {input("oauth-from", "fromAddress", t("fromAddress"), { help: t("fromHelp"), placeholder: "Notifications <notifications@example.com>" })}
            </div>

            <details open={s.preset === "custom"} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
              <summary className="cursor-pointer text-sm font-medium">{t("endpoints")}</summary>
              <div className="mt-3 grid gap-4 md:grid-cols-2">
                {input("oauth-auth-url", "authUrl", t("authUrl"))}
                {input("oauth-token-url", "tokenUrl", t("tokenUrl"))}
                {input("oauth-refresh-url", "refreshUrl", t("refreshUrl"), { help: t("refreshUrlHelp") })}
                <Field id="oauth-scopes" label={t("scopesField")} errors={err("scopes")}>
                  <textarea
                    id="oauth-scopes"
                    rows={4}
                    className={`${inputClass} font-mono`}
                    value={s.scopesText}
                    aria-invalid={!!err("scopes")}
                    aria-describedby={describedBy("oauth-scopes", false, !!err("scopes"))}
                    onChange={(ev) => set("scopesText", ev.target.value)}
                  />
                </Field>
                {input("oauth-smtp-host", "smtpHost", t("smtpHost"))}
                {input("oauth-smtp-port", "smtpPort", t("smtpPort"), { type: "number" })}
                <Field id="oauth-security" label={t("encryption")} errors={err("security")}>
                  <Select id="oauth-security" value={s.security} onChange={(ev) => set("security", ev.target.value as SmtpSecurity)}>
                    <option value="starttls">{t("securityStarttls")}</option>
                    <option value="ssl">{t("securitySsl")}</option>
                    <option value="plain">{t("securityPlain")}</option>
                  </Select>
                </Field>
                <Field id="oauth-require-tls" label={t("requireTls")} errors={err("requireTls")} help={t("requireTlsHelp")}>
                  <input id="oauth-require-tls" type="checkbox" className="h-4 w-4" checked={s.requireTls} disabled={s.security !== "starttls"} onChange={(ev) => set("requireTls", ev.target.checked)} />
                </Field>
              </div>
            </details>

            {notes.length ? (
              <ul className="space-y-2" data-testid="scope-notes">
                {notes.map((n) => (
                  <li key={n.code}>
                    <Alert tone={n.level === "error" ? "error" : n.level === "warning" ? "warning" : "info"}>{healthText(n.message, undefined, { key: n.code, values: n.values })}</Alert>
                  </li>
                ))}
              </ul>
            ) : null}

            {errors._form?.length ? <Alert tone="error">{errors._form.map(localize).join(" ")}</Alert> : null}
            {result ? <Alert tone={result.tone === "success" ? "success" : "error"}>{localize(result.text)}</Alert> : null}
            <div className="flex items-center gap-3">
              <Button type="submit" disabled={busy}>{busy ? t("saving") : t("apply")}</Button>
              <span className="text-xs text-slate-500 dark:text-slate-400">{t.rich("applyHelp", { svc: (ch) => <span translate="no">{ch}</span> })}</span>
            </div>
          </>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("choosePreset")}</p>
        )}
      </form>
    </Card>
  );
}
