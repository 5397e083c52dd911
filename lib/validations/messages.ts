// Herald's validation and form-error texts, by key: the English wording the schemas, the server
// and the API use (API bodies and the CLI stay English), and the key under "validation" in the
// catalogs (messages/*.json) that a person reads in their own language. The catalog test holds
// the English catalog to exactly these texts.
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
export function localizeError(message: string, t: (key: ValidationKey, values: Record<string, string>) => string): string {
  const found = matchValidation(message);
  return found ? t(found.key, found.values) : message;
}
