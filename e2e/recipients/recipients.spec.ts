// The Recipients pages: add, edit and remove a recipient in the console, the errors named beside
// their fields, the search, and the CSV export. Each test uses ids of its own (the e2e run shares
// one database with every other spec), and looks for its own rows, never for totals.
import type { Page } from "@playwright/test";
import { test, expect } from "../fixtures/test";

const uniqueId = () => `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Fills the new-recipient form (which opens with one empty page subscription: removed here) and creates the recipient. */
async function addRecipient(page: Page, r: { id: string; email: string; name: string; familyName?: string; language: string }) {
  await page.goto("/recipients/new");
  await page.getByRole("button", { name: "Remove subscription 1" }).click();
  await page.getByLabel("ID", { exact: true }).fill(r.id);
  await page.getByLabel("Email", { exact: true }).fill(r.email);
  await page.getByLabel("Given name", { exact: true }).fill(r.name);
  if (r.familyName) await page.getByLabel("Family name", { exact: true }).fill(r.familyName);
  await page.getByLabel("Language").fill(r.language);
  await page.getByRole("button", { name: "Create recipient" }).click();
  await expect(page.getByText("Recipient created.")).toBeVisible();
}

test("add a recipient: each bad field is named beside it; a taken id or address is refused by name", async ({ adminPage: page }) => {
  const u = uniqueId();
  await page.goto("/recipients");
  await page.getByRole("link", { name: "Add recipient" }).click();
  await expect(page).toHaveURL(/\/recipients\/new$/);
  await page.getByRole("button", { name: "Remove subscription 1" }).click();
  await page.getByLabel("ID", { exact: true }).fill(`ana-${u}`);
  await page.getByLabel("Email", { exact: true }).fill("not-an-email");
  await page.getByLabel("Given name", { exact: true }).fill("Ana");
  await page.getByLabel("Language").fill("xx");
  await page.getByRole("button", { name: "Create recipient" }).click();
  await expect(page.locator("#r-email-error")).toContainText("is not a valid email address");
  await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#r-language-error")).toContainText('"xx" is not an ISO 639-1 language code');
  await expect(page.locator("#r-id-error")).toHaveCount(0);

  await page.getByLabel("Email", { exact: true }).fill(`ana-${u}@example.com`);
  await page.getByLabel("Language").fill("pt-BR");
  await page.getByLabel("Family name", { exact: true }).fill("Silva");
  await page.getByRole("button", { name: "Create recipient" }).click();
  await expect(page.getByText("Recipient created.")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/recipients/ana-${u}\\?created=1$`));
  await expect(page.getByLabel("Language")).toHaveValue("pt");

  // The same id again, then another id with the same address: the server names the field.
  await page.goto("/recipients/new");
  await page.getByRole("button", { name: "Remove subscription 1" }).click();
  await page.getByLabel("ID", { exact: true }).fill(`ana-${u}`);
  await page.getByLabel("Email", { exact: true }).fill(`other-${u}@example.com`);
  await page.getByLabel("Given name", { exact: true }).fill("Ana");
  await page.getByLabel("Language").fill("en");
  await page.getByRole("button", { name: "Create recipient" }).click();
  await expect(page.locator("#r-id-error")).toHaveText("is already taken");
  await page.getByLabel("ID", { exact: true }).fill(`ana2-${u}`);
  await page.getByLabel("Email", { exact: true }).fill(`ana-${u}@example.com`);
  await page.getByRole("button", { name: "Create recipient" }).click();
  await expect(page.locator("#r-email-error")).toHaveText(`already belongs to recipient "ana-${u}"`);
});

