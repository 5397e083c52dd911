import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureSharedTestCert } from "./lib/testing/tls";

// One fresh data folder (SQLite database, generated secrets) per run, shared with the workers
// through the environment so fixtures can seed it with the CLI.
process.env.HERALD_E2E_DATA ??= fs.mkdtempSync(path.join(os.tmpdir(), "herald-e2e-"));
// The database: an SQLite file in that folder, or — when HERALD_PG_URL names a PostgreSQL server
// (npm run test:pg) — a fresh schema in it. Fixtures running the CLI inherit DATABASE_URL.
if (process.env.HERALD_PG_URL && !process.env.HERALD_E2E_DATABASE_URL) {
  const u = new URL(process.env.HERALD_PG_URL);
  u.searchParams.set("schema", `e2e_${Date.now().toString(36)}`);
  process.env.HERALD_E2E_DATABASE_URL = u.toString();
}
process.env.DATABASE_URL = process.env.HERALD_E2E_DATABASE_URL ?? `file:${path.join(process.env.HERALD_E2E_DATA, "herald.db")}`;
// One self-signed certificate for the SMTP (and other TLS) servers that specs start: the server
// under test trusts it through NODE_EXTRA_CA_CERTS, the specs' servers present it.
process.env.HERALD_TEST_TLS_DIR ??= path.join(process.env.HERALD_E2E_DATA, "tls");
const caFile = ensureSharedTestCert(process.env.HERALD_TEST_TLS_DIR);
const port = Number(process.env.HERALD_E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

// On PostgreSQL (npm run test:pg) the page-by-page sweeps (axe, 390 px) are left out: they check
// markup and layout, which do not depend on the database engine, and they are the longest specs —
// the SQLite pass runs them. Keeps both passes inside CI's time.
const markupOnly = process.env.HERALD_PG_URL ? [/e2e\/a11y\//, /e2e\/console\/narrow\.spec\.ts$/] : [];

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  // No retries: a test that passes only on its second try is a bug to fix (a serial group retried
  // whole also fails on state its first try left behind, hiding the real failure).
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "first-run", testMatch: /first-run\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["first-run"], testIgnore: [/first-run\.setup\.ts/, ...markupOnly] },
  ],
  webServer: {
    command: `node scripts/start.mjs`,
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HERALD_DATA_DIR: process.env.HERALD_E2E_DATA,
      DATABASE_URL: process.env.DATABASE_URL,
      NODE_EXTRA_CA_CERTS: caFile,
      NEXTAUTH_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
      // The specs act as the reverse proxy in front of the console: they connect from loopback and
      // say who the client is in X-Forwarded-For, as a proxy appends it (e2e/security/sign-in-throttle).
      HERALD_TRUSTED_PROXIES: "127.0.0.1",
      // `npm test` builds right before the end-to-end run; never build twice.
      HERALD_NO_BUILD: "1",
      // e2e/sso: the first admin keeps a password when local passwords are turned off.
      HERALD_BREAK_GLASS_ADMINS: "admin@herald.test",
    },
  },
});
