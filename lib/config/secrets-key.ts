import "server-only";
// The 32-byte key that seals stored secrets: HERALD_SECRET_KEY, or a key file created with mode
// 0600 in the data folder on first use (and kept across restarts).
import crypto from "node:crypto";
import { env, dataDir } from "@/lib/env";
import { readOrCreateDataFile } from "@/lib/data-files";

let cached: { source: string; key: Buffer } | undefined;

function decode(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32) throw new Error("The secrets key must be 32 bytes (64 hex characters or base64).");
  return key;
}

export function secretsKey(): Buffer {
  const fromEnv = env().HERALD_SECRET_KEY;
  // The cache follows where the key comes from (tests switch data folders within one process).
  const source = fromEnv ? `env:${fromEnv}` : `file:${dataDir()}`;
  if (cached && cached.source === source) return cached.key;
  const text = fromEnv ?? readOrCreateDataFile("secret.key", () => crypto.randomBytes(32).toString("hex"));
  cached = { source, key: decode(text) };
  return cached.key;
}

/** Additional authenticated data binding a sealed value to its place. */
export function secretContext(pid: string, key: string): string {
  return `${pid}#${key}`;
}
