// Accounts and sign-in: password lifecycle, server-side sessions, the open redirect.
// Each test signs in its own users in fresh browser contexts, so the shared admin / author
// sessions of the other specs are never ended here.
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect as baseExpect, signIn } from "../fixtures/test";
import { dataDir, herald } from "../fixtures/env";

const STRONG = "copper-lantern-meadow-71";
const STRONG2 = "velvet-harbor-quartz-38";

// Several CLI runs and bcrypt sign-ins per test: generous limits for a busy machine.
test.describe.configure({ timeout: 180_000 });
// Conditions, not fixed waits: a bcrypt sign-in plus a page render can take >10 s on a loaded machine.
const expect = baseExpect.configure({ timeout: 30_000 });

let seq = 0;
function unique(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}-${seq++}@herald.test`;
}

/**
 * A browser of its own, at its own client address (the e2e server trusts 127.0.0.1 as its proxy),
 * so the wrong passwords tried here never throttle the other specs' sign-ins from 127.0.0.1.
 */
let clients = 0;
function newClient(browser: Browser): Promise<BrowserContext> {
  clients++;
  const address = `198.18.${(process.pid + clients) % 250}.${clients % 250}`;
  return browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": address } });
}

/** A user created with the CLI (so no temporary password), signed in in a fresh context. */
async function makeUser(role: "admin" | "author", email = unique(role), password = STRONG) {
  herald(["user", "create", "--email", email, "--role", role, "--name", "Sam Sample"], password + "\n");
  return { email, password };
}

async function signedIn(browser: Browser, email: string, password: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await newClient(browser);
  const page = await ctx.newPage();
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  return { ctx, page };
}

/** Runs the CLI and returns its exit code, stdout and stderr. */
function cli(args: string[], input = ""): { code: number; out: string; err: string } {
  try {
    const out = execFileSync(process.execPath, [path.resolve("bin/herald.mjs"), ...args], {
      env: { ...process.env, HERALD_DATA_DIR: dataDir() },
      input,
      encoding: "utf8",
      stdio: ["pipe", "pipe", "pipe"],
    });
    return { code: 0, out, err: "" };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { code: x.status, out: x.stdout, err: x.stderr };
  }
}

test("sign-out ends the session on the server: the old cookie opens nothing", async ({ browser, playwright, baseURL }) => {
  const u = await makeUser("author");
  const { ctx, page } = await signedIn(browser, u.email, u.password);
  const cookies = await ctx.cookies();
  const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await ctx.close();

  // Replaying the cookie captured before sign-out.
  const replay = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: cookieHeader } });
  const templates = await replay.get("/templates");
  expect(templates.url()).toMatch(/\/login/);
  expect(await templates.text()).toContain("Sign in");
  const session = await replay.get("/api/auth/session");
  expect(session.status()).toBe(200);
  expect(await session.json()).toEqual({});
  // No fresh cookie is issued for it: the only session cookie sent back clears it.
  const setCookie = session.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie" && /session-token=/.test(h.value));
  for (const h of setCookie) expect(h.value).toMatch(/session-token=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i);
  const exportRes = await replay.get("/recipients/export.csv", { maxRedirects: 0 });
  expect(exportRes.status()).toBe(401);
  await replay.dispose();
});

test("open redirect: after sign-in with a foreign callbackUrl the browser stays on the console", async ({ browser, baseURL }) => {
  const u = await makeUser("author");
  const bad = [
    "/%5C127.0.0.1:2631/x",
    "/%09/127.0.0.1:2631/x",
    "/%5C%5C127.0.0.1:2631/x",
    "//127.0.0.1:2631/x",
    "http://127.0.0.1:2631/x",
    "javascript:alert(document.domain)",
    "/%0A/127.0.0.1:2631/x",
    "%2F%2F127.0.0.1:2631%2Fx",
  ];
  for (const cb of bad) {
    const ctx = await newClient(browser);
    const page = await ctx.newPage();
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).origin !== new URL(baseURL!).origin && r.isNavigationRequest()) foreign.push(r.url());
    });
    await page.goto(`/login?callbackUrl=${cb}`);
    await page.getByLabel("Email").fill(u.email);
    await page.getByLabel("Password").fill(u.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Dashboard" }), cb).toBeVisible();
    expect(new URL(page.url()).origin, cb).toBe(new URL(baseURL!).origin);
    expect(new URL(page.url()).pathname, cb).toBe("/");
    expect(foreign, cb).toEqual([]);
    await ctx.close();
  }
  // A path on the console is still honoured.
  const ctx = await newClient(browser);
  const page = await ctx.newPage();
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/templates")}`);
  await page.getByLabel("Email").fill(u.email);
  await page.getByLabel("Password").fill(u.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/templates$/);
  await ctx.close();
});

