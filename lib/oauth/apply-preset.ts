import "server-only";
// "Apply" on the OAuth page: writes the OAuth2 provider (URLs, scopes, client, redirect URL) and
// the Mail Service (SMTP host, port, encryption, mailbox, sender, OAuth flow on) as new config
// versions in one transaction — both or neither — through the config store, so history, audit,
// sealing and the cross-service rules apply exactly as on the generated forms.
import { AppError } from "@/lib/errors";
import { VALIDATION } from "@/lib/validations/messages";
import { MAIL_SERVICE_PID, OAUTH_PROVIDER_PID, mailService, oauthProvider } from "@/lib/config/services";
import { saveManyServiceConfigs, storedValues } from "@/lib/config/store";
import { validateValues } from "@/lib/config/validate";
import type { ConfigValues } from "@/lib/config/types";
import { presetFormSchema, providerLabel, type PresetForm } from "./presets";

/** Which form field shows a config key's error. */
const FORM_FIELD: Record<string, keyof PresetForm> = {
  authUrl: "authUrl",
  tokenUrl: "tokenUrl",
  refreshUrl: "refreshUrl",
  scopes: "scopes",
  clientId: "clientId",
  clientSecret: "clientSecret",
  authCodeRedirectUrl: "redirectUrl",
  "smtp.host": "smtpHost",
  "smtp.port": "smtpPort",
  "smtp.user": "mailbox",
  "from.address": "fromAddress",
  "smtp.ssl": "security",
  "smtp.starttls": "security",
  "smtp.requiretls": "requireTls",
};

function zodFieldErrors(issues: readonly { path: PropertyKey[]; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const i of issues) {
    const key = typeof i.path[0] === "string" ? i.path[0] : "_form";
    const list = (out[key] ??= []);
    if (!list.includes(i.message)) list.push(i.message);
  }
  return out;
}

export interface ApplyPresetResult {
  oauthVersion: number | null;
  mailVersion: number | null;
  changed: number;
}

export async function applyPreset(input: unknown, actor: string): Promise<ApplyPresetResult> {
  const parsed = presetFormSchema.safeParse(input);
  if (!parsed.success) {
    const fields = zodFieldErrors(parsed.error.issues);
    throw new AppError("validation", VALIDATION.presetInvalid, fields);
  }
  const f = parsed.data;
  const [oauthStored, mailStored] = await Promise.all([storedValues(OAUTH_PROVIDER_PID), storedValues(MAIL_SERVICE_PID)]);
  const oauthNext: ConfigValues = {
    ...oauthStored,
    authUrl: f.authUrl,
    tokenUrl: f.tokenUrl,
    refreshUrl: f.refreshUrl,
    scopes: f.scopes,
    clientId: f.clientId,
    // Blank keeps the stored (sealed) secret; a new one is sealed by the store.
    ...(f.clientSecret.trim() ? { clientSecret: f.clientSecret.trim() } : {}),
    authCodeRedirectUrl: f.redirectUrl,
  };
  const mailNext: ConfigValues = {
    ...mailStored,
    "smtp.host": f.smtpHost,
    "smtp.port": f.smtpPort,
    "smtp.ssl": f.security === "ssl",
    "smtp.starttls": f.security === "starttls",
    "smtp.requiretls": f.security === "starttls" && f.requireTls,
    "smtp.user": f.mailbox,
    "from.address": f.fromAddress,
    "oauth.flow": true,
  };
  const fields: Record<string, string[]> = {};
  for (const [def, values] of [[oauthProvider, oauthNext], [mailService, mailNext]] as const) {
    const checked = validateValues(def, values);
    if (!checked.ok) {
      for (const [key, msgs] of Object.entries(checked.fieldErrors)) (fields[FORM_FIELD[key] ?? "_form"] ??= []).push(...msgs);
      if (checked.formErrors.length) (fields._form ??= []).push(...checked.formErrors);
    }
  }
  if (Object.keys(fields).length) throw new AppError("validation", VALIDATION.presetInvalid, fields);
  const results = await saveManyServiceConfigs(
    [
      { pid: OAUTH_PROVIDER_PID, values: oauthNext },
      { pid: MAIL_SERVICE_PID, values: mailNext },
    ],
    { actor, action: "config.save", note: `OAuth2 preset: ${providerLabel(f.preset)}` },
  );
  const by = (pid: string) => results.find((r) => r.pid === pid);
  return {
    oauthVersion: by(OAUTH_PROVIDER_PID)?.version ?? null,
    mailVersion: by(MAIL_SERVICE_PID)?.version ?? null,
    changed: results.reduce((n, r) => n + r.changes.length, 0),
  };
}
