import { describe, it, expect } from "vitest";
import { isTimeZone, negotiateLocale, resolveLocale, resolveTimeZone, serverTimeZone } from "./locales";

describe("which language the console speaks", () => {
  it("takes the best supported language of Accept-Language by q-value, a region counting for its language", () => {
    expect(negotiateLocale("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("ko");
    expect(negotiateLocale("de-DE,de;q=0.9,ko;q=0.5,en;q=0.4")).toBe("ko");
    expect(negotiateLocale("en;q=0.2, ko;q=0.8")).toBe("ko");
    expect(negotiateLocale("ko;q=0, en")).toBe("en");
    expect(negotiateLocale("de, fr")).toBeNull();
    expect(negotiateLocale("")).toBeNull();
    expect(negotiateLocale(null)).toBeNull();
  });

  it("prefers the user's stored choice, then the browser, then English", () => {
    expect(resolveLocale("en", "ko-KR")).toBe("en");
    expect(resolveLocale("ko", "en")).toBe("ko");
    expect(resolveLocale(null, "ko-KR")).toBe("ko");
    expect(resolveLocale("xx", "de")).toBe("en");
    expect(resolveLocale(undefined, undefined)).toBe("en");
  });

  it("uses the user's time zone while it is valid, else the server's", () => {
    expect(isTimeZone("Asia/Seoul")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(resolveTimeZone("Asia/Seoul")).toBe("Asia/Seoul");
    expect(resolveTimeZone("Mars/Olympus")).toBe(serverTimeZone());
    expect(resolveTimeZone(null)).toBe(serverTimeZone());
  });
});
