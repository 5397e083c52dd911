// The error map in client components: form and action errors in the reader's language.
import { useCallback } from "react";
import { useTranslations } from "next-intl";
import { localizeError } from "@/lib/validations/messages";

export function useLocalizeError(): (message: string) => string {
  const t = useTranslations("validation");
  const ts = useTranslations("strength");
  return useCallback((message: string) => localizeError(message, (key, values) => t(key, values), (key) => ts(key)), [t, ts]);
}
