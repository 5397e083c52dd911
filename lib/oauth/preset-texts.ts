// The presets' notes about scopes and the providers' refresh-token limits (lib/oauth/presets.ts),
// by key: the English the API and the CLI keep, and the keys under "oauth.scopeNote" and
// "oauth.limit" in the catalogs that the OAuth page shows in the reader's language (the catalog
// test holds the English catalog to these). Scopes are values and stay verbatim. Pure.
import { englishOf, type KeyedValues } from "@/lib/i18n/keyed";

export const SCOPE_NOTE_TEXTS = {
  no_scopes: "Request at least one scope: without one the provider issues no token that can send mail.",
  google_mail_scope_missing: "{noSlash, select, yes {Write the Gmail scope exactly as \"https://mail.google.com/\" — with the final slash.} other {Gmail's SMTP server accepts XOAUTH2 only with the scope {mailScope}.{sendOnly, select, yes { {sendOnlyScope} alone is refused with \"535-5.7.8 Username and Password not accepted\".} other {}} Add {mailScope}.}}",
  google_send_scope_unneeded: "{sendOnlyScope} is for the Gmail API, not SMTP; with {mailScope} it is not needed and only lengthens the consent screen.",
  google_offline_access: "Google has no \"offline_access\" scope (it would fail with invalid_scope); Herald asks for offline access with access_type=offline instead. Remove it.",
  microsoft_smtp_scope_missing: "Microsoft 365's SMTP server accepts XOAUTH2 only with {smtpScope} (or the https://outlook.office365.com/SMTP.Send spelling). Add it.",
  microsoft_offline_access_missing: "Without \"offline_access\" Microsoft issues no refresh token, so sending stops after an hour. Add offline_access.",
  microsoft_mail_scopes_unneeded: "{scopes} {count, plural, one {is} other {are}} not needed for SMTP (only SMTP.Send is); leave {count, plural, one {it} other {them}} out to ask for less.",
  microsoft_mixed_resources: "A Microsoft token is issued for one resource only, but these scopes name {count} ({resources}). Keep only the Exchange Online (outlook.office.com) scopes; the sign-in would otherwise fail with AADSTS28000 or a token SMTP refuses.",
  custom_offline_access: "Many OpenID Connect providers issue a refresh token only when \"offline_access\" is requested.",
  google_mail_scope_not_granted: "Google did not grant {mailScope}: on the consent screen every permission must be ticked. Without it Gmail refuses the login (535-5.7.8). Re-authorize and tick all boxes.",
  microsoft_smtp_scope_not_granted: "Microsoft did not grant {smtpScope}. Add the delegated permission Microsoft Graph → SMTP.Send (\"Send emails from mailboxes using SMTP AUTH\") to the app registration, grant consent, and re-authorize.",
} as const;
export type ScopeNoteCode = keyof typeof SCOPE_NOTE_TEXTS;

export const REFRESH_LIMIT_TEXTS = {
  googleTesting: "While the Google Cloud app's publishing status is \"Testing\" (external user type), Google revokes its refresh tokens 7 days after they are issued. Publish the app (\"In production\") or authorize again every week.",
  googleIdle: "Google revokes a refresh token that has not been used for 6 months. While the OAuth flow is on, the outbox worker renews the access token about hourly, which keeps it in use.",
  microsoftIdle: "Microsoft refresh tokens expire after 90 days without use (each refresh issues a new one, which Herald stores). While the OAuth flow is on, the outbox worker renews the access token about hourly, which keeps it in use.",
} as const;
export type RefreshLimitKey = keyof typeof REFRESH_LIMIT_TEXTS;

const scopeEnglish = englishOf(SCOPE_NOTE_TEXTS);

/** A scope note's English, with its values for the console ("oauth.scopeNote.<code>"). */
export function scopeNote<C extends ScopeNoteCode>(level: "error" | "warning" | "info", code: C, values: KeyedValues = {}) {
  return { level, code, message: scopeEnglish(code, values), values };
}
