// Herald's validation and form-error texts, by key: the English wording the schemas, the server
// and the API use (API bodies and the CLI stay English), and the key under "validation" in the
// catalogs (messages/*.json) that a person reads in their own language. The catalog test holds
// the English catalog to exactly these texts.
import { localizeStrength, type StrengthKey } from "./strength";

export const VALIDATION = {
  checkFields: "Check the highlighted fields.",
  emailRequired: "Email is required",
  emailInvalid: "Enter a valid email address",
  nameRequired: "Name is required",
  nameTooLong: "Name is too long",
  nameSingleLine: "Name must be a single line",
  passwordRequired: "Password is required",
  passwordMin: "Use at least {min} characters",
  passwordMax: "Use at most {max} characters",
  passwordsDiffer: "Passwords do not match",
  currentRequired: "Enter your current password",
  passwordSame: "Choose a password different from the current one",
  containsEmail: "Must not contain your email address",
  containsNameOrEmail: "Must not contain your name or email address",
  tooEasy: "Too easy to guess: {why} {hint}",
  alreadySetUp: "Herald is already set up. Sign in instead.",
  // next-auth hands the sign-in refusals of lib/auth/options.ts to the form as they are.
  wrongPassword: "Wrong email or password.",
  tooManySignIns: "Too many failed sign-ins. Wait {seconds} seconds and try again.",
  passwordsOff: "Sign-in with a password is turned off; use single sign-on.",
  currentWrong: "The current password is not right.",
  codeMissing: "Type the 6-digit code from your app.",
  codeWrong: "That code is not right, or it was already used. Type the current code from your app, or a recovery code.",
  codeWrongEnrol: "That code is not right. Check the app's clock and type the current 6-digit code.",
  tooManyCodes: "Too many wrong codes. Wait {seconds} seconds and try again.",
  signInEnded: "This sign-in has ended; sign in again.",
  enrolFirst: "Start the set-up first.",
  enrolChanged: "The set-up changed meanwhile; start again.",
  alreadyEnrolled: "Two-factor codes are already set up for this account.",
  sessionMissing: "No session given.",
  sessionCurrent: "This is the session you are using; sign out instead.",
  sessionGone: "That session has already ended.",
  localeInvalid: "Choose English or 한국어",
  timeZoneInvalid: "Choose a time zone from the list",
  unexpected: "Something went wrong. Try again.",
  // Administration (users, API keys): the users page's and the API key form's errors.
  userExists: "A user with this email already exists",
  userNotFound: "User not found",
  noUser: "No user given.",
  chooseRole: "Choose admin or author.",
  chooseRoleField: "Choose admin or author",
  languageCode: "Use a two-letter language code such as en or de",
  nothingGiven: "Nothing given",
  removeSelf: "You cannot remove yourself.",
  resetOwnPassword: "Change your own password on your account page.",
  endOwnSessions: "End your own sessions on your account page.",
  resetOwnTwoFactor: "Another admin must reset your two-factor codes.",
  lastAdminRole: "Herald needs at least one admin; make someone else admin first.",
  lastAdminRemove: "Herald needs at least one admin; the last admin cannot be removed.",
  keyNameRequired: "Enter a name.",
  keyNameEmpty: "Enter a name, e.g. the system that will use the key.",
  keyNameMax: "At most 100 characters.",
  noControlChars: "No line breaks or control characters.",
  scopeInvalid: "Each scope must be one of {scopes}.",
  scopesRequired: "Choose at least one scope.",
  numberRequired: "Enter a number.",
  wholeNumber: "Enter a whole number.",
  rateMin: "At least 1 request a minute.",
  rateMax: "At most 1,000,000 requests a minute.",
  apiKeyUnknown: "There is no API key \"{key}\".",
  // Configuration (issue 17): the service rules of lib/config (rules.ts, the service definitions,
  // validate.ts, store.ts). {label} is a field's English label; the console translates it (and
  // any value that is itself one of these texts) with the service catalog. More specific texts
  // come before the general ones they would otherwise match.
  cfgLineBreaksHeader: "{label} must not contain line breaks (it is written into a mail header).",
  cfgSingleLine: "{label} must be a single line.",
  cfgControlChars: "{label} must not contain control characters.",
  cfgBadPlaceholder: "{label} looks like a placeholder but is not a valid one: write $[env:NAME] or $[secret:NAME].",
  cfgNotBlank: "{label} must not be blank.",
  cfgMaxLength: "{label} must be at most {max} characters long.",
  cfgHostScheme: "{label} must be a host name like smtp.example.com, without \"{scheme}://\".",
  cfgNoSpaces: "{label} must not contain spaces.",
  cfgHostPath: "{label} must be a host name like smtp.example.com, without a path.",
  cfgIpv6: "{label} is not a valid IPv6 address.",
  cfgHostPort: "{label} must not include a port; enter the port in its own field.",
  cfgHostLong: "{label} is too long for a host name.",
  cfgIpv4: "{label} is not a valid IPv4 address.",
  cfgHostEmptyPart: "{label} has an empty part (two dots in a row, or a dot at the start).",
  cfgHostBadPart: "{label} is not a valid host name (\"{part}\" may only use letters, digits and \"-\", not at either end).",
  cfgAddressExpected: "{label} is not a valid email address: {reason}. Expected name@example.com or Name {example}.",
  cfgAddress: "{label} is not a valid email address: {reason}.",
  cfgUrlAbsolute: "{label} must be an absolute URL starting with http:// or https:// (for example https://example.com).",
  cfgUrlInvalid: "{label} is not a valid URL.",
  cfgUrlCredentials: "{label} must not contain a user name or password.",
  cfgUrlFragment: "{label} must not contain a fragment (\"#…\").",
  cfgUrlHttps: "{label} must start with https:// — over plain http the client secret and tokens would travel unencrypted (http is allowed only to this machine: localhost, 127.0.0.1, [::1]).",
  cfgUrlQuery: "{label} must not contain a query (\"?…\"); it is a prefix that paths are appended to.",
  cfgUrlSlash: "{label} must not end with \"/\" (paths that are appended start with \"/\"); use {fixed}.",
  cfgRequired: "{label} is required.",
  cfgMustBeText: "{label} must be text.",
  cfgMustBeOnOff: "{label} must be on or off (true or false).",
  cfgMustBeNumber: "{label} must be a number.",
  cfgMustBeList: "{label} must be a list.",
  cfgSecretLineBreaks: "{label} must not contain line breaks or NUL characters.",
  cfgSecretDefault: "{label} must not give a default in its placeholder: the default would be stored and shown in clear text.",
  cfgWholeNumber: "{label} must be a whole number.",
  cfgBetweenHint: "{label} must be between {min} and {max} ({hint}).",
  cfgBetween: "{label} must be between {min} and {max}.",
  cfgAtLeastHint: "{label} must be at least {min} ({hint}).",
  cfgAtLeast: "{label} must be at least {min}.",
  cfgAtMostHint: "{label} must be at most {max} ({hint}).",
  cfgAtMost: "{label} must be at most {max}.",
  cfgHintNever: "or -1 for never",
  cfgOneOf: "{label} must be one of: {values}.",
  cfgListEntryText: "Each entry of {label} must be text.",
  cfgListMax: "{label} may have at most {max} entries.",
  cfgItemBlank: "{label} is blank; remove it or fill it in.",
  cfgItemSpaces: "{label} must not contain spaces; add each one as its own entry.",
  cfgListTwice: "{label} lists \"{item}\" twice.",
  cfgWebhookMax: "{label} may list at most {max} URLs.",
  cfgWebhookTwice: "{label} lists the same URL twice.",
  cfgSslAndStarttls: "{ssl} and {starttls} cannot both be on: SSL encrypts from the first byte (usually port 465), StartTLS upgrades a plain connection (usually port 587). Choose one.",
  cfgRequiretlsNeedsStarttls: "{requiretls} needs {starttls} to be on.",
  cfgOauthUser: "{user} must not be blank when {oauth} is on: XOAUTH2 signs in as this mailbox (for Microsoft 365, the mailbox address).",
  cfgIssuerHttps: "{label} must start with https:// (the client secret and the users' tokens travel to it); plain http is only allowed for a provider on this machine (localhost).",
  cfgIssuerQuery: "{label} must not contain a query (\"?…\").",
  cfgDomainInvalid: "Domain {n} (\"{domain}\") is not a domain name like example.com.",
  cfgBlankWhileOn: "{label} must not be blank while {enabled} is on.",
  cfgScopesOpenid: "{label} must include \"openid\" (without it the provider sends no ID token).",
  cfgRoleClaimBlank: "{label} must not be blank when admin or author values are given.",
  cfgNobodyCanSignIn: "Give at least one admin or author value, or set {unmatched} to \"create as author\": otherwise nobody can sign in.",
  cfgUnknownKeySuggest: "\"{key}\" is not a setting of {service}. Did you mean \"{suggestion}\"?",
  cfgUnknownKey: "\"{key}\" is not a setting of {service}.",
  cfgUnknownKeys: "{keys} are not settings of {service}.",
  cfgNotObject: "The settings of {service} must be an object of key/value pairs.",
  cfgUnknownService: "\"{pid}\" is not a service Herald knows.",
  cfgOauthIncomplete: "OAuth flow is on in {mail}, but {oauth} is incomplete. Missing: {missing}.",
  cfgSomeInvalid: "Some values are not valid; see the fields.",
  cfgConflictBy: "Not saved: {service} was changed by {actor} at {time} UTC (version {version}) — reload the page to see that change, then make yours again.",
  cfgConflict: "Not saved: {service} was changed since you loaded it — reload the page, then make your change again.",
  cfgNoLoadedVersion: "The form did not say which version it was loaded with; reload the page.",
  cfgChooseUpload: "Choose a .cfg.json, .xml or .zip file.",
  cfgChooseImportFile: "Choose a .cfg.json, .xml, .config or .zip file.",
  cfgAtLeastOneScope: "at least one scope",
  // Notes of an import preview (lib/config/import-plan.ts) on the secrets in a file.
  cfgNoteSecretKept: "{label}: not in the file, the stored secret is kept.",
  cfgNoteExportedKept: "{label}: {placeholder} is how Herald exports this secret; the stored secret is kept.",
  cfgNoteSealed: "{label}: the file holds an encrypted value; it only works if this Herald uses the same secrets key.",
  cfgNoteClearText: "{label}: the file holds the secret in clear text; it will be stored encrypted. Prefer a placeholder such as {placeholder}.",
  // Reasons of lib/config/address.ts, translated where they fill {reason}.
  cfgAddrEmpty: "it is empty",
  cfgAddrSpace: "it contains a space",
  cfgAddrNoAt: "it has no \"@\"",
  cfgAddrTwoAts: "it has more than one \"@\"",
  cfgAddrNothingBeforeAt: "there is nothing before the \"@\"",
  cfgAddrOnlyOne: "only one address is allowed",
  cfgAddrTwoDots: "the part before \"@\" has two dots in a row",
  // OAuth2 page and test email
  presetInvalid: "Some values are not valid; see the fields. Nothing was saved.",
  fixFormBeforeTest: "Fix the form before sending a test email.",
  presetChoose: "Choose Google, Microsoft 365 or Custom.",
  tenantMissing: "Enter the tenant ID (Directory ID, a GUID), your domain (contoso.onmicrosoft.com), or \"organizations\".",
  tenantConsumers: "Personal Microsoft accounts (\"consumers\") cannot use smtp.office365.com. Use your organization's tenant ID or \"organizations\".",
  tenantInvalid: "\"{tenant}\" is not a tenant: enter the Directory (tenant) ID \u2014 a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47 \u2014 a verified domain, \"organizations\" or \"common\".",
  clientIdBlank: "Client ID must not be blank: copy it from the app registration.",
  clientSecretMax: "Client secret must be at most 2000 characters.",
  refreshUrlInvalid: "Refresh token URL must be a full http(s) URL or blank (then the token URL is used).",
  scopeBlank: "A scope must not be blank.",
  scopeSpaces: "A scope must not contain spaces: one scope per entry.",
  scopesMin: "Add at least one scope.",
  smtpHostBlank: "SMTP host must not be blank.",
  smtpHostFormat: "SMTP host is a host name or IP address, without scheme or port.",
  smtpPortNumber: "SMTP port must be a number.",
  smtpPortWhole: "SMTP port must be a whole number.",
  smtpPortRange: "SMTP port must be between 25 and 65535.",
  securityChoose: "Choose StartTLS, SSL or none.",
  mailboxBlank: "Mailbox must not be blank: XOAUTH2 signs in as this address.",
  mailboxEmail: "Mailbox must be an email address (the account that consents).",
  fromBlank: "From address must not be blank.",
  fromOneLine: "From address must be on one line.",
  requireTlsSsl: "Require StartTLS does not apply to SSL on connect; turn one of them off.",
  requireTlsPlain: "Require StartTLS needs StartTLS.",
  // The mail flow screens (outbox, retry policy, recipients, mailbox): the schemas' and actions'
  // texts, which the API and the CLI give in English as they are.
  noneSelected: "No messages selected.",
  tooManySelected: "At most 10,000 messages at a time.",
  enterNumber: "Enter a number.",
  atLeastOne: "At least 1.",
  atMostHundred: "At most 100.",
  atLeastTenthSecond: "At least 0.1 seconds.",
  atMostOneDay: "At most one day.",
  atLeastOneSecond: "At least 1 second.",
  atMostThirtyDays: "At most 30 days.",
  delayBelowFirst: "Must be at least the first delay.",
  fieldEmpty: "must not be empty",
  fieldTooLong: "must be at most {max} characters long",
  fieldControl: "must not contain line breaks or control characters",
  idCharacters: "must not contain spaces, slashes, ?, #, % or control characters",
  emailNotValid: "is not a valid email address: {detail}",
  emailAlone: "must be the address alone (name@example.com), without a display name",
  languageCodeIso: "\"{value}\" is not an ISO 639-1 language code (e.g. en, de, pt, or de_CH)",
  pathStart: "must start with \"/\" (e.g. /content/site)",
  pathSpaces: "must not contain spaces",
  pathDots: "must not contain \".\" or \"..\" segments",
  pathTwice: "{path} is listed twice for {kind} events",
  csvChoose: "Choose a CSV file.",
  sandboxOff: "The built-in mailbox is switched off (HERALD_DEV_SMTP=0), so the sandbox cannot route mail to it.",
  mailboxNoStart: "The built-in mailbox could not start; see the server log.",
  recipientExists: "A recipient with id \"{id}\" already exists.",
  idTaken: "is already taken",
  emailOwned: "{email} already belongs to recipient \"{owner}\".",
  emailOwnedField: "already belongs to recipient \"{owner}\"",
  recipientMissing: "There is no recipient with id \"{id}\".",
  idUnchangeable: "The id cannot be changed.",
  idUnchangeableField: "cannot be changed",
  fileTooLarge: "The file is larger than {mb} MB; split it.",
  fileTooLargeField: "too large",
} as const;
export type ValidationKey = keyof typeof VALIDATION;

