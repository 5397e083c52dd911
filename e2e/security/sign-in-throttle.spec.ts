// The sign-in throttle. The e2e server trusts 127.0.0.1 as its reverse proxy
// (playwright.config.ts), so these specs speak as that proxy: X-Forwarded-For ends with the
// address the proxy saw, and anything before it is what the client made up.
import type { Page } from "@playwright/test";
import { test, expect as baseExpect, signIn } from "../fixtures/test";
import { herald } from "../fixtures/env";

// Several CLI runs and bcrypt sign-ins per test: generous limits for a busy machine.
test.describe.configure({ timeout: 180_000 });
// Conditions, not fixed waits: a bcrypt sign-in plus a page render can take >10 s on a loaded machine.
const expect = baseExpect.configure({ timeout: 30_000 });

const PASSWORD = "orchard-compass-ledger-55";

function as(page: Page, xff: string | null, extra: Record<string, string> = {}) {
  return page.setExtraHTTPHeaders({ ...(xff ? { "X-Forwarded-For": xff } : {}), ...extra });
}

test("spraying accounts with a new made-up X-Forwarded-For each time is still slowed", async ({ browser }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const client = "198.51.100.71";
  const messages: string[] = [];
  for (let i = 0; i < 8; i++) {
    // A fresh invented address per attempt, in front of the one the proxy appended.
    await as(page, `203.0.113.${10 + i}, ${client}`);
    await signIn(page, `sprayed-${i}@herald.test`, `guess-${i}-password`);
    const alert = page.locator("form").getByRole("alert");
    await expect(alert).toHaveText(/Wrong email or password\.|Too many failed sign-ins/);
    messages.push((await alert.textContent()) ?? "");
  }
  expect(messages.slice(0, 5).every((m) => m === "Wrong email or password.")).toBe(true);
  expect(messages.slice(5).every((m) => /Too many failed sign-ins\. Wait \d+ seconds/.test(m))).toBe(true);
  await ctx.close();
});

test("five failures from one address do not lock the owner out from another", async ({ browser }) => {
  const email = `owner-${Date.now().toString(36)}@herald.test`;
  herald(["user", "create", "--email", email, "--role", "author", "--name", "Olive Owner"], PASSWORD + "\n");
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await as(page, "192.0.2.44, 203.0.113.150");
  for (let i = 0; i < 5; i++) {
    await signIn(page, email, `wrong-guess-${i}`);
    await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  }
  // The attacking address is slowed, even with the right password…
  await signIn(page, email, PASSWORD);
  await expect(page.locator("form").getByRole("alert")).toContainText(/Too many failed sign-ins/);
  // …and so is another address that has been failing (here: at another account).
  await as(page, "203.0.113.151");
  await signIn(page, "someone-else@herald.test", "wrong-guess-x");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await signIn(page, email, PASSWORD);
  await expect(page.locator("form").getByRole("alert")).toContainText(/Too many failed sign-ins/);
  // The owner, from an address with no recent failures, gets in.
  await as(page, "203.0.113.152");
  await signIn(page, email, PASSWORD);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await ctx.close();
});

test("the address comes from the socket and the trusted proxy's entry, never from what the client claims", async ({ browser }) => {
  const email = `where-${Date.now().toString(36)}@herald.test`;
  herald(["user", "create", "--email", email, "--role", "author", "--name", "Wendy Where"], PASSWORD + "\n");
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  // A client trying to pose as the socket address, and to plant an address before the proxy's.
  await as(page, "10.66.66.66, 198.51.100.23", { "x-herald-peer-address": "10.77.77.77", "x-real-ip": "10.88.88.88" });
  await signIn(page, email, PASSWORD);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await as(page, null);
  await page.goto("/account");
  const row = page.getByTestId("session-row");
  await expect(row).toContainText("198.51.100.23");
  await expect(row).not.toContainText(/10\.(66|77|88)\./);
  await ctx.close();
});
