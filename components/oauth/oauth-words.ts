// Words a keyed OAuth text of lib/oauth ("oauth.<key>" in the catalogs) with the nested keys it
// names translated too. Plain function: the page (server) and the panels (browser) share it.
import type { Keyed } from "@/lib/i18n/keyed";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export function oauthWords(t: Translate, key: string, raw: Keyed["values"] = {}): string {
  const values = { ...raw };
  // The missing settings by key, in the reader's words ("oauth.missing.<key>").
  if (typeof values.missingKeys === "string") values.missing = values.missingKeys.split(",").map((k) => t(`missing.${k}`)).join(", ");
  // A provider's refresh-token limit ("oauth.limit.<key>").
  if (typeof values.limitKey === "string") values.limit = t(`limit.${values.limitKey}`);
  return t(key, values);
}
