// Generates both Prisma clients offline: SQLite (prisma/schema.prisma → lib/generated/prisma) and
// PostgreSQL (prisma/postgresql/schema.prisma, derived from the first → lib/generated/prisma-pg). Prisma's CLI insists on a schema-engine binary even for
// `generate`, which never uses it; it cannot be downloaded here, so we point it at any existing
// file (this Node binary) unless the caller has set a real one.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let cli;
try {
  cli = require.resolve("prisma/build/index.js");
} catch {
  console.log("prisma CLI not installed (production install?) — skipping client generation");
  process.exit(0);
}
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
const { writeDerived } = await import("./derive-postgres-schema.mjs");
writeDerived();
for (const args of [["generate"], ["generate", "--schema", "prisma/postgresql/schema.prisma"]]) {
  const r = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
