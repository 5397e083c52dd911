// fast-check arbitraries for Properties keys and values, shared by the unit tests and the Java
// vector generator (tools/java-vectors). Test-only: nothing in the app imports this file.
import fc from "fast-check";

/** Characters that stress a Properties writer: separators, comment chars, escapes, white space. */
const TRICKY_UNITS = [
  " ", "  ", "\t", "\n", "\r", "\r\n", "\f", "\u000b", "=", ":", "#", "!", "\\", "\\\\", "\\u", "u", "n",
  "$", "{", "}", "${time}", "${a", "é", "ß", "日本", "한", "😀", "\u0301", "\u00a0", "\u0085", "\u2028",
  "\ufeff", "\u0000", "\u007f", "\ud800", "\udfff", "x", "key", "value",
];

/** One "unit" of text: a tricky fragment, any BMP or astral code point, or ASCII. */
export const trickyUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY_UNITS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 3 }) },
);

export const trickyString = (maxLength = 24): fc.Arbitrary<string> =>
  fc.array(trickyUnit, { maxLength }).map((parts) => parts.join(""));

/** Maps with unique keys, insertion order = generation order. */
export const trickyMap = (maxKeys = 8): fc.Arbitrary<Map<string, string>> =>
  fc
    .uniqueArray(fc.tuple(trickyString(12), trickyString(40)), { maxLength: maxKeys, selector: (t) => t[0] })
    .map((pairs) => new Map(pairs));
