// The password strength estimator (zxcvbn-ts with its common and English dictionaries). Several
// MB of word lists: lib/validations/password.ts loads this module only when a password is checked,
// so a page's first load never carries it.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { STRENGTH } from "./strength";

/** zxcvbn's scale is 0–4; 3 means "safely unguessable" (about 10^8 guesses or more). */
export const MIN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return estimator;
}

/** Why a password is too easy to guess, or null when it is strong enough. */
export function passwordWeakness(password: string, userInputs: string[]): string | null {
  const r = zxcvbn().check(password, userInputs);
  if (r.score >= MIN_SCORE) return null;
  const why = r.feedback.warning || STRENGTH.fallbackWarning;
  const hint = r.feedback.suggestions[0] || STRENGTH.fallbackSuggestion;
  return `Too easy to guess: ${why.replace(/\.?$/, ".")} ${hint}`;
}
