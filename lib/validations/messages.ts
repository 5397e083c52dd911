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
  // The mail flow screens (outbox, retry policy, recipients, mailbox): the schemas' and actions'
  // texts, which the API and the CLI give in English as they are.
  noneSelected: "No messages selected.",
  tooManySelected: "At most 10,000 messages at a time.",
  enterNumber: "Enter a number.",
  wholeNumber: "Enter a whole number.",
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
  languageCode: "\"{value}\" is not an ISO 639-1 language code (e.g. en, de, pt, or de_CH)",
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
export function localizeError(message: string, t: (key: ValidationKey, values: Record<string, string>) => string): string {
  const found = matchValidation(message);
  return found ? t(found.key, found.values) : message;
}
