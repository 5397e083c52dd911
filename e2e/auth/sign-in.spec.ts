import { test, expect, signIn } from "../fixtures/test";
import { ADMIN } from "../fixtures/env";

test("sign in and sign out", async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText(ADMIN.name);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/users");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fusers/);
});

test("a wrong password shows a generic error", async ({ page }) => {
  await signIn(page, ADMIN.email, "not-the-password");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await signIn(page, "nobody@herald.test", "whatever-password");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login/);
});

test("more than five failures a minute are slowed down with a clear message", async ({ browser }) => {
  // A separate client address, so the other specs' sign-ins from 127.0.0.1 are not throttled.
  const ctx = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.77" } });
  const page = await ctx.newPage();
  for (let i = 0; i < 5; i++) {
    await signIn(page, "victim@herald.test", `guess-${i}`);
    await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  }
  await signIn(page, "victim@herald.test", "guess-6");
  await expect(page.locator("form").getByRole("alert")).toContainText(/Too many failed sign-ins\. Wait \d+ seconds/);
  // The address is throttled too, whatever account it tries.
  await signIn(page, "someone-else@herald.test", "guess-7");
  await expect(page.locator("form").getByRole("alert")).toContainText(/Too many failed sign-ins/);
  await ctx.close();
});

test("after sign-in the user returns to the page they asked for", async ({ page }) => {
  await page.goto("/audit");
  await expect(page).toHaveURL(/callbackUrl=%2Faudit/);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Audit" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "auth.signin", exact: true }).first()).toBeVisible();
});
