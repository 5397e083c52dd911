/**
 * A recipient's name as their language writes it. The profile holds AEM's two fields, given name
 * (`name`) and family name (`familyName`); Korean, Japanese, Chinese, Hungarian and Vietnamese put
 * the family name first, and Korean, Japanese and Chinese names written in their own script take
 * no space between the two (김민준, 田中太郎). Directories often hold the full name in the given
 * name already ("김민준" + "김", "Ana García" + "García"): the family name is then not repeated.
 * Pure; safe in the browser.
 */

const FAMILY_FIRST = new Set(["ko", "ja", "zh", "hu", "vi"]);
// Hangul, kana and CJK ideographs: such names are written without a space between the parts.
const EAST_ASIAN = /^[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー・]+$/u;

/** Whether `language` (an ISO 639-1 code, possibly with a region) writes the family name first. */
export function familyNameFirst(language: string): boolean {
  return FAMILY_FIRST.has(language.trim().toLowerCase().slice(0, 2));
}

/** Given + family name in the order and spacing of the language, without repeating either. */
export function displayName(given: string, family: string, language: string): string {
  const g = given.trim().replace(/\s+/g, " ");
  const f = family.trim().replace(/\s+/g, " ");
  if (!f) return g;
  if (!g) return f;
  const words = g.split(" ");
  if (familyNameFirst(language)) {
    // "김민준" + "김", "Nagy Péter" + "Nagy": the given name already starts with the family name.
    if (EAST_ASIAN.test(g) && EAST_ASIAN.test(f) ? g.startsWith(f) && g.length > f.length : words[0] === f) return g;
    if (words.length > 1 && words[words.length - 1] === f) return g; // written Western style already
    return EAST_ASIAN.test(g) && EAST_ASIAN.test(f) ? `${f}${g}` : `${f} ${g}`;
  }
  // "Ana García" + "García": already there, as the last word(s).
  if (g === f || g.endsWith(` ${f}`)) return g;
  return `${g} ${f}`;
}
