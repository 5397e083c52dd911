"use client";
import { useTranslations } from "next-intl";
import { SESSION_WARNING_TEXTS, type SessionWarningKey } from "@/lib/smtp/warnings";

const BY_TEXT = new Map(Object.entries(SESSION_WARNING_TEXTS).map(([k, v]) => [v as string, k as SessionWarningKey]));

/** A session warning (lib/smtp/warnings.ts, English) in the reader's language; an unknown one as it came. */
export function useWarningText(): (text: string) => string {
  const t = useTranslations("smtpCheck.warning");
  return (text) => {
    const key = BY_TEXT.get(text);
    return key ? t(key) : text;
  };
}
