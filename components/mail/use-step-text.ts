"use client";
import { useTranslations } from "next-intl";
import type { Keyed } from "@/lib/i18n/keyed";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A check step's detail or warning in the reader's language when Herald worded it; else as it came (server replies, addresses). */
export function useStepText(): (text: string, keyed?: Keyed) => string {
  const t = useTranslations("smtpCheck") as unknown as Translate;
  return (text, keyed) => (keyed ? t(keyed.key, { at: t("server"), host: t("someHost"), ...keyed.values }) : text);
}
