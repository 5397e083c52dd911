/**
 * Recognising sealed secrets without the crypto code, so that browser-safe modules (export,
 * redaction) can tell ciphertext from clear text. The sealing itself is in secret-box.ts.
 */
export const SEALED_PREFIX = "enc:v1:";

/** True when the value is a sealed secret ("enc:v1:…"). */
export function isSealed(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(SEALED_PREFIX);
}
