// The Audit page: a configuration saved in the console and a user invited there appear with who
// did it, what and to what; the action filter; paging, newest first. The e2e run shares one
// database with every other spec: each test looks for the entries it caused (unique names),
// never for totals or for what other specs left.
import { test, expect } from "../fixtures/test";
import { ADMIN } from "../fixtures/env";
import { bearer, createKey } from "../sending/helpers";

const DAM = "com.day.cq.dam.core.impl.servlet.ResourceCollectionServlet";
const uniqueId = () => `a${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("a configuration saved in the console is on record with its actor, target and the change", async ({ adminPage: page }) => {
  await page.goto(`/configuration/${DAM}`);
  const sendEmail = page.getByLabel("Send email");
  const wasOn = await sendEmail.isChecked();
  const change = wasOn ? "send.email: on → off" : "send.email: off → on";
  await sendEmail.setChecked(!wasOn);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/Saved as version \d+: /)).toBeVisible();
  // Leave the switch as it was found (another save, on record too).
  await sendEmail.setChecked(wasOn);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/Saved as version \d+: /)).toBeVisible();

  await page.goto("/audit?action=config");
  await expect(page.getByRole("navigation", { name: "Filter" }).getByRole("link", { name: "config" })).toHaveAttribute("aria-current", "true");
  const rows = page.locator("tbody tr");
  // Newest first: the switch put back, then the change before it.
  const [back, first] = [rows.nth(0), rows.nth(1)];
  for (const row of [back, first]) {
    await expect(row.locator("td").nth(1)).toHaveText(ADMIN.email);
    await expect(row.locator("td").nth(2)).toHaveText("config.save");
    await expect(row.locator("td").nth(3)).toHaveText(DAM);
  }
  await expect(first.getByTestId("audit-detail")).toContainText(change);
  await expect(back.getByTestId("audit-detail")).toContainText(wasOn ? "send.email: off → on" : "send.email: on → off");
});

test("a user invited in the console is on record; the user filter shows user events only", async ({ adminPage: page }) => {
  const email = `audit-${uniqueId()}@herald.test`;
  await page.goto("/users");
  await page.getByLabel("Name").fill("Audit Invitee");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("author");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText(`${email} was created`)).toBeVisible();

  await page.goto("/audit");
  await page.getByRole("navigation", { name: "Filter" }).getByRole("link", { name: "user", exact: true }).click();
  await expect(page).toHaveURL(/[?&]action=user$/);
  const row = page.locator("tbody tr").filter({ hasText: email });
  await expect(row).toHaveCount(1);
  await expect(row.locator("td").nth(1)).toHaveText(ADMIN.email);
  await expect(row.locator("td").nth(2)).toHaveText("user.create");
  await expect(row.getByTestId("audit-detail")).toContainText("author");
  // Only user events under this filter.
  const actions = await page.locator("tbody tr td:nth-child(3)").allInnerTexts();
  expect(actions.length).toBeGreaterThan(0);
  expect(actions.every((a) => a.startsWith("user."))).toBe(true);

  // And under another filter, not at all.
  await page.goto("/audit?action=template");
  await expect(page.locator("tbody tr").filter({ hasText: email })).toHaveCount(0);
});

test("fifty entries a page, newest first; Older and Newer page through them", async ({ adminPage: page, request }) => {
  const u = uniqueId();
  const name = `e2e audit ${u}`;
  const key = createKey(name, "recipients");
  // 51 recipients through the API: 51 entries by this key, the most recent of their kind.
  for (let i = 0; i <= 50; i++) {
    const r = await request.post("/api/v1/recipients", { headers: bearer(key), data: { id: `${u}-${i}`, email: `${u}-${i}@example.com`, name: `N${i}`, language: "en", subscriptions: [] } });
    expect(r.status()).toBe(201);
  }

  await page.goto("/audit?action=recipient");
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(50);
  await expect(page.getByText(/^Page 1 of \d+ · \d+ events/)).toBeVisible();
  await expect(rows.nth(0).locator("td").nth(3)).toHaveText(`${u}-50`);
  await expect(rows.nth(0).locator("td").nth(1)).toHaveText(`api:${name}`);
  await expect(rows.nth(49).locator("td").nth(3)).toHaveText(`${u}-1`);
  await expect(page.getByRole("link", { name: "Newer" })).toHaveCount(0);

  await page.getByRole("link", { name: "Older" }).click();
  await expect(page).toHaveURL(/[?&]page=2&action=recipient$/);
  await expect(page.getByText(/^Page 2 of \d+ · \d+ events/)).toBeVisible();
  await expect(rows.nth(0).locator("td").nth(3)).toHaveText(`${u}-0`);
  await expect(rows.nth(0).locator("td").nth(2)).toHaveText("recipient.create");

  await page.getByRole("link", { name: "Newer" }).click();
  await expect(page.getByText(/^Page 1 of \d+ · \d+ events/)).toBeVisible();
});
