// At 390 px (a phone) no console page is wider than the screen: content wraps or scrolls inside
// its own box. Every page (discovered: see e2e/fixtures/console-pages.ts), as an admin and as an
// author.
import { test, expect } from "../fixtures/test";
import type { Page } from "@playwright/test";
import { discoverConsolePages } from "../fixtures/console-pages";
import { seedForSweep } from "../fixtures/seed-pages";

test.describe.configure({ timeout: 600_000 });

async function sweep(page: Page, role: "admin" | "author") {
  const pages = await discoverConsolePages(page, role);
  await page.setViewportSize({ width: 390, height: 844 });
  const wide: string[] = [];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator("main h1").first()).toBeVisible();
    const r = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      // The widest element that sticks out, to name it in the failure.
      let worst = "";
      let right = w;
      for (const el of document.querySelectorAll("body *")) {
        const b = el.getBoundingClientRect();
        // Content inside a box that scrolls or clips sideways (the navigation, wide tables) is not the culprit.
        let clipped = false;
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          if (getComputedStyle(a).overflowX !== "visible") {
            clipped = true;
            break;
          }
        }
        if (b.width && b.right > right + 1 && !clipped && getComputedStyle(el).position !== "fixed") {
          right = b.right;
          worst = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${[...el.classList].slice(0, 4).join(".")} "${(el.textContent ?? "").trim().slice(0, 50)}"`;
        }
      }
      return { scrollWidth: document.documentElement.scrollWidth, width: w, worst, right };
    });
    if (r.scrollWidth > r.width) wide.push(`${path}: page is ${r.scrollWidth} px wide (widest: ${r.worst} to ${Math.round(r.right)} px)`);
  }
  expect(wide, wide.join("\n")).toEqual([]);
}

test("390 px: no page scrolls sideways, as an admin", async ({ adminPage, request }) => {
  await seedForSweep(request);
  await sweep(adminPage, "admin");
});

test("390 px: no page scrolls sideways, as an author", async ({ authorPage }) => {
  await sweep(authorPage, "author");
});

test("390 px: the template editor's long path wraps", async ({ adminPage: page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/templates/workflow/ja");
  const path = page.getByText("/libs/settings/workflow/notification/email/default/ja.txt");
  await expect(path).toBeVisible();
  const box = (await path.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
