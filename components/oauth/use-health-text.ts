"use client";
import { useTranslations } from "next-intl";
import type { Keyed } from "@/lib/i18n/keyed";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A token health text (lib/oauth/health.ts) in the reader's language; one without a key as it came. */
export function useHealthText(): (message: string, text?: Keyed) => string {
  const t = useTranslations("oauth") as unknown as Translate;
  return (message, text) => {
    if (!text) return message;
    const values = { ...text.values };
    // The missing settings by key, in the reader's words ("oauth.missing.<key>").
    if (typeof values.missingKeys === "string") values.missing = values.missingKeys.split(",").map((k) => t(`missing.${k}`)).join(", ");
    return t(`health.${text.key}`, values);
  };
}
