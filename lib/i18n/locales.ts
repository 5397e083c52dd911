// Which language and time zone the console speaks: pure functions, shared by the request config,
// the account page's form and its server action. A third language is one more code here and one
// more catalog in messages/.
export const LOCALES = ["en", "ko"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** What the Language select shows: each language in its own words, so anyone can find theirs. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", ko: "한국어" };

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/**
 * The best supported language of an Accept-Language header ("ko-KR,ko;q=0.9,en;q=0.8"), by its
 * q-values; a region (ko-KR) counts for its language. Null when none is supported.
 */
export function negotiateLocale(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { lang: tag.trim().toLowerCase().split("-")[0], weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  return ranked.map((r) => r.lang).find(isLocale) ?? null;
}

/** The signed-in user's own choice, else the browser's languages, else English. */
export function resolveLocale(stored: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(stored)) return stored;
  return negotiateLocale(acceptLanguage) ?? DEFAULT_LOCALE;
}

/** The time zone this server runs in: the default for users who have not chosen one. */
export function serverTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** IANA time zones this runtime knows (what the account page offers and its action accepts). */
export function timeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

export function isTimeZone(v: unknown): v is string {
  if (typeof v !== "string" || !v) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: v });
    return true;
  } catch {
    return false;
  }
}

/** The user's own time zone when it is still valid, else the server's. */
export function resolveTimeZone(stored: string | null | undefined): string {
  return stored && isTimeZone(stored) ? stored : serverTimeZone();
}
