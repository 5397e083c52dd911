import { defineConfig } from "vitest/config";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\/(.*)$/, replacement: path.resolve(root, "$1") },
      // "server-only" throws outside React's server condition; unit tests run lib code directly.
      { find: /^server-only$/, replacement: path.resolve(root, "lib/testing/empty.ts") },
    ],
  },
  test: {
    include: ["lib/**/*.test.ts", "cli/**/*.test.ts", "components/**/*.test.ts"],
    environment: "node",
    // Keep the API's per-request log lines out of the test output; specs that read a process's
    // log (worker processes) set their own level.
    env: { HERALD_LOG_LEVEL: "warn" },
    testTimeout: 20000,
    hookTimeout: 30000,
    pool: "forks",
  },
});
