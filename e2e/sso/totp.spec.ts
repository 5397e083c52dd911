// Two-factor codes (TOTP) for local accounts, with codes computed by the test from the secret the
// enrolment page shows, with the same library Herald uses (otpauth).
import * as OTPAuth from "otpauth";
import type { Browser, Page } from "@playwright/test";
import { test, expect, signIn } from "../fixtures/test";
import { herald } from "../fixtures/env";
import { setPolicy } from "./helpers";

const USER = { email: "totp.author@herald.test", name: "Tess Totp", password: "Quiet-Harbor-Lantern-2026" };
const POLICY_ADMIN = { email: "policy.admin@herald.test", name: "Pol Admin", password: "Amber-Falcon-Meadow-9183" };

let secret = "";
let recovery: string[] = [];

function codeAt(timestamp: number) {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp });
}

async function freshPage(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext();
  return ctx.newPage();
}

async function enterCode(page: Page, code: string) {
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  herald(["user", "create", "--email", USER.email, "--role", "author", "--name", USER.name], USER.password + "\n");
  herald(["user", "create", "--email", POLICY_ADMIN.email, "--role", "admin", "--name", POLICY_ADMIN.name], POLICY_ADMIN.password + "\n");
});

test.afterAll(() => {
  setPolicy({});
});

test("enrolment: QR code and secret, confirmed with a first code, ten recovery codes shown once", async ({ browser }) => {
  const page = await freshPage(browser);
  await signIn(page, USER.email, USER.password);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.goto("/account");
  await page.getByRole("link", { name: "Manage two-factor codes" }).click();
  await page.getByRole("button", { name: "Set up two-factor codes" }).click();
  await expect(page.getByTestId("totp-qr").locator("svg")).toBeVisible();
  secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel("2. Code from the app").fill("000000");
  await page.getByRole("button", { name: "Turn on two-factor codes" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("That code is not right");

  await page.getByLabel("2. Code from the app").fill(codeAt(Date.now()));
  await page.getByRole("button", { name: "Turn on two-factor codes" }).click();
  const list = page.getByTestId("recovery-codes").locator("li");
  await expect(list).toHaveCount(10);
  recovery = await list.allTextContents();
  // Shown once: the page now only says it is on.
  await page.goto("/account/two-factor");
  await expect(page.getByText("10 recovery codes left")).toBeVisible();
  await expect(page.getByTestId("recovery-codes")).toHaveCount(0);
});

test("sign-in asks for the code after the password and reaches nothing else before it; a replayed code is refused", async ({ browser }) => {
  const page = await freshPage(browser);
  await signIn(page, USER.email, USER.password);
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  // The half-signed-in session opens nothing else.
  await page.goto("/templates");
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  const status = (await page.request.get("/api/config/export", { maxRedirects: 0 })).status();
  expect([401, 403]).toContain(status);

  // The enrolment used the current time step: the app's next code (accepted one step ahead).
  const code = codeAt(Date.now() + 30_000);
  await enterCode(page, "123456");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not right, or it was already used");
  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText(USER.email);

  const other = await freshPage(browser);
  await signIn(other, USER.email, USER.password);
  await enterCode(other, code);
  await expect(other.getByRole("main").getByRole("alert")).toContainText("already used");
  await other.goto("/");
  await expect(other).toHaveURL(/\/login\/two-factor$/);
});

test("a recovery code works once", async ({ browser }) => {
  const page = await freshPage(browser);
  await signIn(page, USER.email, USER.password);
  await enterCode(page, recovery[0]!);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  const again = await freshPage(browser);
  await signIn(again, USER.email, USER.password);
  await enterCode(again, recovery[0]!);
  await expect(again.getByRole("main").getByRole("alert")).toContainText("already used");
});

test("an admin resets the enrolment: audited, the user's sessions end, the next sign-in needs no code", async ({ browser, adminPage }) => {
  const userPage = await freshPage(browser);
  await signIn(userPage, USER.email, USER.password);
  await enterCode(userPage, recovery[1]!);
  await expect(userPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  await adminPage.goto("/users");
  adminPage.once("dialog", (d) => void d.accept());
  await adminPage.getByRole("button", { name: `Reset two-factor codes of ${USER.email}` }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: `Two-factor codes of ${USER.email} removed` })).toBeVisible();

  await userPage.goto("/templates");
  await expect(userPage).toHaveURL(/\/login/);
  await signIn(userPage, USER.email, USER.password);
  await expect(userPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  await adminPage.goto("/audit");
  await expect(adminPage.getByRole("row").filter({ hasText: "auth.totp_reset" }).filter({ hasText: USER.email }).first()).toBeVisible();
  await expect(adminPage.getByRole("row").filter({ hasText: "auth.totp_enrol" }).filter({ hasText: USER.email }).first()).toBeVisible();
});

test("the policy forces enrolment right after sign-in; the CLI resets it", async ({ browser }) => {
  setPolicy({ "totp.required": "admins" });
  try {
    const page = await freshPage(browser);
    await signIn(page, POLICY_ADMIN.email, POLICY_ADMIN.password);
    await expect(page).toHaveURL(/\/login\/two-factor\/setup$/);
    await expect(page.getByText("Two-factor codes are required")).toBeVisible();
    await page.goto("/users");
    await expect(page).toHaveURL(/\/login\/two-factor\/setup$/);

    await page.getByRole("button", { name: "Set up two-factor codes" }).click();
    secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    await page.getByLabel("2. Code from the app").fill(codeAt(Date.now()));
    await page.getByRole("button", { name: "Turn on two-factor codes" }).click();
    await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
    await page.getByRole("link", { name: "Continue to the console" }).click();
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

    const out = herald(["user", "2fa-reset", POLICY_ADMIN.email]);
    expect(out).toContain(`two-factor codes of ${POLICY_ADMIN.email} removed; 1 session ended`);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  } finally {
    setPolicy({});
  }
});
