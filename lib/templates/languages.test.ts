import { describe, it, expect } from "vitest";
import {
  getLanguage,
  ISO_639_1,
  isIsoLanguage,
  languageName,
  nativeLanguageName,
  normalizeLanguage,
} from "./languages";

// java.util.Locale.getISOLanguages() on JDK 17: 188 codes = ISO 639-1 plus the legacy in/iw/ji/mo.
const JAVA_ISO_LANGUAGES =
  "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz " +
  "ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik " +
  "in io is it iu iw ja ji jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh " +
  "mi mk ml mn mo mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru " +
  "rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk " +
  "ur uz ve vi vo wa wo xh yi yo za zh zu";

describe("ISO 639-1 list", () => {
  it("has all 184 codes: Java's list without its legacy aliases", () => {
    const java = JAVA_ISO_LANGUAGES.split(" ").filter((c) => !["in", "iw", "ji", "mo"].includes(c));
    expect(ISO_639_1).toHaveLength(184);
    expect(ISO_639_1.map((l) => l.code)).toEqual(java);
  });

  it("has well-formed, unique entries", () => {
    const alpha3 = new Set<string>();
    for (const l of ISO_639_1) {
      expect(l.code).toMatch(/^[a-z]{2}$/);
      expect(l.alpha3).toMatch(/^[a-z]{3}$/);
      expect(l.name.trim()).toBe(l.name);
      expect(l.name.length).toBeGreaterThan(1);
      alpha3.add(l.alpha3);
    }
    expect(alpha3.size).toBe(184);
    expect(getLanguage("bh")?.deprecated).toBe(true);
    expect(ISO_639_1.filter((l) => l.deprecated).map((l) => l.code)).toEqual(["bh"]);
  });

  it("checks file-name codes strictly", () => {
    for (const c of ["en", "de", "fr", "ja", "ko", "zu", "bh"]) expect(isIsoLanguage(c)).toBe(true);
    for (const c of ["EN", "De", "de-CH", "xx", "e", "eng", "", "iw", "toString", "__proto__"]) {
      expect(isIsoLanguage(c), c).toBe(false);
    }
  });

  it("names languages in English and in themselves", () => {
    expect(languageName("de")).toBe("German");
    expect(languageName("de-CH")).toBe("German");
    expect(languageName("ko")).toBe("Korean");
    expect(languageName("xx")).toBeUndefined();
    expect(nativeLanguageName("ja")).toBe("日本語");
    expect(nativeLanguageName("ko")).toBe("한국어");
    expect(nativeLanguageName("fr")).toBe("français");
    expect(nativeLanguageName("bh")).toBe("Bihari languages"); // falls back to English
  });
});

describe("normalizeLanguage", () => {
  it.each([
    ["de", "de"],
    ["DE", "de"],
    ["de_CH", "de"],
    ["de-CH", "de"],
    ["de_ch", "de"],
    [" de-CH ", "de"],
    ["de_CH.UTF-8", "de"],
    ["de_DE@euro", "de"],
    ["zh-Hant-TW", "zh"],
    ["en-US-u-ca-gregory", "en"],
    ["pt-BR", "pt"],
    ["iw", "he"], // Java before 17
    ["iw_IL", "he"],
    ["in", "id"],
    ["ji", "yi"],
    ["deu", "de"],
    ["ger", "de"],
    ["FRE", "fr"],
    ["jpn", "ja"],
    ["kor-KR", "ko"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeLanguage(input)).toBe(expected);
  });

  it.each(["", "   ", "x", "xx", "xx-YY", "und", "mul", "x-klingon", "i-klingon", "C", "POSIX", "deutsch", "12", "d e", "-de", "de CH"])(
    "%j → null",
    (input) => {
      expect(normalizeLanguage(input)).toBeNull();
    },
  );

  it("returns null for non-strings", () => {
    expect(normalizeLanguage(null)).toBeNull();
    expect(normalizeLanguage(undefined)).toBeNull();
    expect(normalizeLanguage(42 as unknown as string)).toBeNull();
  });

  it("always yields a valid ISO 639-1 code or null", () => {
    for (const l of ISO_639_1) {
      expect(normalizeLanguage(l.code.toUpperCase() + "_XX")).toBe(l.code);
      expect(normalizeLanguage(l.alpha3)).toBe(l.code);
    }
  });
});
