import { test, expect, signIn } from "../fixtures/test";

test("an admin invites a user, changes the role and removes them", async ({ adminPage, browser }) => {
  await adminPage.goto("/users");
  await adminPage.getByLabel("Name").fill("Ivy Invited");
  await adminPage.getByLabel("Email").fill("ivy@herald.test");
  await adminPage.getByLabel("Role", { exact: true }).selectOption("author");
  await adminPage.getByRole("button", { name: "Create user" }).click();
  await expect(adminPage.getByText("ivy@herald.test was created")).toBeVisible();
  const password = (await adminPage.getByTestId("temp-password").textContent())!.trim();
  expect(password.length).toBeGreaterThanOrEqual(16);

  // The invited user can sign in with the temporary password, and must choose their own first.
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await signIn(p, "ivy@herald.test", password);
  await expect(p.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await ctx.close();

  const row = adminPage.getByRole("row", { name: /ivy@herald\.test/ });
  adminPage.once("dialog", (d) => d.accept());
  await row.getByLabel(/Role of/).selectOption("admin");
  await expect(adminPage.getByText("ivy@herald.test is now admin.")).toBeVisible();
  await adminPage.reload();
  await expect(adminPage.getByRole("row", { name: /ivy@herald\.test/ }).getByLabel(/Role of/)).toHaveValue("admin");

  adminPage.once("dialog", (d) => d.accept());
  await adminPage.getByRole("row", { name: /ivy@herald\.test/ }).getByRole("button", { name: "Remove" }).click();
  await expect(adminPage.getByText("ivy@herald.test was removed.")).toBeVisible();
  await adminPage.reload();
  await expect(adminPage.getByRole("row", { name: /ivy@herald\.test/ })).toHaveCount(0);
});

test("inviting an existing email names the field", async ({ adminPage }) => {
  await adminPage.goto("/users");
  await adminPage.getByLabel("Name").fill("Dup");
  await adminPage.getByLabel("Email").fill("author@herald.test");
  await adminPage.getByRole("button", { name: "Create user" }).click();
  await expect(adminPage.locator("#invite-email-error")).toHaveText("A user with this email already exists");
});