test("edit a recipient: the change is saved and listed; saving it again changes nothing", async ({ adminPage: page }) => {
  const u = uniqueId();
  await addRecipient(page, { id: `dirk-${u}`, email: `dirk-${u}@example.com`, name: "Dirk", language: "de" });

  // ID cannot be changed once created.
  await expect(page.getByLabel("ID", { exact: true })).toHaveAttribute("readonly", "");
  await page.getByLabel("Given name", { exact: true }).fill("Dietrich");
  await page.getByRole("button", { name: "Add page subscription" }).click();
  await page.getByLabel("Path", { exact: true }).fill(`content/${u}`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#s-0-path-error")).toContainText('must start with "/"');
  await page.getByLabel("Path", { exact: true }).fill(`/content/${u}`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Nothing changed.")).toBeVisible();

  await page.goto(`/recipients?q=dirk-${u}`);
  const row = page.getByTestId("recipient-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Dietrich");
  await expect(row).toContainText(`page:/content/${u}`);
});

test("search by id, address or name; no match says so; the list links to each recipient", async ({ adminPage: page }) => {
  const u = uniqueId();
  for (const [id, name] of [[`kim-${u}`, "Minjun"], [`lee-${u}`, "Seoyeon"]] as const) {
    await addRecipient(page, { id, email: `${id}@example.com`, name, language: "ko" });
  }

  await page.goto("/recipients");
  await page.getByLabel("Search recipients").fill(u);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${u}`));
  await expect(page.getByTestId("recipient-row")).toHaveCount(2);
  await expect(page.getByText("Page 1 of 1 · 2 recipients")).toBeVisible();

  await page.getByLabel("Search recipients").fill(`Seoyeon`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("recipient-row").filter({ hasText: `lee-${u}@example.com` })).toHaveCount(1);
  await expect(page.getByTestId("recipient-row").filter({ hasText: `kim-${u}@example.com` })).toHaveCount(0);

  await page.goto(`/recipients?q=nobody-${u}`);
  await expect(page.getByTestId("recipient-row")).toHaveCount(0);
  await expect(page.getByText(`No recipient matches “nobody-${u}”.`)).toBeVisible();

  await page.goto(`/recipients?q=kim-${u}`);
  await page.getByTestId("recipient-row").getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/recipients/kim-${u}$`));
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(`kim-${u}@example.com`);
});

test("remove a recipient after confirming; cancelling the confirmation keeps them", async ({ adminPage: page }) => {
  const u = uniqueId();
  await addRecipient(page, { id: `gone-${u}`, email: `gone-${u}@example.com`, name: "Gone", language: "en" });

  page.once("dialog", (d) => {
    expect(d.message()).toBe(`Remove recipient gone-${u} and their subscriptions?`);
    void d.dismiss();
  });
  await page.getByRole("button", { name: "Remove recipient" }).click();
  await expect(page).toHaveURL(new RegExp(`/recipients/gone-${u}`));

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Remove recipient" }).click();
  await expect(page).toHaveURL(/\/recipients$/);
  await page.goto(`/recipients?q=gone-${u}`);
  await expect(page.getByTestId("recipient-row")).toHaveCount(0);
  expect((await page.goto(`/recipients/gone-${u}`))?.status()).toBe(404);
});

test("CSV export: the directory as CSV for admins (with a byte order mark for Excel on request); refused without a session", async ({ adminPage: page, request }) => {
  const u = uniqueId();
  await addRecipient(page, { id: `tanaka-${u}`, email: `tanaka-${u}@example.com`, name: "太郎", familyName: "田中", language: "ja" });

  await page.goto("/recipients");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV", exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^herald-recipients-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = (await (await file.createReadStream()).toArray()).map((b: Buffer) => b.toString("utf8")).join("");
  expect(text.startsWith("id,email,name,familyName,language,subscriptions,plainTextOnly\r\n")).toBe(true);
  expect(text).toContain(`tanaka-${u},tanaka-${u}@example.com,太郎,田中,ja,,false\r\n`);

  const excel = await page.request.get("/recipients/export.csv?bom=1");
  expect(excel.status()).toBe(200);
  expect(excel.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(excel.headers()["content-disposition"]).toMatch(/-excel\.csv"$/);
  expect((await excel.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

  const anonymous = await request.get("/recipients/export.csv", { maxRedirects: 0 });
  expect(anonymous.status()).not.toBe(200);
  expect(await anonymous.text()).not.toContain(`tanaka-${u}`);
});
