import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretBoxError, isSealed, openSecret, sealSecret } from "./secret-box";

const key = randomBytes(32);

function flipByte(sealed: string, index: number): string {
  const raw = Buffer.from(sealed.slice("enc:v1:".length), "base64url");
  raw[index]! ^= 0x01;
  return `enc:v1:${raw.toString("base64url")}`;
}

describe("secret box (AES-256-GCM)", () => {
  it("round-trips text, including empty and non-ASCII", () => {
    for (const plain of ["hunter2", "", "pässwörd 🔑", "x".repeat(5000)]) {
      expect(openSecret(sealSecret(plain, key), key)).toBe(plain);
    }
  });

  it('writes "enc:v1:" + base64url(iv | tag | ciphertext)', () => {
    const sealed = sealSecret("abc", key);
    expect(sealed).toMatch(/^enc:v1:[A-Za-z0-9_-]+$/);
    expect(Buffer.from(sealed.slice(7), "base64url")).toHaveLength(12 + 16 + 3);
    expect(sealed).not.toContain("abc");
  });

  it("uses a fresh IV each time", () => {
    expect(sealSecret("same", key)).not.toBe(sealSecret("same", key));
  });

  it("detects tampering with the IV, the tag or the ciphertext", () => {
    const sealed = sealSecret("top secret", key);
    for (const i of [0, 11, 12, 27, 28, 30]) {
      expect(() => openSecret(flipByte(sealed, i), key), `byte ${i}`).toThrow(SecretBoxError);
    }
    expect(() => openSecret(sealed.slice(0, -2), key)).toThrow(/changed, or it was sealed with another secrets key/);
  });

  it("refuses the wrong key", () => {
    const sealed = sealSecret("top secret", key);
    expect(() => openSecret(sealed, randomBytes(32))).toThrow(SecretBoxError);
  });

  it("binds an optional context", () => {
    const sealed = sealSecret("pw", key, "com.day.cq.mailer.DefaultMailService#smtp.password");
    expect(openSecret(sealed, key, "com.day.cq.mailer.DefaultMailService#smtp.password")).toBe("pw");
    expect(() => openSecret(sealed, key, "other#clientSecret")).toThrow(SecretBoxError);
    expect(() => openSecret(sealed, key)).toThrow(SecretBoxError);
  });

  it("refuses keys that are not 32 bytes", () => {
    expect(() => sealSecret("x", randomBytes(16))).toThrow(/exactly 32 bytes \(got 16\)/);
    expect(() => openSecret("enc:v1:AAAA", new Uint8Array(31))).toThrow(/exactly 32 bytes/);
  });

  it("refuses values that are not sealed or are damaged", () => {
    expect(() => openSecret("hunter2", key)).toThrow(/not a sealed secret/);
    expect(() => openSecret("enc:v1:@@@", key)).toThrow(/not base64url/);
    expect(() => openSecret("enc:v1:AAAA", key)).toThrow(/too short/);
  });

  it("isSealed", () => {
    expect(isSealed(sealSecret("x", key))).toBe(true);
    expect(isSealed("$[secret:X]")).toBe(false);
    expect(isSealed("")).toBe(false);
    expect(isSealed(undefined)).toBe(false);
  });
});
