// Language names as a reader of the console says them: English uses lib/templates' ISO 639-1
// names (what the CLI and the API say), every other locale Intl.DisplayNames in that locale.
// Computed on the server and handed to client components as a map, so server and browser never
// disagree about a name (no hydration mismatch between two ICU versions).
import { ISO_639_1, languageName, normalizeLanguage } from "@/lib/templates";

export type LanguageNames = Readonly<Record<string, string>>;

export function languageNames(locale: string): LanguageNames {
  const out: Record<string, string> = {};
  let display: Intl.DisplayNames | null = null;
  if (locale !== "en") {
    try {
      display = new Intl.DisplayNames([locale], { type: "language", fallback: "none" });
    } catch {
      display = null;
    }
  }
  for (const l of ISO_639_1) {
    const name = display?.of(l.code);
    out[l.code] = name && name !== l.code ? name : l.name;
  }
  return out;
}

/** The name of a code or any form normalizeLanguage accepts ("de_CH" → German); undefined if none. */
export function nameOf(names: LanguageNames, code: string): string | undefined {
  const n = normalizeLanguage(code);
  return n === null ? undefined : (names[n] ?? languageName(n));
}

/** "German (de)", or the code alone in parentheses' place when it names no language. */
export function labelOf(names: LanguageNames, code: string): string {
  return `${nameOf(names, code) ?? code} (${code})`;
}

/** A variable's key in the catalog: dots are the catalog's separators ("participant.name" → "participant_name"). */
export function variableKey(name: string): string {
  return name.replace(/\./g, "_");
}
