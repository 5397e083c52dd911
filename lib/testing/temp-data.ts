// Unit tests that need a real database: a fresh data folder (keys, SQLite file) per call. When
// HERALD_TEST_PG_URL names a PostgreSQL database (npm run test:unit:pg), the database is a fresh
// schema in it instead, so the same tests run on both engines.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { resetEnvCache } from "@/lib/env";

export function useFreshDataDir(prefix = "herald-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.env.HERALD_DATA_DIR = dir;
  const pg = process.env.HERALD_TEST_PG_URL;
  if (pg) {
    const u = new URL(pg);
    u.searchParams.set("schema", `t_${crypto.randomBytes(6).toString("hex")}`);
    process.env.DATABASE_URL = u.toString();
  } else {
    delete process.env.DATABASE_URL;
  }
  resetEnvCache();
  return dir;
}

/** Which engine the unit tests run on. */
export function testEngine(): "sqlite" | "postgresql" {
  return process.env.HERALD_TEST_PG_URL ? "postgresql" : "sqlite";
}
