// A PostgreSQL server for tests that need one whatever engine the suite runs on: HERALD_TEST_PG_URL
// when set (npm run test:unit:pg, CI), otherwise a throwaway cluster started for the test file.
import { beforeAll, afterAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";

const root = path.resolve(__dirname, "../..");

type ClusterModule = { startCluster: (d: string) => Promise<string>; stopCluster: (d: string) => void };

/** Registers hooks; call the returned function inside tests for a URL with a fresh schema. */
export function startTestPostgres(prefix = "t"): () => string {
  let base = process.env.HERALD_TEST_PG_URL ?? "";
  let own: string | null = null;
  beforeAll(async () => {
    if (base) return;
    own = fs.mkdtempSync(path.join(os.tmpdir(), "herald-test-pg-"));
    const m = (await import(path.join(root, "scripts/pg-cluster.mjs"))) as ClusterModule;
    base = await m.startCluster(own);
  }, 120_000);
  afterAll(async () => {
    if (!own) return;
    const m = (await import(path.join(root, "scripts/pg-cluster.mjs"))) as ClusterModule;
    m.stopCluster(own);
  });
  return () => {
    if (!base) throw new Error("startTestPostgres(): the server is not started yet (call inside a test)");
    const u = new URL(base);
    u.searchParams.set("schema", `${prefix}_${crypto.randomBytes(5).toString("hex")}`);
    return u.toString();
  };
}