/** A text with its {placeholders} filled: the English message a schema or the server gives. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Each text as a pattern whose {placeholders} capture what was filled in, so a filled message
// ("Use at least 12 characters") is found again with its values.
const PATTERNS = (Object.entries(VALIDATION) as [ValidationKey, string][]).map(([key, text]) => {
  const names: string[] = [];
  const source = text
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return escape(part);
      names.push(name);
      return "([\\s\\S]+?)";
    })
    .join("");
  return { key, names, re: new RegExp(`^${source}$`) };
});

/** The key and values of a known English message, or null for a text Herald does not know. */
export function matchValidation(message: string): { key: ValidationKey; values: Record<string, string> } | null {
  for (const p of PATTERNS) {
    const m = p.re.exec(message);
    if (m) return { key: p.key, values: Object.fromEntries(p.names.map((n, i) => [n, m[i + 1] ?? ""])) };
  }
  return null;
}

/**
 * The one error map of the console: a validation or form error (from zod in the browser, or in an
 * action's answer from the server) in the reader's language through `t` (the "validation"
 * namespace). A text it does not know is shown as it came.
 */
export function localizeError(
  message: string,
  t: (key: ValidationKey, values: Record<string, string>) => string,
  strength?: (key: StrengthKey) => string,
): string {
  const found = matchValidation(message);
  if (!found) return message;
  // The estimator's feedback inside "Too easy to guess: {why} {hint}" has keys of its own.
  if (found.key === "tooEasy" && strength) return t(found.key, { ...found.values, ...localizeStrength(found.values.why ?? "", found.values.hint ?? "", strength) });
  return t(found.key, found.values);
}
