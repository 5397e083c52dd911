import { describe, it, expect } from "vitest";
import { codeChallengeS256, createCodeVerifier, isValidCodeVerifier, randomUrlToken, sameDigest, sha256Hex } from "./pkce";

describe("PKCE S256 (RFC 7636)", () => {
  it("matches the RFC's own example (Appendix B)", () => {
    expect(codeChallengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("creates verifiers of 43 unreserved characters, different every time", () => {
    const list = Array.from({ length: 200 }, createCodeVerifier);
    for (const v of list) {
      expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(isValidCodeVerifier(v)).toBe(true);
    }
    expect(new Set(list).size).toBe(list.length);
  });

  it("refuses verifiers the RFC forbids", () => {
    expect(isValidCodeVerifier("a".repeat(42))).toBe(false);
    expect(isValidCodeVerifier("a".repeat(129))).toBe(false);
    expect(isValidCodeVerifier(`${"a".repeat(42)}+`)).toBe(false);
    expect(isValidCodeVerifier(`${"a".repeat(40)}-._~`)).toBe(true);
    expect(() => codeChallengeS256("short")).toThrow(/43–128/);
  });

  it("random tokens carry the asked entropy; digests compare in constant time", () => {
    expect(randomUrlToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sameDigest(sha256Hex("a"), sha256Hex("a"))).toBe(true);
    expect(sameDigest(sha256Hex("a"), sha256Hex("b"))).toBe(false);
    expect(sameDigest("ab", "abc")).toBe(false);
  });
});