test("account page: change the password (policy explained), see and end other sessions", async ({ browser }) => {
  const u = await makeUser("author");
  const a = await signedIn(browser, u.email, u.password);
  const b = await signedIn(browser, u.email, u.password);
  const c = await signedIn(browser, u.email, u.password);

  await a.page.getByTestId("current-user").click();
  await expect(a.page.getByRole("heading", { name: "Your account" })).toBeVisible();
  const rows = a.page.getByTestId("session-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "this session" })).toHaveCount(1);
  await expect(rows.first()).toContainText(/Chrome on (Windows|Linux)/);
  await expect(rows.first()).toContainText(/198\.18\.\d+\.\d+/);

  // End one other session: that browser is signed out on its next request.
  await rows.filter({ hasNotText: "this session" }).first().getByRole("button", { name: /End session/ }).click();
  await expect(a.page.getByText("The session was ended.")).toBeVisible();
  await expect(rows).toHaveCount(2);
  const ended = [b, c];
  const results = await Promise.all(ended.map(async (x) => (await x.page.goto("/templates"), new URL(x.page.url()).pathname)));
  expect(results.sort()).toEqual(["/login", "/templates"]);

  // The policy says why a password is refused.
  const form = a.page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill(u.password);
  await form.getByLabel("New password", { exact: true }).fill("password1234");
  await form.getByLabel("Repeat new password").fill("password1234");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(a.page.locator("#new-password-error")).toContainText("Too easy to guess");
  await form.getByLabel("New password", { exact: true }).fill("sam-sample-2026-x");
  await form.getByLabel("Repeat new password").fill("sam-sample-2026-x");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(a.page.locator("#new-password-error")).toContainText(/must not contain/i);
  // A wrong current password is named on its field.
  await form.getByLabel("Current password").fill("not-my-password");
  await form.getByLabel("New password", { exact: true }).fill(STRONG2);
  await form.getByLabel("Repeat new password").fill(STRONG2);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(a.page.locator("#current-password-error")).toHaveText("The current password is not right.");

  // The right change: the other session ends, this one stays, the old password stops working.
  await form.getByLabel("Current password").fill(u.password);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(a.page.getByText(/Password changed\. 1 other session ended\./)).toBeVisible();
  for (const x of ended) {
    await x.page.goto("/templates");
    await expect(x.page).toHaveURL(/\/login/);
  }
  await a.page.goto("/templates");
  await expect(a.page.getByRole("heading", { name: "Templates" })).toBeVisible();
  await signIn(b.page, u.email, u.password);
  await expect(b.page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await signIn(b.page, u.email, STRONG2);
  await expect(b.page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  // "End all other sessions".
  await a.page.goto("/account");
  await a.page.getByRole("button", { name: "End all other sessions" }).click();
  await expect(a.page.getByText("All other sessions were ended.")).toBeVisible();
  await b.page.goto("/templates");
  await expect(b.page).toHaveURL(/\/login/);
  for (const x of [a, b, c]) await x.ctx.close();
});

test("forced change: a temporary password reaches nothing but the change-password page, checked on the server", async ({ adminPage, browser, playwright, baseURL }) => {
  const email = unique("temp");
  await adminPage.goto("/users");
  await adminPage.getByLabel("Name").fill("Tina Temp");
  await adminPage.getByLabel("Email").fill(email);
  await adminPage.getByLabel("Role", { exact: true }).selectOption("admin");
  await adminPage.getByRole("button", { name: "Create user" }).click();
  const temp = (await adminPage.getByTestId("temp-password").textContent())!.trim();
  await expect(adminPage.getByRole("button", { name: "Copy temporary password" })).toBeVisible();

  const ctx = await newClient(browser);
  const page = await ctx.newPage();
  await page.goto("/login?callbackUrl=%2Fusers");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(temp);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(page).toHaveURL(/\/change-password$/);
  for (const route of ["/", "/users", "/configuration", "/account", "/templates"]) {
    await page.goto(route);
    await expect(page, route).toHaveURL(/\/change-password$/);
  }
  // Route handlers refuse the session too (not just the pages): this user is an admin.
  const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie } });
  const exp = await api.get("/api/config/export?pid=com.day.cq.mailer.DefaultMailService", { maxRedirects: 0 });
  expect(exp.status()).toBe(403);
  expect(JSON.stringify(await exp.json())).toContain("Change your temporary password first");
  const csv = await api.get("/recipients/export.csv", { maxRedirects: 0 });
  expect(csv.status()).toBe(403);

  await page.goto("/change-password");
  await page.getByLabel("Current password").fill(temp);
  await page.getByLabel("New password", { exact: true }).fill("tina-temp-secret-1");
  await page.getByLabel("Repeat new password").fill("tina-temp-secret-1");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#new-password-error")).toContainText(/must not contain/i);
  await page.getByLabel("New password", { exact: true }).fill(STRONG2);
  await page.getByLabel("Repeat new password").fill(STRONG2);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  expect((await api.get("/api/config/export?pid=com.day.cq.mailer.DefaultMailService", { maxRedirects: 0 })).status()).toBe(200);
  await api.dispose();
  await ctx.close();

  // The badge is gone.
  await adminPage.reload();
  await expect(adminPage.getByRole("row", { name: new RegExp(email.replace(/[.@+-]/g, "\\$&")) })).not.toContainText("temporary password");
});

