"use client";
import { useTranslations } from "next-intl";
import type { Explained } from "@/lib/mail/explain";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * An SMTP failure's title and explanation in the reader's language ("smtpCheck.explain" in the
 * catalogs); one without a key (an older stored one) as it came. The server's reply inside it stays
 * verbatim: it is a value, never translated.
 */
export function useExplain(): (e: Explained) => { title: string; explanation: string } {
  const t = useTranslations("smtpCheck") as unknown as Translate;
  return (e) => {
    if (!e.i18n) return { title: e.title, explanation: e.explanation };
    const values = { at: t("server"), host: t("someHost"), ...e.i18n.values };
    return { title: t(`explain.${e.i18n.key}.title`, values), explanation: t(`explain.${e.i18n.key}.explanation`, values) };
  };
}
