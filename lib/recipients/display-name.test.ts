import { describe, expect, it } from "vitest";
import { displayName, familyNameFirst } from "./display-name";

describe("displayName", () => {
  it("puts the family name first, without a space, in Korean, Japanese and Chinese", () => {
    expect(displayName("민준", "김", "ko")).toBe("김민준");
    expect(displayName("太郎", "田中", "ja")).toBe("田中太郎");
    expect(displayName("伟", "王", "zh")).toBe("王伟");
    expect(displayName("Péter", "Nagy", "hu")).toBe("Nagy Péter");
    expect(displayName("Minjun", "Kim", "ko")).toBe("Kim Minjun");
    expect(familyNameFirst("zh-TW")).toBe(true);
    expect(familyNameFirst("de")).toBe(false);
  });

  it("does not repeat a family name the given name already holds", () => {
    expect(displayName("김민준", "김", "ko")).toBe("김민준");
    expect(displayName("田中太郎", "田中", "ja")).toBe("田中太郎");
    expect(displayName("Ana García", "García", "es")).toBe("Ana García");
    expect(displayName("Nagy Péter", "Nagy", "hu")).toBe("Nagy Péter");
    // A one-syllable given name equal to the family name is still a name of its own.
    expect(displayName("김", "김", "ko")).toBe("김김");
  });

  it("writes given then family name elsewhere, and copes with either being blank", () => {
    expect(displayName("Ana", "García", "es")).toBe("Ana García");
    expect(displayName("  Dirk ", "", "de")).toBe("Dirk");
    expect(displayName("", "Silva", "pt")).toBe("Silva");
    expect(displayName("Mary  Ann", "Smith", "en")).toBe("Mary Ann Smith");
  });
});
