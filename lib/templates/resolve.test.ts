import { describe, it, expect } from "vitest";
import { resolveLanguage } from "./resolve";

const SHIPPED = ["en", "de", "fr", "ja", "ko"];

describe("resolveLanguage", () => {
  it("uses the recipient's language when the family has it", () => {
    expect(resolveLanguage("de", SHIPPED)).toEqual({
      language: "de",
      requested: "de",
      normalized: "de",
      fallback: false,
      reason: "exact",
      detail: 'Template in "de".',
      i18n: { key: "resolveExact", values: { lang: "de" } },
    });
  });

  it("normalises regional and legacy forms before looking", () => {
    for (const req of ["de_CH", "de-AT", "DE", "deu", "ger"]) {
      const r = resolveLanguage(req, SHIPPED);
      expect(r).toMatchObject({ language: "de", requested: req, normalized: "de", fallback: false, reason: "normalized" });
      expect(r.detail).toContain(req);
    }
    expect(resolveLanguage("ja_JP.UTF-8", SHIPPED).language).toBe("ja");
    expect(resolveLanguage("iw", ["he", "en"]).language).toBe("he");
  });

  it("falls back to English when the language has no template", () => {
    expect(resolveLanguage("pt-BR", SHIPPED)).toMatchObject({
      language: "en",
      requested: "pt-BR",
      normalized: "pt",
      fallback: true,
      reason: "not-available",
    });
  });

  it("falls back to English for invalid or absent languages, and says why", () => {
    expect(resolveLanguage("klingon", SHIPPED)).toMatchObject({ language: "en", normalized: null, fallback: true, reason: "invalid" });
    for (const none of [null, undefined, "", "  "]) {
      expect(resolveLanguage(none, SHIPPED)).toMatchObject({ language: "en", requested: null, fallback: true, reason: "not-requested" });
    }
    expect(resolveLanguage("xx", SHIPPED).detail).toBe('"xx" is not an ISO 639-1 language; using "en".');
  });

  it("tolerates upper-case file names and any iterable of languages", () => {
    expect(resolveLanguage("ko", new Set(["EN", "KO"])).language).toBe("ko");
    function* langs() {
      yield "fr";
      yield "en";
    }
    expect(resolveLanguage("fr-CA", langs()).language).toBe("fr");
  });

  it("uses another language only when the family has no English template", () => {
    expect(resolveLanguage("es", ["ko", "de"])).toMatchObject({ language: "de", fallback: true, reason: "default-missing" });
    expect(resolveLanguage("es", [])).toMatchObject({ language: null, fallback: true, reason: "no-templates" });
    expect(resolveLanguage("es", ["de", "es"], { defaultLanguage: "de" }).reason).toBe("exact");
    expect(resolveLanguage("it", ["de", "en"], { defaultLanguage: "de" })).toMatchObject({ language: "de", reason: "not-available" });
  });
});