test("admin reset: a temporary password shown once with Copy, the user's sessions end, audited", async ({ adminPage, browser }) => {
  const u = await makeUser("author");
  const victim = await signedIn(browser, u.email, u.password);
  await adminPage.goto("/users");
  const row = adminPage.getByRole("row", { name: new RegExp(u.email.replace(/[.@+-]/g, "\\$&")) });
  adminPage.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: `Reset password of ${u.email}` }).click();
  await expect(adminPage.getByText(`New temporary password for ${u.email}`)).toBeVisible();
  const temp = (await adminPage.getByTestId("reset-password").textContent())!.trim();
  expect(temp).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
  await expect(adminPage.getByRole("button", { name: "Copy temporary password" })).toBeVisible();
  // Shown once: not on the page after a reload.
  await adminPage.reload();
  await expect(adminPage.getByText(temp)).toHaveCount(0);

  await victim.page.goto("/templates");
  await expect(victim.page).toHaveURL(/\/login/);
  await signIn(victim.page, u.email, u.password);
  await expect(victim.page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await signIn(victim.page, u.email, temp);
  await expect(victim.page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await victim.ctx.close();

  await adminPage.goto("/audit");
  await expect(adminPage.getByRole("cell", { name: "user.password_reset", exact: true }).first()).toBeVisible();
  expect(await adminPage.content()).not.toContain(temp);
});

test("admin 'End sessions' and removal sign a user out at once; role changes are confirmed and apply on the next request", async ({ adminPage, browser }) => {
  const u = await makeUser("author");
  const s = await signedIn(browser, u.email, u.password);
  await adminPage.goto("/users");
  const row = () => adminPage.getByRole("row", { name: new RegExp(u.email.replace(/[.@+-]/g, "\\$&")) });

  // Dismissing the confirmation leaves the role alone.
  adminPage.once("dialog", (d) => d.dismiss());
  await row().getByLabel(/Role of/).selectOption("admin");
  await expect(row().getByLabel(/Role of/)).toHaveValue("author");
  await adminPage.reload();
  await expect(row().getByLabel(/Role of/)).toHaveValue("author");
  const res = await s.page.goto("/users");
  expect(res?.status()).toBe(403);
  // Confirmed, it applies to the user's very next request.
  adminPage.once("dialog", (d) => d.accept());
  await row().getByLabel(/Role of/).selectOption("admin");
  await expect(adminPage.getByText(`${u.email} is now admin.`)).toBeVisible();
  await s.page.goto("/users");
  await expect(s.page.getByRole("heading", { name: "Users" })).toBeVisible();

  adminPage.once("dialog", (d) => d.accept());
  await row().getByRole("button", { name: `End sessions of ${u.email}` }).click();
  await expect(adminPage.getByText(`1 session of ${u.email} ended.`)).toBeVisible();
  await s.page.goto("/templates");
  await expect(s.page).toHaveURL(/\/login/);

  await signIn(s.page, u.email, u.password);
  await expect(s.page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  adminPage.once("dialog", (d) => d.accept());
  await row().getByRole("button", { name: "Remove" }).click();
  await expect(adminPage.getByText(`${u.email} was removed.`)).toBeVisible();
  await s.page.goto("/templates");
  await expect(s.page).toHaveURL(/\/login/);
  await s.ctx.close();
});

test("CLI: user passwd (stdin, policy, ends sessions) and user reset (prints a temporary password); exit 2 on bad input", async ({ browser }) => {
  const u = await makeUser("author");
  const s = await signedIn(browser, u.email, u.password);

  const weak = cli(["user", "passwd", u.email], "password1234\n");
  expect(weak.code).toBe(2);
  expect(weak.err).toMatch(/password: Too easy to guess/);
  const containsName = cli(["user", "passwd", u.email], "sam-sample-is-me-9\n");
  expect(containsName.code).toBe(2);
  expect(containsName.err).toMatch(/must not contain/i);
  expect(cli(["user", "passwd", "nobody@herald.test"], STRONG2 + "\n").code).toBe(2);
  expect(cli(["user", "passwd", "not-an-email"], STRONG2 + "\n").code).toBe(2);
  expect(cli(["user", "reset", "nobody@herald.test"]).code).toBe(2);
  expect(cli(["user", "reset"]).code).toBe(2);

  const ok = cli(["user", "passwd", u.email], STRONG2 + "\n");
  expect(ok.code, ok.err).toBe(0);
  expect(ok.out).toContain(`password of ${u.email} changed; 1 session ended`);
  await s.page.goto("/templates");
  await expect(s.page).toHaveURL(/\/login/);
  await signIn(s.page, u.email, STRONG2);
  await expect(s.page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  const reset = cli(["user", "reset", u.email]);
  expect(reset.code, reset.err).toBe(0);
  const temp = reset.out.trim();
  expect(temp).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
  await s.page.goto("/templates");
  await expect(s.page).toHaveURL(/\/login/);
  await signIn(s.page, u.email, temp);
  await expect(s.page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await s.ctx.close();
});
