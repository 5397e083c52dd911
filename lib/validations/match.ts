// Finding a known English message again: each text of a table becomes a pattern whose
// {placeholders} capture what was filled in, so "Use at least 12 characters" is found as
// passwordMin with { min: "12" }. Pure and table-free: the server matches against VALIDATION
// (lib/validations/messages.ts), the browser against the English catalog texts the page was given
// (components/i18n/error-texts.tsx) — so no page's JavaScript carries the tables themselves.

export type Found<K extends string> = { key: K; values: Record<string, string> };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A matcher over a table of English texts by key (the text with the most words of its own wins). */
export function matcher<K extends string>(texts: Readonly<Record<K, string>>): (message: string) => Found<K> | null {
  const patterns = (Object.entries(texts) as [K, string][]).map(([key, text]) => {
    const names: string[] = [];
    const source = text
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (!name) return escape(part);
        names.push(name);
        return "([\\s\\S]+?)";
      })
      .join("");
    return { key, names, re: new RegExp(`^${source}$`), literal: text.replace(/\{\w+\}/g, "").length };
  });
  // The most specific text first: "SMTP port must be between {min} and {max}." before
  // "{label} must be between {min} and {max}.", whatever order the tables were written in.
  patterns.sort((a, b) => b.literal - a.literal);
  return (message) => {
    for (const p of patterns) {
      const m = p.re.exec(message);
      if (m) return { key: p.key, values: Object.fromEntries(p.names.map((n, i) => [n, m[i + 1] ?? ""])) };
    }
    return null;
  };
}

/** The password estimator's English feedback (the "strength" catalog namespace's shape). */
export interface StrengthTexts {
  warnings: Record<string, string>;
  suggestions: Record<string, string>;
  fallbackWarning: string;
  fallbackSuggestion: string;
}

/**
 * The "{why} {hint}" of a tooEasy message in the reader's language through `t` (keys of the
 * "strength" namespace). The two halves are found by the known warnings (a warning has spaces
 * too, so the message alone cannot tell where it ends); an unknown half stays as it came.
 */
export function localizeStrengthWith(english: StrengthTexts, why: string, hint: string, t: (key: string) => string): { why: string; hint: string } {
  const warnings: [string, string][] = [...Object.entries(english.warnings).map(([k, v]) => [`warnings.${k}`, v] as [string, string]), ["fallbackWarning", english.fallbackWarning]];
  const suggestions: [string, string][] = [...Object.entries(english.suggestions).map(([k, v]) => [`suggestions.${k}`, v] as [string, string]), ["fallbackSuggestion", english.fallbackSuggestion]];
  const all = `${why} ${hint}`;
  const warning = warnings.find(([, text]) => all === text || all.startsWith(`${text} `));
  if (!warning) return { why, hint };
  const rest = all.slice(warning[1].length).trim();
  const suggestion = suggestions.find(([, text]) => text === rest);
  return { why: t(warning[0]), hint: suggestion ? t(suggestion[0]) : rest };
}

/**
 * The one error map of the console: a validation or form error (from zod in the browser, or in an
 * action's answer from the server) in the reader's language through `t` (the "validation"
 * namespace). A text it does not know is shown as it came.
 */
export function localizeWith(
  message: string,
  find: (message: string) => Found<string> | null,
  t: (key: string, values: Record<string, string>) => string,
  strength?: (why: string, hint: string) => { why: string; hint: string },
): string {
  const found = find(message);
  if (!found) return message;
  // The estimator's feedback inside "Too easy to guess: {why} {hint}" has keys of its own.
  if (found.key === "tooEasy" && strength) return t(found.key, { ...found.values, ...strength(found.values.why ?? "", found.values.hint ?? "") });
  return t(found.key, found.values);
}
