// Recipients' names labelled as AEM's profile does (given name / family
// name) and shown in the order of their language; CSV export with a UTF-8 BOM for Excel.
import { test, expect } from "../fixtures/test";
import { herald } from "../fixtures/env";

test.beforeAll(() => {
  herald(
    ["recipients", "import", "-"],
    [
      "id,email,name,familyName,language,subscriptions",
      "minjun,minjun@example.kr,민준,김,ko,",
      "minjun2,minjun2@example.kr,김민준,김,ko,",
      "taro,taro@example.jp,太郎,田中,ja,",
      "ana-g,ana.garcia@example.es,Ana García,García,es,",
      "olga,olga@example.de,Olga,Schmidt,de,",
    ].join("\r\n"),
  );
});

test("names are shown the way the recipient's language writes them, never repeating the family name", async ({ adminPage: page }) => {
  await page.goto("/recipients?q=example.kr");
  const rows = page.getByTestId("recipient-row");
  await expect(rows.filter({ hasText: "minjun@example.kr" }).getByRole("link")).toHaveText("김민준");
  await expect(rows.filter({ hasText: "minjun2@example.kr" }).getByRole("link")).toHaveText("김민준");
  await page.goto("/recipients?q=taro");
  await expect(page.getByTestId("recipient-row").getByRole("link")).toHaveText("田中太郎");
  await page.goto("/recipients?q=ana.garcia");
  await expect(page.getByTestId("recipient-row").getByRole("link")).toHaveText("Ana García");
  await page.goto("/recipients?q=olga");
  await expect(page.getByTestId("recipient-row").getByRole("link")).toHaveText("Olga Schmidt");
  await page.getByTestId("recipient-row").getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Olga Schmidt" })).toBeVisible();
  // Labelled as AEM's profile: given name and family name.
  await expect(page.getByLabel("Given name", { exact: true })).toHaveValue("Olga");
  await expect(page.getByLabel("Family name", { exact: true })).toHaveValue("Schmidt");
});

test("the CSV export for Excel starts with a UTF-8 byte order mark; the plain one does not; both import back", async ({ adminPage: page }) => {
  await page.goto("/recipients");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV for Excel" }).click()]);
  const bytes = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks as Buffer[]));
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  expect(text.split("\r\n")[0]).toBe("id,email,name,familyName,language,subscriptions,plainTextOnly");
  expect(text).toContain("minjun,minjun@example.kr,민준,김,ko,");
  expect(text).toContain("taro,taro@example.jp,太郎,田中,ja,");

  const plain = await page.request.get("/recipients/export.csv");
  expect([...(await plain.body()).subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);

  // The BOM file imports back as it is (nothing changes).
  const report = JSON.parse(herald(["recipients", "import", "-", "--dry-run", "--json"], bytes.toString("utf8")));
  expect(report.counts.created).toBe(0);
  expect(report.counts.rejected).toBe(0);
  expect(report.counts.unchanged).toBeGreaterThanOrEqual(5);
});
