// The catalogs (messages/<locale>.json): one per language, loaded on its own so a request only
// ever reads the catalog of its locale.
import type { Locale } from "./locales";
import type en from "@/messages/en.json";

export type Messages = typeof en;
export type Namespace = keyof Messages;

export async function loadMessages(locale: Locale): Promise<Messages> {
  return (await import(`../../messages/${locale}.json`)).default as Messages;
}

/**
 * The namespaces client components translate with; only these reach the browser (the rest is
 * rendered on the server). Add a namespace here when a client component starts using it.
 */
export const CLIENT_NAMESPACES = ["common", "login", "setup", "password", "sessions", "twoFactor", "account", "activity", "validation", "ui", "apiKeys", "users", "strength", "configuration", "configHistory", "configImport", "oauth", "oauthGuide", "oauthCard", "testEmail", "smtpCheck", "templates", "templateEditor", "templateLint", "templateVars", "htmlTemplates", "outbox", "mailStatus", "mailLog", "mailbox", "recipients"] as const satisfies readonly Namespace[];

export function clientMessages(messages: Messages): Pick<Messages, (typeof CLIENT_NAMESPACES)[number]> {
  return Object.fromEntries(CLIENT_NAMESPACES.map((n) => [n, messages[n]])) as Pick<Messages, (typeof CLIENT_NAMESPACES)[number]>;
}
