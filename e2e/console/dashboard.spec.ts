// The dashboard's chart (ranges, a table of the same numbers, readable at 390 px) and the
// warning about AEM defaults that break real mail, with its one-click path to the field.
import { test, expect } from "../fixtures/test";
import { herald } from "../fixtures/env";
import { EMAIL_CHANNEL, importConfig, pointMailServiceAt } from "../sending/helpers";
import { startTestSmtpServer } from "../../lib/testing/smtp";

const WORKFLOW = "com.day.cq.workflow.impl.email.EMailNotificationService";

// Several page loads each; on a machine shared with other suites a page can take seconds.
test.describe.configure({ timeout: 240_000 });

test("the chart: 1 h / 24 h / 7 d with buckets that fit, a table of the same numbers, no tab stop in the picture", async ({ adminPage: page, request }) => {
  // Something to count: one message accepted now.
  const { key } = JSON.parse(herald(["apikey", "create", "--name", "chart", "--scopes", "send", "--json"])) as { key: string };
  expect((await request.post("/api/v1/mail", { headers: { authorization: `Bearer ${key}` }, data: { to: "chart@example.com", subject: "Chart", text: "x" } })).status()).toBe(202);

  const chart = page.getByTestId("activity-chart");
  for (const [range, rows, first] of [
    ["1h", 12, /^\d\d:\d[05]$/],
    ["24h", 24, /^\d\d:00$/],
    ["7d", 7, /^[A-Z][a-z]{2} \d{1,2}$/],
  ] as const) {
    await page.goto(`/?range=${range}`);
    await expect(chart).toHaveAttribute("data-range", range);
    await expect(page.getByRole("navigation", { name: "Chart range" }).locator('[aria-current="true"]')).toHaveCount(1);
    await page.getByRole("button", { name: "Table" }).click();
    const table = page.getByTestId("chart-table");
    await expect(table).toBeVisible();
    await expect(table.locator("tbody tr")).toHaveCount(rows);
    await expect(table.locator("tbody tr th").first()).toHaveText(first);
    // The message just accepted is in the last bucket of every range.
    await expect(table.locator("tbody tr").last().locator("td").first()).not.toHaveText("0");
    await page.getByRole("button", { name: "Chart" }).click();
    await expect(page.getByTestId("chart-picture").locator(".recharts-cartesian-grid")).toBeVisible();
  }
  // Nothing focusable inside the aria-hidden picture.
  expect(await page.getByTestId("chart-picture").locator("[tabindex]:not([tabindex='-1']), a, button").count()).toBe(0);

  // 390 px: the axis labels do not overlap.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const range of ["1h", "24h", "7d"]) {
    await page.goto(`/?range=${range}`);
    const ticks = page.getByTestId("chart-picture").locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value");
    await expect(ticks.first()).toBeVisible();
    const boxes = (await ticks.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((b) => ({ left: b.left, right: b.right })))).sort((a, b) => a.left - b.left);
    expect(boxes.length).toBeGreaterThan(1);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.left, `${range}: tick ${i} overlaps the one before`).toBeGreaterThanOrEqual(boxes[i - 1]!.right);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
});

test("AEM defaults that break real mail: pointed at once a real SMTP server is configured, one click to the field", async ({ adminPage: page }) => {
  // AEM's defaults everywhere (an import leaves keys it omits at their defaults, as AEM does).
  importConfig(EMAIL_CHANNEL, { "email.from": "no-reply@acme.com" });
  importConfig(WORKFLOW, { "from.address": "workflow-process-service@acme.com", "host.prefix": "http://localhost:4502" });
  // (Without a real server there is no warning: lib/config/risky-defaults.test.ts — a saved Mail
  // Service cannot be emptied again from here.)
  const smtp = await startTestSmtpServer();
  try {
    pointMailServiceAt(smtp.port);
    await page.goto("/");
    const items = page.getByTestId("risky-default");
    await expect(items).toHaveCount(3);
    await expect(page.getByTestId("risky-defaults")).toContainText("no-reply@acme.com");
    await expect(page.getByTestId("risky-defaults")).toContainText("workflow-process-service@acme.com");
    await expect(page.getByTestId("risky-defaults")).toContainText("http://localhost:4502");

    // The configuration list says it too, per service.
    await page.goto("/configuration");
    await expect(page.getByTestId("risky-default")).toHaveCount(3);
    await expect(page.getByRole("link", { name: "email.from: AEM default" })).toBeVisible();

    // One click lands in the field, focused; saving a real address removes the warning.
    await page.goto("/");
    await items.filter({ hasText: "email.from" }).getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/configuration/${EMAIL_CHANNEL}#f-email-from$`));
    const field = page.locator("#f-email-from");
    await expect(field).toBeFocused();
    await field.fill("Herald <notify@example.org>");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText(/Saved as version \d+/)).toBeVisible();
    await page.goto("/");
    await expect(page.getByTestId("risky-default")).toHaveCount(2);
    await expect(page.getByTestId("risky-defaults")).not.toContainText("no-reply@acme.com");
  } finally {
    await smtp.stop();
  }
});
