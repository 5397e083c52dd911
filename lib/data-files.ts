import "server-only";
// Generated secrets that must survive restarts live in the data folder with mode 0600.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { dataDir } from "@/lib/env";
import { ensurePrivateDir } from "@/lib/db/file-modes";

/** The data folder, created 0700 or tightened to 0700 (lib/db/file-modes.ts). */
export function ensurePrivateDataDir(): string {
  const dir = dataDir();
  ensurePrivateDir(dir);
  return dir;
}

/** Reads `<data>/<name>`, creating it with `create()` (mode 0600) on first use. */
export function readOrCreateDataFile(name: string, create: () => string): string {
  const dir = ensurePrivateDataDir();
  const file = path.join(dir, name);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const value = create();
  try {
    // "wx": if another process created it meanwhile, keep theirs.
    fs.writeFileSync(file, value + "\n", { mode: 0o600, flag: "wx" });
    return value;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(file, "utf8").trim();
    throw e;
  }
}

export function randomSecret(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}
