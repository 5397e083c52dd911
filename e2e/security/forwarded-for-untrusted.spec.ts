// The sign-in throttle with Herald's default of no trusted proxy: a second console (same build, its
// own data folder, HERALD_TRUSTED_PROXIES unset) where X-Forwarded-For must count for nothing.
// The main e2e server trusts 127.0.0.1 as its proxy (see e2e/security/sign-in-throttle.spec.ts).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { test, expect } from "@playwright/test";
import type { APIRequestContext } from "@playwright/test";

const ADMIN = { email: "root@untrusted.test", password: "granite-violin-sparrow-64" };
let server: ChildProcess | undefined;
let base = "";
let dir = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-e2e-untrusted-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HERALD_DATA_DIR: dir,
    DATABASE_URL: `file:${path.join(dir, "herald.db")}`,
    NEXTAUTH_URL: base,
    NEXT_TELEMETRY_DISABLED: "1",
    HERALD_NO_BUILD: "1",
    HERALD_ADMIN_EMAIL: ADMIN.email,
    HERALD_ADMIN_PASSWORD: ADMIN.password,
    HERALD_DEV_SMTP: "0",
    HERALD_WORKER_IN_SERVER: "0",
  };
  delete env.HERALD_TRUSTED_PROXIES;
  server = spawn(process.execPath, ["scripts/start.mjs"], { env, stdio: "ignore", detached: true });
  const api = await playwright.request.newContext();
  await expect
    .poll(async () => (await api.get(`${base}/login`, { timeout: 5_000 }).catch(() => null))?.status() ?? 0, { timeout: 150_000, intervals: [500] })
    .toBe(200);
  await api.dispose();
});

test.afterAll(() => {
  // The server and the `next start` child it spawned: one process group, started here.
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** One sign-in through next-auth's credentials endpoint; returns "ok" or the error shown to the user. */
async function attempt(api: APIRequestContext, email: string, password: string, headers: Record<string, string>) {
  const { csrfToken } = await (await api.get(`${base}/api/auth/csrf`)).json();
  const r = await api.post(`${base}/api/auth/callback/credentials`, { form: { csrfToken, email, password, json: "true" }, headers });
  const { url } = (await r.json()) as { url: string };
  return new URL(url, base).searchParams.get("error") ?? "ok";
}

test("with no trusted proxy, a new X-Forwarded-For per guess does not escape the throttle", async ({ playwright }) => {
  const api = await playwright.request.newContext();
  const results: string[] = [];
  for (let i = 0; i < 8; i++) {
    results.push(await attempt(api, `sprayed-${i}@untrusted.test`, `guess-${i}-password`, { "x-forwarded-for": `203.0.113.${20 + i}`, "x-real-ip": `203.0.113.${40 + i}` }));
  }
  expect(results.slice(0, 5)).toEqual(Array(5).fill("Wrong email or password."));
  for (const r of results.slice(5)) expect(r).toMatch(/^Too many failed sign-ins\. Wait \d+ seconds/);
  await api.dispose();
});

test("the session list shows the socket address, not the header", async ({ browser }) => {
  test.setTimeout(150_000);
  // The spray above slowed 127.0.0.1 for up to a minute: wait until it may sign in again.
  const ctx = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.99" } });
  const page = await ctx.newPage();
  await expect
    .poll(async () => attempt(ctx.request, ADMIN.email, ADMIN.password, { "x-forwarded-for": "198.51.100.99" }), { timeout: 90_000, intervals: [2_000, 5_000] })
    .toBe("ok");
  await page.goto(`${base}/account`);
  const row = page.getByTestId("session-row").filter({ hasText: "this session" });
  await expect(row).toContainText("127.0.0.1");
  await expect(row).not.toContainText("198.51.100.99");
  await ctx.close();
});
