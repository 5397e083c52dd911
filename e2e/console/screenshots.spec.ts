// The README's screenshots (the dashboard and the template editor; the dashboard and the Mail Service form in Korean), taken in Chromium. They go to
// test-results/artifacts; with HERALD_DOCS_SHOTS=1 to docs/ (then look at them before committing).
import path from "node:path";
import { test, expect } from "../fixtures/test";
import { herald } from "../fixtures/env";
import { importConfig } from "../sending/helpers";
import { koreanPage } from "../fixtures/korean";

const dir = process.env.HERALD_DOCS_SHOTS === "1" ? "docs" : path.join("test-results", "artifacts");
const WORKFLOW = "com.day.cq.workflow.impl.email.EMailNotificationService";

// Several page loads each; on a machine shared with other suites a page can take seconds.
test.describe.configure({ timeout: 240_000 });

test("screenshots: the dashboard and the template editor", async ({ adminPage: page, request }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
  const { key } = JSON.parse(herald(["apikey", "create", "--name", "screenshots", "--scopes", "send", "--json"])) as { key: string };
  for (let i = 0; i < 5; i++) {
    await request.post("/api/v1/mail", { headers: { authorization: `Bearer ${key}` }, data: { to: `reader${i}@example.com`, subject: `Notification ${i}`, text: "x" } });
  }
  await page.goto("/?range=1h");
  await expect(page.getByTestId("sending-verdict")).toBeVisible();
  await expect(page.getByTestId("chart-picture").locator(".recharts-cartesian-grid")).toBeVisible();
  await page.screenshot({ path: path.join(dir, "dashboard.png") });

  importConfig(WORKFLOW, { "from.address": "Workflow <workflow@example.org>", "host.prefix": "https://aem.example.org" });
  await page.goto("/templates/workflow/en");
  await expect(page.getByTestId("preview-configured")).toContainText("https://aem.example.org");
  await page.screenshot({ path: path.join(dir, "editor.png") });
});

test("screenshots: the dashboard and the Mail Service form in Korean", async ({ browser }) => {
  const { page, ctx } = await koreanPage(browser);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/?range=1h");
  await expect(page.getByRole("heading", { name: "대시보드" })).toBeVisible();
  await expect(page.getByTestId("sending-verdict")).toBeVisible();
  await page.screenshot({ path: path.join(dir, "dashboard-ko.png") });
  await page.goto("/configuration/com.day.cq.mailer.DefaultMailService");
  await expect(page.getByText("Day CQ Mail Service").first()).toBeVisible();
  await page.screenshot({ path: path.join(dir, "configuration-ko.png") });
  await ctx.close();
});
