"use client";
import { useTranslations } from "next-intl";
import type { Keyed } from "@/lib/i18n/keyed";
import { oauthWords, type Translate } from "./oauth-words";

/**
 * A token health text (lib/oauth/health.ts) or scope note (lib/oauth/presets.ts) in the reader's
 * language; one without a key (a stored reason, a provider's words) as it came.
 */
export function useHealthText(): (message: string, text?: Keyed, scopeNote?: Keyed) => string {
  const t = useTranslations("oauth") as unknown as Translate;
  return (message, text, scopeNote) => {
    if (text) return oauthWords(t, `health.${text.key}`, text.values);
    if (scopeNote) return t(`scopeNote.${scopeNote.key}`, scopeNote.values);
    return message;
  };
}
