"use client";
// "Connect a provider": pick Google, Microsoft 365 or Custom; the preset fills the OAuth2
// provider's URLs and scopes and the Mail Service's SMTP settings, every field stays editable, and
// Apply saves both services at once. Validated here and again on the server with the same schema.
import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
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

const HELP: Record<ProviderKind, string> = {
  google: "Register an OAuth client of type “Web application” in the Google Cloud console (APIs & Services → Credentials), add the redirect URL below as an authorized redirect URI, and copy its client ID and secret.",
  microsoft: "Register an app in Microsoft Entra ID (App registrations), add the redirect URL below under Authentication → Web, add the delegated permissions Microsoft Graph → SMTP.Send and offline_access, create a client secret, and copy the Application (client) ID and the secret's value.",
  custom: "Any OAuth2 provider whose SMTP server accepts XOAUTH2: enter its authorization and token URLs, the scopes its SMTP server needs, and the SMTP server.",
};

export function PresetForm({ initial, apply }: { initial: PresetFormInitial; apply: ApplyPresetAction }) {
  const router = useRouter();
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
      setResult({ tone: "error", text: "Some values are not valid; see the fields. Nothing was saved." });
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
      const saved = [r.data.oauthVersion ? `OAuth2 provider v${r.data.oauthVersion}` : null, r.data.mailVersion ? `Mail Service v${r.data.mailVersion}` : null].filter(Boolean);
      setResult({ tone: "success", text: saved.length ? `Saved: ${saved.join(", ")}. Register the redirect URL at the provider, then click Authorize.` : "Nothing changed." });
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  const err = (k: string) => errors[k];
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
    <Card title="Provider and mailbox">
      <form onSubmit={onSubmit} noValidate className="space-y-5" data-testid="preset-form">
        <fieldset>
          <legend className="mb-2 text-sm font-medium">Preset</legend>
          <div className="grid gap-2 md:grid-cols-3">
            {PROVIDERS.map((p) => (
              <label key={p.kind} className={`flex cursor-pointer flex-col rounded-md border p-3 text-sm ${s.preset === p.kind ? "border-brand-500 bg-brand-50 dark:bg-slate-800" : "border-slate-300 dark:border-slate-700"}`}>
                <span className="flex items-center gap-2 font-medium">
                  <input type="radio" name="preset" value={p.kind} checked={s.preset === p.kind} onChange={() => choose(p.kind)} />
                  {p.label}
                </span>
                <span className="mt-1 text-xs text-slate-500 dark:text-slate-400">{p.summary}</span>
              </label>
            ))}
          </div>
        </fieldset>

        {s.preset ? (
          <>
            <p className="text-sm text-slate-600 dark:text-slate-400">{HELP[s.preset]}</p>

            <div className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
              <Field id="oauth-redirect" label="Redirect URL" help="Register exactly this URL at the provider. It is Herald's token endpoint (AEM: /services/mailer/oauth2/token)." errors={err("redirectUrl")}>
                <div className="flex flex-wrap items-center gap-2">
                  <Input id="oauth-redirect" className="min-w-0 flex-1 font-mono" value={s.redirectUrl} aria-invalid={!!err("redirectUrl")} aria-describedby={describedBy("oauth-redirect", true, !!err("redirectUrl"))} onChange={(ev) => set("redirectUrl", ev.target.value)} />
                  <CopyButton text={s.redirectUrl} what="redirect URL" />
                </div>
              </Field>
            </div>

            <div className="grid gap-4 md:grid-cols-2">
              {s.preset === "microsoft" ? (
                <Field id="oauth-tenant" label="Tenant" help="Directory (tenant) ID or verified domain; “organizations” for a multi-tenant app, “common” also allows personal accounts." errors={err("tenant")}>
                  <Input id="oauth-tenant" value={s.tenant} placeholder="organizations" aria-invalid={!!err("tenant")} aria-describedby={describedBy("oauth-tenant", true, !!err("tenant"))} onChange={(ev) => changeTenant(ev.target.value)} />
                </Field>
              ) : null}
              {input("oauth-client-id", "clientId", "Client ID", { help: s.preset === "google" ? "…apps.googleusercontent.com" : s.preset === "microsoft" ? "Application (client) ID, a GUID" : undefined })}
              {input("oauth-client-secret", "clientSecret", "Client secret", {
                type: "password",
                autoComplete: "new-password",
                help: initial.clientSecretSet ? "A secret is stored (never shown). Leave blank to keep it." : "Stored encrypted and never shown again. $[secret:NAME] reads it from the environment.",
              })}
              {input("oauth-mailbox", "mailbox", "Mailbox (SMTP user)", { type: "email", help: "The mailbox that signs in and consents; XOAUTH2 logs in as this address.", placeholder: "notifications@example.com" })}
              {input("oauth-from", "fromAddress", "From address", { help: "Sender of mail without its own sender; usually the mailbox itself.", placeholder: "Notifications <notifications@example.com>" })}
            </div>

            <details open={s.preset === "custom"} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
              <summary className="cursor-pointer text-sm font-medium">Endpoints, scopes and SMTP server</summary>
              <div className="mt-3 grid gap-4 md:grid-cols-2">
                {input("oauth-auth-url", "authUrl", "Authorization URL")}
                {input("oauth-token-url", "tokenUrl", "Token URL")}
                {input("oauth-refresh-url", "refreshUrl", "Refresh token URL", { help: "Blank: the token URL." })}
                <Field id="oauth-scopes" label="Scopes (one per line)" errors={err("scopes")}>
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
                {input("oauth-smtp-host", "smtpHost", "SMTP host")}
                {input("oauth-smtp-port", "smtpPort", "SMTP port", { type: "number" })}
                <Field id="oauth-security" label="Encryption" errors={err("security")}>
                  <Select id="oauth-security" value={s.security} onChange={(ev) => set("security", ev.target.value as SmtpSecurity)}>
                    <option value="starttls">StartTLS (usually port 587)</option>
                    <option value="ssl">SSL on connect (usually port 465)</option>
                    <option value="plain">None (trusted network only)</option>
                  </Select>
                </Field>
                <Field id="oauth-require-tls" label="Require StartTLS" errors={err("requireTls")} help="Refuse to send unless the connection is encrypted with STARTTLS.">
                  <input id="oauth-require-tls" type="checkbox" className="h-4 w-4" checked={s.requireTls} disabled={s.security !== "starttls"} onChange={(ev) => set("requireTls", ev.target.checked)} />
                </Field>
              </div>
            </details>

            {notes.length ? (
              <ul className="space-y-2" data-testid="scope-notes">
                {notes.map((n) => (
                  <li key={n.code}>
                    <Alert tone={n.level === "error" ? "error" : n.level === "warning" ? "warning" : "info"}>{n.message}</Alert>
                  </li>
                ))}
              </ul>
            ) : null}

            {errors._form?.length ? <Alert tone="error">{errors._form.join(" ")}</Alert> : null}
            {result ? <Alert tone={result.tone === "success" ? "success" : "error"}>{result.text}</Alert> : null}
            <div className="flex items-center gap-3">
              <Button type="submit" disabled={busy}>{busy ? "Saving…" : "Apply and save"}</Button>
              <span className="text-xs text-slate-500 dark:text-slate-400">Saves the CQ Mail SMTP OAuth2 Provider and the Day CQ Mail Service (with “OAuth flow” on) as new versions.</span>
            </div>
          </>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">Choose a preset to fill in the settings.</p>
        )}
      </form>
    </Card>
  );
}
