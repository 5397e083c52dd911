// Herald's words in the connection check's steps (lib/smtp/session.ts, with-token.ts), by key: the
// English the API and the CLI show, and the key under "smtpCheck.stepText" in the catalogs that the
// console shows in the reader's language (the catalog test holds the English catalog to these).
// Server replies, host names and addresses are values and stay verbatim. Pure.
import { englishOf, type Keyed, type KeyedValues } from "@/lib/i18n/keyed";

export const CHECK_STEP_TEXTS = {
  ipNoLookup: "{host} is an IP address, no lookup needed",
  connected: "Connected to {address}",
  upgraded: "Upgraded with STARTTLS",
  ehlo: "AUTH: {auth, select, none {not offered} other {{auth}}}; extensions: {extensions, select, none {none} other {{extensions}}}",
  noUser: "No SMTP user set: Herald sends without logging in",
  offersAuth: "The server offers AUTH ({methods}); if it requires a login, MAIL FROM will be refused.",
  noAuthOffered: "The server did not offer AUTH on this connection, so Herald sends without logging in",
  loggedIn: "Logged in as {user}{method, select, none {} other { with {method}}}",
  unverified: "The certificate was not verified{error, select, none {} other { ({error})}} because certificate checks are off: the connection is encrypted but not protected against impersonation.",
  token: "{refreshed, select, yes {New access token from the provider} other {Current access token}} for {user}, valid for {mins, select, none {less than a minute} other {{mins} min}}",
} as const;
export type CheckStepTextKey = keyof typeof CHECK_STEP_TEXTS;

const english = englishOf(CHECK_STEP_TEXTS);

/** A step's detail (or warning) in English, with its key for the console ("stepText.<key>" under "smtpCheck"). */
export function stepText(key: CheckStepTextKey, values: KeyedValues = {}): { text: string; keyed: Keyed } {
  return { text: english(key, values), keyed: { key: `stepText.${key}`, values } };
}
