// axe-core on every console page (discovered: see e2e/fixtures/console-pages.ts), as an admin
// and as an author, in the light and dark themes: no critical or serious violation.
import { test, expect } from "../fixtures/test";
import type { Page } from "@playwright/test";
import { discoverConsolePages } from "../fixtures/console-pages";
import { describeViolations, seriousViolations } from "../fixtures/axe";
import { seedForSweep } from "../fixtures/seed-pages";

// Many pages, each analysed twice: generous, for a loaded machine (nothing here waits a fixed time).
test.describe.configure({ timeout: 900_000 });

async function sweep(page: Page, role: "admin" | "author") {
  const pages = await discoverConsolePages(page, role);
  expect(pages.length).toBeGreaterThan(role === "admin" ? 12 : 2);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of pages) {
      await page.goto(path);
      await expect(page.locator("main h1").first()).toBeVisible();
      const found = describeViolations(`${path} (${scheme})`, await seriousViolations(page));
      // Soft: one run reports every page's violations, not only the first page's.
      expect.soft(found, found.join("\n")).toEqual([]);
    }
  }
}

test("no critical or serious axe violation on any page, as an admin", async ({ adminPage, request }) => {
  await seedForSweep(request);
  await sweep(adminPage, "admin");
});

test("no critical or serious axe violation on any page, as an author", async ({ authorPage }) => {
  await sweep(authorPage, "author");
});
