// Runs first, on the fresh database: the first visitor creates the admin through /setup.
// Saves signed-in states for the other specs.
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import { ADMIN, AUTHOR, adminState, authorState, authDir, herald } from "./fixtures/env";
import { signIn } from "./fixtures/test";

test("first-run setup creates the admin, then disappears", async ({ page, browser }) => {
  fs.mkdirSync(authDir(), { recursive: true });
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Create the first admin" })).toBeVisible();

  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Repeat password").fill("different");
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await expect(page.getByText("Passwords do not match")).toBeVisible();

  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Repeat password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  // The server's first password check loads the strength estimator's dictionaries (seconds).
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("current-user")).toContainText(ADMIN.email);
  await page.context().storageState({ path: adminState() });

  // Gone once a user exists.
  const res = await page.request.get("/setup");
  expect(res.status()).toBe(404);

  // An author, created with the operator CLI (password from stdin).
  const out = herald(["user", "create", "--email", AUTHOR.email, "--role", "author", "--name", AUTHOR.name], AUTHOR.password + "\n");
  expect(out).toContain(`created author ${AUTHOR.email}`);
  const ctx = await browser.newContext();
  const p2 = await ctx.newPage();
  await signIn(p2, AUTHOR.email, AUTHOR.password);
  await expect(p2.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await ctx.storageState({ path: authorState() });
  await ctx.close();
});
