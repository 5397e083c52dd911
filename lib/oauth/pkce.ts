// PKCE (RFC 7636, S256 only) and the random values of the authorization request. Only node:crypto;
// no server state, so it is unit-tested against the RFC's own example.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** RFC 7636 §4.1: 43–128 characters of [A-Z a-z 0-9 - . _ ~]. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** A URL-safe random value with `bytes` bytes of entropy (32 → 43 characters). */
export function randomUrlToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** A fresh code_verifier: 32 random bytes, base64url (43 characters, the RFC's recommendation). */
export function createCodeVerifier(): string {
  return randomUrlToken(32);
}

export function isValidCodeVerifier(verifier: string): boolean {
  return VERIFIER.test(verifier);
}

/** code_challenge = BASE64URL(SHA256(ASCII(code_verifier))). Throws on an invalid verifier. */
export function codeChallengeS256(verifier: string): string {
  if (!isValidCodeVerifier(verifier)) throw new Error("A PKCE code verifier must be 43–128 characters of A–Z, a–z, 0–9, '-', '.', '_', '~'.");
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Constant-time comparison of two hex digests of equal length. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
