// A text that lib/ produces for a console page, by key: lib keeps its English (API bodies, CLI
// output and logs stay English) and hands the page the key and values, which the page translates
// through the catalog (messages/*.json). Pure and dependency-free: the CLI, the worker and the
// browser all load it (next-intl's entry pulls in React, which the CLI has no use for).

export type KeyedValues = Record<string, string | number>;

export interface Keyed<K extends string = string> {
  key: K;
  values?: KeyedValues;
}

/**
 * Formats the ICU subset lib's tables use: `{arg}`, `{arg, select, a {…} other {…}}` and
 * `{arg, plural, =1 {…} one {…} other {…}}` with `#` (English plural rules). No apostrophe quoting:
 * the tables have none before a brace. A missing argument is left as `{arg}`, as next-intl shows it.
 */
export function formatIcu(message: string, values: KeyedValues = {}): string {
  let i = 0;
  const fail = (why: string) => new Error(`ICU: ${why} at ${i} in ${JSON.stringify(message)}`);
  function text(hash: number | null): string {
    let out = "";
    while (i < message.length) {
      const c = message[i]!;
      if (c === "}") return out;
      if (c === "{") out += argument();
      else if (c === "#" && hash !== null) {
        out += String(hash);
        i++;
      } else {
        out += c;
        i++;
      }
    }
    return out;
  }
  function word(): string {
    while (message[i] === " ") i++;
    const m = /^[^\s,{}]+/.exec(message.slice(i));
    if (!m) throw fail("expected a name");
    i += m[0].length;
    while (message[i] === " ") i++;
    return m[0];
  }
  function argument(): string {
    i++; // {
    const name = word();
    if (message[i] === "}") {
      i++;
      return name in values ? String(values[name]) : `{${name}}`;
    }
    if (message[i] !== ",") throw fail("expected , or }");
    i++;
    const kind = word();
    if (message[i] !== ",") throw fail("expected ,");
    i++;
    const options = new Map<string, number>();
    let chosen: string | null = null;
    const v = values[name];
    const n = typeof v === "number" ? v : Number(v);
    const key = kind === "plural" ? (options.has(`=${n}`) ? `=${n}` : n === 1 ? "one" : "other") : String(v);
    // Read each option, keeping the text of the one that applies.
    const texts = new Map<string, string>();
    while (message[i] !== "}") {
      const selector = word();
      if (message[i] !== "{") throw fail("expected {");
      i++;
      options.set(selector, i);
      texts.set(selector, text(kind === "plural" ? n : null));
      if (message[i] !== "}") throw fail("expected }");
      i++;
      while (message[i] === " ") i++;
    }
    i++;
    if (kind === "plural") chosen = texts.has(`=${n}`) ? `=${n}` : texts.has(key) ? key : "other";
    else chosen = texts.has(key) ? key : "other";
    return texts.get(chosen) ?? "";
  }
  const out = text(null);
  if (i < message.length) throw fail("unbalanced }");
  return out;
}

/** Formats a lib table of English ICU messages (the same texts the English catalog holds), by dotted key. */
export function englishOf(table: object): (key: string, values?: KeyedValues) => string {
  return (key, values) => {
    let node: unknown = table;
    for (const part of key.split(".")) node = (node as Record<string, unknown>)?.[part];
    if (typeof node !== "string") throw new Error(`no English text for ${key}`);
    return formatIcu(node, values);
  };
}
