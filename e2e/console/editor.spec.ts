// The template editor for keyboard and screen-reader users, and on a phone: the lint list shows
// every message in full with pills that keep their shape, the "Diff against default" button only
// names an element that exists, the editor's scroll area is reached and scrolled with the
// keyboard, Tab leaves the editor and Ctrl+S still saves.
import { test, expect } from "../fixtures/test";

// Several page loads each; on a machine shared with other suites a page can take seconds.
test.describe.configure({ timeout: 240_000 });

test("lint messages in full, pills keep their shape (1366 px and 390 px)", async ({ authorPage: page }) => {
  await page.goto("/templates/forum/de");
  await page.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+End");
  // Unknown variables and a key the family does not know: warnings with long messages.
  await page.keyboard.insertText("\nsignature=${no.such.variable.with.a.rather.long.name} ${another.unknown.variable} ${third.unknown}\n");
  const list = page.getByTestId("lint-list");
  await expect(list.locator("li")).not.toHaveCount(0);
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // The list does not scroll: nothing is cut.
    expect(await list.evaluate((el) => el.scrollHeight <= el.clientHeight + 1 && getComputedStyle(el).overflowY !== "auto")).toBe(true);
    for (const msg of await page.getByTestId("lint-message").all()) {
      expect(await msg.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    }
    // Every pill is one line high and as wide as its word needs.
    const pills = await page.getByTestId("lint-severity").evaluateAll((els) => els.map((e) => (e.firstElementChild as HTMLElement).getBoundingClientRect()).map((b) => ({ h: b.height, w: b.width })));
    for (const p of pills) {
      expect(p.h).toBeLessThan(24);
      expect(p.w).toBeGreaterThan(30);
    }
  }
});

test("Diff against default names only an existing element; the scroll area is keyboard-reachable; Tab leaves, Ctrl+S saves", async ({ authorPage: page }) => {
  await page.goto("/templates/page/ja");
  const diff = page.getByRole("button", { name: "Diff against default" });
  await expect(diff).toHaveAttribute("aria-expanded", "false");
  expect(await diff.getAttribute("aria-controls")).toBeNull();
  await diff.click();
  await expect(diff).toHaveAttribute("aria-expanded", "true");
  const controls = (await diff.getAttribute("aria-controls"))!;
  await expect(page.locator(`[id="${controls}"]`)).toBeVisible();

  // Keyboard only: Tab reaches the text, PageDown scrolls the editor's scroll area.
  const content = page.locator(".cm-content");
  await content.evaluate((el) => (el as HTMLElement).blur());
  await page.getByRole("button", { name: "Send preview to me" }).focus();
  for (let i = 0; i < 12 && !(await content.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(content).toBeFocused();
  await expect(content).toHaveAttribute("tabindex", "0");
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.insertText("\n".repeat(60));
  await page.keyboard.press("ControlOrMeta+Home");
  const scroller = page.locator(".cm-scroller");
  await page.keyboard.press("PageDown");
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  // Tab leaves the editor (no trap), Ctrl+S saves from anywhere.
  await page.keyboard.press("Tab");
  await expect(content).not.toBeFocused();
  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("editor-notices")).toContainText("Saved");
  // Leave the template as shipped for the specs after this one.
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Reset to default" }).click();
  await expect(page.getByTestId("editor-notices")).toContainText("Reset to the shipped default");
});
