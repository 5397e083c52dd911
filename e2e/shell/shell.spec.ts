import path from "node:path";
import { test, expect } from "../fixtures/test";

test("the dashboard renders in the light theme (screenshot kept)", async ({ adminPage }) => {
  await adminPage.emulateMedia({ colorScheme: "light" });
  await adminPage.goto("/");
  await expect(adminPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  // Where the data lives, without credentials: the SQLite file, or the PostgreSQL server and schema.
  const database = adminPage.getByTestId("database");
  const url = process.env.DATABASE_URL ?? "";
  if (url.startsWith("postgres")) {
    const u = new URL(url);
    await expect(database).toHaveText(`PostgreSQL · ${u.hostname}:${u.port}${u.pathname} (schema ${u.searchParams.get("schema")})`);
  } else {
    await expect(database).toHaveText(`SQLite · ${url.slice("file:".length)}`);
  }
  const bg = await adminPage.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(luminance(bg)).toBeGreaterThan(0.8);
  await adminPage.screenshot({ path: path.join("test-results", "artifacts", "dashboard.png"), fullPage: true });
});

test("the dark theme follows the system", async ({ adminPage }) => {
  await adminPage.emulateMedia({ colorScheme: "dark" });
  await adminPage.goto("/");
  await expect(adminPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const bg = await adminPage.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const fg = await adminPage.evaluate(() => getComputedStyle(document.querySelector("h1")!).color);
  expect(luminance(bg)).toBeLessThan(0.1);
  expect(luminance(fg)).toBeGreaterThan(0.7);
  await adminPage.screenshot({ path: path.join("test-results", "artifacts", "dashboard-dark.png"), fullPage: true });
});

test("the navigation is usable with the keyboard and on a narrow screen", async ({ adminPage }) => {
  await adminPage.setViewportSize({ width: 390, height: 800 });
  await adminPage.goto("/");
  await adminPage.keyboard.press("Tab");
  await expect(adminPage.getByRole("link", { name: "Skip to content" })).toBeFocused();
  const nav = adminPage.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Users" }).focus();
  await adminPage.keyboard.press("Enter");
  await expect(adminPage.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");
  // Nothing is wider than the screen: the navigation scrolls, the page does not.
  const overflow = await adminPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

/** Relative luminance (0 black … 1 white) of a CSS color: rgb(), rgba() or oklch(). */
function luminance(css: string): number {
  const rgb = css.match(/rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)/);
  if (rgb) return (0.2126 * +rgb[1]! + 0.7152 * +rgb[2]! + 0.0722 * +rgb[3]!) / 255;
  // oklch()/oklab() lightness is 0…1 (or a percentage); CIE lab() lightness is 0…100.
  const ok = css.match(/okl(?:ch|ab)\(([\d.]+)(%?)/);
  if (ok) return ok[2] ? +ok[1]! / 100 : +ok[1]!;
  const lab = css.match(/^lab\(([\d.]+)/);
  if (lab) return +lab[1]! / 100;
  throw new Error(`cannot read color ${css}`);
}
