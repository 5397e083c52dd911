/**
 * Property values as FileVault writes them in DocView XML (the attributes of a
 * `sling:OsgiConfig` node): an optional type "{Long}", then either a single value or a list
 * "[a,b]". In values a backslash escapes the next character ("\," is a comma inside a list,
 * "\\" a backslash, "\{" a leading brace); "\0" marks an empty list entry, "\uXXXX" a character.
 * Pure.
 */
import type { FieldValue } from "../types";

const KNOWN_TYPES = new Set([
  "String",
  "Binary",
  "Long",
  "Double",
  "Decimal",
  "Date",
  "Boolean",
  "Name",
  "Path",
  "Reference",
  "WeakReference",
  "URI",
  "Undefined",
]);

export interface DocViewValue {
  /** The declared type, or null when the value has none (JCR then uses String). */
  type: string | null;
  multi: boolean;
  values: string[];
}

export type DocViewParseResult = { ok: true; value: DocViewValue } | { ok: false; error: string };

/** Splits the text of a value (after the type) into its entries, undoing escapes. */
function unescapeEntries(body: string, multi: boolean): { ok: true; values: string[] } | { ok: false; error: string } {
  const values: string[] = [];
  let cur = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") {
      const e = body[i + 1];
      if (e === undefined) return { ok: false, error: "it ends with a lone backslash" };
      if (e === "u") {
        const hex = body.slice(i + 2, i + 6);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) return { ok: false, error: 'it has an invalid "\\u" escape' };
        cur += String.fromCharCode(parseInt(hex, 16));
        i += 5;
      } else if (e === "0" && multi) {
        i += 1; // "\0": an explicit empty entry
      } else {
        cur += e;
        i += 1;
      }
      continue;
    }
    if (c === "," && multi) {
      values.push(cur);
      cur = "";
      continue;
    }
    cur += c;
  }
  if (!multi) return { ok: true, values: [cur] };
  // As FileVault: "[]" has no entries, "[a,]" ends with an empty one.
  if (body !== "") values.push(cur);
  return { ok: true, values };
}

function trailingBackslashes(s: string): number {
  let n = 0;
  while (n < s.length && s[s.length - 1 - n] === "\\") n++;
  return n;
}

/** Reads one DocView property value: "{Long}25", "[a,b]", "{String}[a\\,b,c]", "plain". */
export function parseDocViewValue(raw: string): DocViewParseResult {
  let type: string | null = null;
  let rest = raw;
  if (rest.startsWith("{")) {
    const close = rest.indexOf("}");
    if (close < 0) return { ok: false, error: 'its type "{…" is not closed with "}"' };
    type = rest.slice(1, close);
    if (!KNOWN_TYPES.has(type)) {
      return { ok: false, error: `its type {${type}} is not a JCR property type (String, Long, Double, Boolean, …)` };
    }
    rest = rest.slice(close + 1);
  }
  if (rest.startsWith("[")) {
    if (rest.length < 2 || !rest.endsWith("]") || trailingBackslashes(rest.slice(0, -1)) % 2 === 1) {
      return { ok: false, error: 'its list "[…" is not closed with "]"' };
    }
    const entries = unescapeEntries(rest.slice(1, -1), true);
    if (!entries.ok) return entries;
    return { ok: true, value: { type, multi: true, values: entries.values } };
  }
  const entries = unescapeEntries(rest, false);
  if (!entries.ok) return entries;
  return { ok: true, value: { type, multi: false, values: entries.values } };
}

function convertOne(type: string | null, s: string): { ok: true; value: string | number | boolean } | { ok: false; error: string } {
  switch (type) {
    case "Long": {
      if (!/^[+-]?\d+$/.test(s.trim())) return { ok: false, error: `"${s}" is not a whole number ({Long})` };
      const n = Number(s.trim());
      if (!Number.isSafeInteger(n)) return { ok: false, error: `${s} is too large` };
      return { ok: true, value: n };
    }
    case "Double":
    case "Decimal": {
      const n = Number(s.trim());
      if (s.trim() === "" || !Number.isFinite(n)) return { ok: false, error: `"${s}" is not a number ({${type}})` };
      return { ok: true, value: n };
    }
    case "Boolean": {
      const t = s.trim().toLowerCase();
      if (t === "true") return { ok: true, value: true };
      if (t === "false") return { ok: true, value: false };
      return { ok: false, error: `"${s}" is not true or false ({Boolean})` };
    }
    case "Binary":
      return { ok: false, error: "binary values are not supported in configurations" };
    default:
      return { ok: true, value: s };
  }
}

/** Converts a DocView value to a JavaScript value (a list for multi-valued properties). */
export function docViewToValue(v: DocViewValue): { ok: true; value: string | number | boolean | (string | number | boolean)[] } | { ok: false; error: string } {
  const out: (string | number | boolean)[] = [];
  for (const s of v.values) {
    const r = convertOne(v.type, s);
    if (!r.ok) return r;
    out.push(r.value);
  }
  if (v.multi) return { ok: true, value: out };
  const [one] = out;
  return one === undefined ? { ok: false, error: "the property has no value" } : { ok: true, value: one };
}

function escapeSingle(s: string): string {
  const e = s.replace(/\\/g, "\\\\");
  return /^[{[]/.test(e) ? `\\${e}` : e;
}

function escapeEntry(s: string): string {
  if (s === "") return "\\0";
  return s.replace(/\\/g, "\\\\").replace(/,/g, "\\,");
}

/** Writes a value as DocView text (before XML attribute escaping). */
export function formatDocViewValue(value: FieldValue): string {
  if (typeof value === "boolean") return `{Boolean}${value}`;
  if (typeof value === "number") return Number.isInteger(value) ? `{Long}${value}` : `{Double}${value}`;
  if (Array.isArray(value)) return `[${value.map(escapeEntry).join(",")}]`;
  return escapeSingle(value);
}
