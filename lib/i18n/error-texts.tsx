"use client";
// The English texts the browser's error map matches against (the "validation" and "strength"
// namespaces of messages/en.json, which the catalog tests hold equal to lib's tables). They come
// from the root layout as data — only for readers whose language is not English, for whom an
// English message is already right — so no page's JavaScript carries the tables.
import { createContext, useContext } from "react";
import type { StrengthTexts } from "@/lib/validations/match";

export interface ErrorTexts {
  validation: Record<string, string>;
  strength: StrengthTexts;
}

const Context = createContext<ErrorTexts | null>(null);

export function ErrorTextsProvider({ texts, children }: { texts: ErrorTexts | null; children: React.ReactNode }) {
  return <Context.Provider value={texts}>{children}</Context.Provider>;
}

export function useErrorTexts(): ErrorTexts | null {
  return useContext(Context);
}
