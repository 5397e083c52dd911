"use client";
// The template pages' translations that come from lib/templates: family names, variable
// descriptions, lint findings and how a recipient's language resolves, each by its key (the
// English texts stay in lib for the CLI and the API).
import { useCallback } from "react";
import { useTranslations } from "next-intl";
import type { FamilyId, TemplateMessage } from "@/lib/templates";
import { variableKey } from "./language-names";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A family's name ("Workflow"), and in running text ("workflow", as lib's English has it). */
export function useFamilyName(): { title: (id: FamilyId) => string; inText: (id: FamilyId) => string } {
  const t = useTranslations("templateVars") as unknown as Translate;
  const title = useCallback((id: FamilyId) => t(`families.${id}.title`), [t]);
  const inText = useCallback((id: FamilyId) => t(`families.${id}.inText`), [t]);
  return { title, inText };
}

/** A variable's description in the reader's language ("Name of the participant"). */
export function useVariableDescription(): (family: FamilyId, name: string) => string {
  const t = useTranslations("templateVars") as unknown as Translate;
  return useCallback((family: FamilyId, name: string) => t(`variables.${family}.${variableKey(name)}`), [t]);
}

/**
 * A lint finding, render error or resolution detail in the reader's language. `family` is the
 * family the text names (its {family}), so a Korean text names it in Korean.
 */
export function useTemplateMessage(family?: FamilyId | null): (m: TemplateMessage & { because?: TemplateMessage }) => string {
  const t = useTranslations("templateLint") as unknown as Translate;
  const { inText } = useFamilyName();
  return useCallback(
    (m: TemplateMessage & { because?: TemplateMessage }) => {
      const values: Record<string, string | number> = { ...m.values };
      if ("family" in values && family) values.family = inText(family);
      if (m.because) values.because = t(m.because.key, m.because.values);
      return t(m.key, values);
    },
    [t, inText, family],
  );
}
