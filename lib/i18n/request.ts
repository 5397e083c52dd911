// next-intl's per-request configuration (without i18n routing: URLs carry no locale). The language
// is the signed-in user's choice, else Accept-Language, else English; the time zone the user's,
// else the server's. Read per request, so a change on the account page applies to the next one.
import { getRequestConfig } from "next-intl/server";
import { headers } from "next/headers";
import { signedInUser } from "@/lib/auth/session";
import { resolveLocale, resolveTimeZone } from "./locales";
import { loadMessages } from "./messages";

export default getRequestConfig(async () => {
  // A broken session must not take every page down with it: the browser's language still applies.
  const user = await signedInUser().catch(() => null);
  const locale = resolveLocale(user?.locale, (await headers()).get("accept-language"));
  return { locale, timeZone: resolveTimeZone(user?.timeZone), messages: await loadMessages(locale) };
});
