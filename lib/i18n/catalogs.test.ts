// The catalogs' guard: every language has exactly the keys English has, each message is valid ICU
// and uses the same arguments and tags in every language, and the English validation texts are
// exactly what the schemas and the server say (lib/validations/messages.ts).
import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "next-intl";
import { LOCALES, DEFAULT_LOCALE } from "./locales";
import { VALIDATION, fill, localizeError } from "@/lib/validations/messages";

type Tree = { [k: string]: string | Tree };
const dir = path.resolve(__dirname, "../../messages");
const load = (locale: string): Tree => JSON.parse(fs.readFileSync(path.join(dir, `${locale}.json`), "utf8"));

/** Every message of a catalog by its dotted key. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/** The arguments (with their kind) and tags a message uses, e.g. "count:plural", "<time>". */
function signature(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument) into.add(`${el.value}:text`);
    else if (el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) into.add(`${el.value}:${TYPE[el.type]}`);
    else if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.add(`${el.value}:${TYPE[el.type]}`);
      for (const o of Object.values(el.options)) signature(o.value, into);
    } else if (el.type === TYPE.tag) {
      into.add(`<${el.value}>`);
      signature(el.children, into);
    }
  }
  return into;
}

/** Everything wrong with one catalog against English, all at once (not only the first problem). */
function catalogProblems(base: Map<string, string>, other: Map<string, string>, locale: string): string[] {
  const problems: string[] = [];
  for (const k of base.keys()) if (!other.has(k)) problems.push(`${locale} misses ${k}`);
  for (const k of other.keys()) if (!base.has(k)) problems.push(`${locale} has ${k}, which ${DEFAULT_LOCALE} has not`);
  for (const [k, text] of other) {
    let sig: Set<string>;
    try {
      sig = signature(parse(text));
    } catch (e) {
      problems.push(`${locale} ${k} is not valid ICU: ${(e as Error).message}`);
      continue;
    }
    const en = base.get(k);
    if (en === undefined) continue;
    const enSig = signature(parse(en));
    const a = [...enSig].sort().join(", ");
    const b = [...sig].sort().join(", ");
    if (a !== b) problems.push(`${locale} ${k} uses {${b}} but ${DEFAULT_LOCALE} uses {${a}}`);
  }
  return problems;
}

describe("message catalogs", () => {
  const en = flatten(load(DEFAULT_LOCALE));

  it("English is valid ICU", () => {
    expect(catalogProblems(en, en, DEFAULT_LOCALE)).toEqual([]);
  });

  for (const locale of LOCALES.filter((l) => l !== DEFAULT_LOCALE)) {
    it(`${locale} has exactly English's keys, valid ICU, and the same placeholders and tags`, () => {
      expect(catalogProblems(en, flatten(load(locale)), locale)).toEqual([]);
    });
  }

  it("finds a missing key, an extra key, a changed placeholder and broken ICU", () => {
    const base = new Map([
      ["a.one", "Hello {name}"],
      ["a.two", "{count, plural, one {# item} other {# items}}"],
      ["a.three", "Plain"],
      ["a.four", "<b>bold</b>"],
    ]);
    const other = new Map([
      ["a.one", "안녕하세요 {nmae}"],
      ["a.two", "항목 {count}개"],
      ["a.four", "굵게"],
      ["a.five", "{unclosed"],
    ]);
    expect(catalogProblems(base, other, "xx")).toEqual([
      "xx misses a.three",
      "xx has a.five, which en has not",
      "xx a.one uses {nmae:text} but en uses {name:text}",
      "xx a.two uses {count:text} but en uses {count:plural}",
      "xx a.four uses {} but en uses {<b>}",
      expect.stringMatching(/^xx a\.five is not valid ICU/),
    ]);
  });

  it("English validation texts are exactly the ones the schemas and the server give", () => {
    expect(load(DEFAULT_LOCALE).validation).toEqual(VALIDATION);
  });
});

describe("the error map", () => {
  const ko = createTranslator({ locale: "ko", messages: load("ko") as never, namespace: "validation" as never });
  const tr = (m: string) => localizeError(m, (key, values) => (ko as unknown as (k: string, v: object) => string)(key, values));

  it("translates a known message, with the values filled into it", () => {
    expect(tr(VALIDATION.passwordsDiffer)).toBe("비밀번호가 일치하지 않습니다");
    expect(tr(fill(VALIDATION.passwordMin, { min: 12 }))).toBe("12자 이상 입력하세요");
    expect(tr(fill(VALIDATION.tooManyCodes, { seconds: 30 }))).toBe("잘못된 코드를 너무 많이 입력했습니다. 30초 후에 다시 시도하세요.");
  });

  it("leaves a text it does not know as it came", () => {
    expect(tr("SMTP said 535 5.7.8 no")).toBe("SMTP said 535 5.7.8 no");
  });
});
