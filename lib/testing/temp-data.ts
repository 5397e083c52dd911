// Unit tests that need a real database: a fresh data folder (SQLite file, keys) per call.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resetEnvCache } from "@/lib/env";

export function useFreshDataDir(prefix = "herald-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.env.HERALD_DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  resetEnvCache();
  return dir;
}
