// A text that lib/ produces for a console page, by key: lib keeps its English (API bodies, CLI
// output and logs stay English) and hands the page the key and values, which the page translates
// through the catalog (messages/*.json). Pure: the browser may load it.
import { createTranslator } from "next-intl";

export type KeyedValues = Record<string, string | number>;

export interface Keyed<K extends string = string> {
  key: K;
  values?: KeyedValues;
}

/** Formats a lib table of English ICU messages (the same texts the English catalog holds). */
export function englishOf(table: object): (key: string, values?: KeyedValues) => string {
  const t = createTranslator({ locale: "en", messages: { lib: table } as never, namespace: "lib" as never });
  return (key, values) => (t as unknown as (k: string, v?: KeyedValues) => string)(key, values);
}
