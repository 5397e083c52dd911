import { ISO_639_1 } from "@/lib/templates/languages";

/** Language suggestions for the recipient form. */
export function languageOptions() {
  return ISO_639_1.filter((l) => !l.deprecated).map((l) => ({ code: l.code, name: l.nativeName && l.nativeName !== l.name ? `${l.name} (${l.nativeName})` : l.name }));
}
