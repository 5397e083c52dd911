import "server-only";
import { db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/locales";

/** Stores a user's console language and time zone (null: the server's); read on their next request. */
export async function setUserPreferences(userId: string, prefs: { locale: Locale; timeZone: string | null }): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { locale: prefs.locale, timeZone: prefs.timeZone } });
}
