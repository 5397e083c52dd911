// The error map in client components: form and action errors in the reader's language. English
// readers see the message as it came (it is the English catalog's text already); others get it
// matched against the English texts the layout handed down (lib/i18n/error-texts.tsx) and
// translated with the "validation" and "strength" namespaces.
import { useCallback, useMemo } from "react";
import { useTranslations } from "next-intl";
import { localizeStrengthWith, localizeWith, matcher } from "@/lib/validations/match";
import { useErrorTexts } from "./error-texts";

export function useLocalizeError(): (message: string) => string {
  const t = useTranslations("validation");
  const ts = useTranslations("strength");
  const english = useErrorTexts();
  const find = useMemo(() => (english ? matcher(english.validation) : null), [english]);
  return useCallback(
    (message: string) => {
      if (!find || !english) return message;
      const translate = t as unknown as (key: string, values: Record<string, string>) => string;
      const strength = ts as unknown as (key: string) => string;
      return localizeWith(message, find, translate, (why, hint) => localizeStrengthWith(english.strength, why, hint, strength));
    },
    [find, english, t, ts],
  );
}
