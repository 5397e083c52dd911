// The console's English for the template engine's texts is lib's English, so the two cannot
// drift: the "templateLint" catalog is TEMPLATE_LINT word for word (and formats like
// templateText), and "templateVars" formats to exactly the families' titles, descriptions and
// variable descriptions of catalog.ts (the catalog escapes `${…}` and `<…>` for ICU).
import { describe, it, expect } from "vitest";
import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import ko from "@/messages/ko.json";
import { FAMILIES } from "./catalog";
import { lintHtml } from "./html-lint";
import { lintTemplate } from "./lint";
import { TEMPLATE_LINT, templateText, type TemplateLintKey } from "./messages";
import { resolveLanguage } from "./resolve";

const variableKey = (name: string) => name.replace(/\./g, "_");

describe("the English catalog of the template engine's texts", () => {
  it("templateLint is TEMPLATE_LINT, key for key and word for word", () => {
    expect(en.templateLint).toEqual(TEMPLATE_LINT);
  });

  it("formats each text as lib fills it (no ICU quoting or tags in a lib text)", () => {
    const t = createTranslator({ locale: "en", messages: en, namespace: "templateLint" });
    for (const key of Object.keys(TEMPLATE_LINT) as TemplateLintKey[]) {
      const names = [...TEMPLATE_LINT[key].matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const values = Object.fromEntries(names.map((n) => [n, `<${n}:'{x}'>`]));
      expect(t(key, values), key).toBe(templateText(key, values));
    }
  });

  it("templateVars formats to the families' and variables' English", () => {
    const t = createTranslator({ locale: "en", messages: en, namespace: "templateVars" }) as unknown as (key: string) => string;
    for (const f of FAMILIES) {
      expect(t(`families.${f.id}.title`)).toBe(f.title);
      expect(t(`families.${f.id}.inText`)).toBe(f.title.toLowerCase());
      expect(t(`families.${f.id}.description`)).toBe(f.description);
      const catalog = (en.templateVars.variables as Record<string, Record<string, string>>)[f.id]!;
      expect(Object.keys(catalog)).toEqual(f.variables.map((v) => variableKey(v.name)));
      for (const v of f.variables) expect(t(`variables.${f.id}.${variableKey(v.name)}`), v.name).toBe(v.description);
    }
  });

  it("every finding and resolution carries the key and values of its English message", () => {
    const lints = [
      ...lintTemplate("workflow", "\ufeffsubject=A ${item.nodeTitle} \\u00zz\nsubjct=B\nheader=x\\\n\nmessage=${ participant}\nfooter=F\nfooter=G\n"),
      ...lintHtml("workflow", '<script></script><img src="https://x/y.png"><p onclick="x">${nope}</div>'),
      ...lintHtml(null, "<p>${content}${content}${x}</p>", { layout: true }),
    ];
    expect(lints.length).toBeGreaterThan(8);
    for (const d of lints) expect(templateText(d.i18n.key, d.i18n.values), d.code).toBe(d.message);
    for (const r of [resolveLanguage("pt-BR", ["en", "de"]), resolveLanguage("xx", ["de"]), resolveLanguage(null, []), resolveLanguage("de_CH", ["de"])]) {
      const because: Record<string, string> = r.i18n.because ? { because: templateText(r.i18n.because.key, r.i18n.because.values) } : {};
      expect(templateText(r.i18n.key, { ...r.i18n.values, ...because })).toBe(r.detail);
    }
  });

  it("the Korean catalog has a Korean text for every key", () => {
    expect(Object.keys(ko.templateLint)).toEqual(Object.keys(TEMPLATE_LINT));
    for (const [k, v] of Object.entries(ko.templateLint)) expect(v, k).toMatch(/[가-힣]/);
  });
});
