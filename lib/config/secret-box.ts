/**
 * Encryption of stored secrets with AES-256-GCM.
 *
 * Format: "enc:v1:" + base64url(iv[12] | tag[16] | ciphertext). The key (32 bytes) is loaded
 * by secrets-key.ts; this module only needs node:crypto and no other server code. An optional
 * context (e.g. "<pid>#<key>") is bound as additional authenticated data, so a sealed value
 * copied into another field fails to open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { SEALED_PREFIX, isSealed } from "./sealed";

export { SEALED_PREFIX, isSealed };

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

function checkKey(key: Uint8Array): Buffer {
  if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES) {
    throw new SecretBoxError(`The secrets key must be exactly ${KEY_BYTES} bytes (got ${key instanceof Uint8Array ? key.length : typeof key}).`);
  }
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength);
}

/** Encrypts a secret. Every call uses a fresh random IV, so equal inputs give different outputs. */
export function sealSecret(plain: string, key: Uint8Array, context?: string): string {
  if (typeof plain !== "string") throw new SecretBoxError("Only text can be sealed.");
  const k = checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", k, iv, { authTagLength: TAG_BYTES });
  if (context !== undefined) cipher.setAAD(Buffer.from(context, "utf8"));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return SEALED_PREFIX + Buffer.concat([iv, tag, ct]).toString("base64url");
}

/**
 * Decrypts a sealed secret. Throws SecretBoxError when the value is not sealed, is damaged or
 * was changed, or the key (or context) is not the one it was sealed with.
 */
export function openSecret(sealed: string, key: Uint8Array, context?: string): string {
  const k = checkKey(key);
  if (!isSealed(sealed)) throw new SecretBoxError('The value is not a sealed secret (it does not start with "enc:v1:").');
  const body = sealed.slice(SEALED_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) throw new SecretBoxError("The sealed secret is damaged (it is not base64url).");
  const raw = Buffer.from(body, "base64url");
  if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError("The sealed secret is damaged (it is too short).");
  const iv = raw.subarray(0, IV_BYTES);
  const tag = raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const ct = raw.subarray(IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv("aes-256-gcm", k, iv, { authTagLength: TAG_BYTES });
    if (context !== undefined) decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError(
      "The sealed secret cannot be decrypted: it was changed, or it was sealed with another secrets key.",
    );
  }
}
