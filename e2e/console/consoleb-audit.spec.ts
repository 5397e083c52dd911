// The audit page shows each change as "field: old → new", secrets only as
// set/changed, never their value, and nothing cut off.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test, expect } from "../fixtures/test";
import { herald } from "../fixtures/env";

function importFile(name: string, values: Record<string, unknown>) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "herald-audit-")), name);
  fs.writeFileSync(file, JSON.stringify(values));
  herald(["config", "import", file]);
}

test("configuration changes read as field: old → new; a secret only as set or changed", async ({ adminPage: page }) => {
  const dam = "com.day.cq.dam.core.impl.servlet.ResourceCollectionServlet.cfg.json";
  importFile(dam, { "send.email": false });
  importFile(dam, { "send.email": true });
  const secret = `audit-secret-${Date.now()}`;
  importFile("com.day.cq.mailer.oauth.impl.OAuthConfigurationProviderImpl.cfg.json", { clientId: "audit-client", clientSecret: secret });

  await page.goto("/audit?action=config");
  const rows = page.locator("tbody tr");
  const oauthRow = rows.filter({ hasText: "OAuthConfigurationProviderImpl" }).first();
  await expect(oauthRow.getByTestId("audit-detail")).toContainText(/clientSecret: (set|changed)/);
  await expect(oauthRow.getByTestId("audit-detail")).toContainText("clientId:");
  const damRow = rows.filter({ hasText: "ResourceCollectionServlet" }).first();
  const detail = damRow.getByTestId("audit-detail");
  await expect(detail).toContainText("send.email: off → on");
  await expect(detail).toContainText("Imported from");
  // Not raw JSON, and the whole text is visible (not truncated with an ellipsis).
  await expect(detail).not.toContainText('{"');
  expect(await detail.evaluate((el) => getComputedStyle(el).textOverflow)).not.toBe("ellipsis");
  expect(await page.content()).not.toContain(secret);
});
