import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test, expect } from "../fixtures/test";
import { herald } from "../fixtures/env";

function tempFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-import-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

test("imports a sling:OsgiConfig XML file after showing the change", async ({ adminPage: page }) => {
  const file = tempFile(
    "com.day.cq.wcm.notification.email.impl.EmailChannel.xml",
    `<?xml version="1.0" encoding="UTF-8"?>
<jcr:root xmlns:sling="http://sling.apache.org/jcr/sling/1.0" xmlns:jcr="http://www.jcp.org/jcr/1.0"
    jcr:primaryType="sling:OsgiConfig" email.from="name@server.com"/>`,
  );
  await page.goto("/configuration/import");
  await page.getByLabel("Configuration file").setInputFiles(file);
  await page.getByRole("button", { name: "Preview changes" }).click();
  const plan = page.getByTestId("import-plan");
  await expect(plan).toContainText("no-reply@acme.com → name@server.com");
  await page.getByRole("button", { name: "Apply import" }).click();
  await expect(page.getByText(/com\.day\.cq\.wcm\.notification\.email\.impl\.EmailChannel: saved as version 1/)).toBeVisible();
  await page.goto("/configuration/com.day.cq.wcm.notification.email.impl.EmailChannel");
  await expect(page.getByRole("textbox").first()).toHaveValue("name@server.com");
});

test("imports a .cfg.json, and refuses an invalid one with the reasons, applying nothing", async ({ adminPage: page }) => {
  const good = tempFile(
    "com.day.cq.workflow.impl.email.EMailNotificationService.cfg.json",
    JSON.stringify({ "from.address": "workflow@example.com", "host.prefix": "https://author.example.com", "notify.onabort": false }),
  );
  await page.goto("/configuration/import");
  await page.getByLabel("Configuration file").setInputFiles(good);
  await page.getByRole("button", { name: "Preview changes" }).click();
  await expect(page.getByTestId("import-plan")).toContainText("https://author.example.com");
  await page.getByRole("button", { name: "Apply import" }).click();
  await expect(page.getByText(/EMailNotificationService: saved as version 1/)).toBeVisible();

  const bad = tempFile(
    "com.day.cq.workflow.impl.email.EMailNotificationService.cfg.json",
    JSON.stringify({ "from.address": "not an address", "host.prefix": "https://author.example.com/", "notify.sometimes": true }),
  );
  await page.getByLabel("Configuration file").setInputFiles(bad);
  await page.getByRole("button", { name: "Preview changes" }).click();
  const plan = page.getByTestId("import-plan");
  await expect(page.getByText("cannot be applied")).toBeVisible();
  await expect(plan).toContainText('"notify.sometimes" is not a setting');
  await expect(plan).toContainText(/Host URL prefix must not end with "\/"/);
  await expect(page.getByRole("button", { name: "Apply import" })).toBeDisabled();

  // Exported back: the stored values, as AEM's .cfg.json.
  const res = await page.request.get("/api/config/export?pid=com.day.cq.workflow.impl.email.EMailNotificationService");
  expect(res.status()).toBe(200);
  const json = await res.json();
  expect(json["host.prefix"]).toBe("https://author.example.com");
  expect(json["notify.onabort"]).toBe(false);
});

test("the CLI exports a service and refuses an invalid import with exit code 2", async () => {
  const out = herald(["config", "export", "com.day.cq.workflow.impl.email.EMailNotificationService"]);
  expect(JSON.parse(out)["from.address"]).toBe("workflow@example.com");
  const bad = tempFile("com.day.cq.mailer.DefaultMailService.cfg.json", JSON.stringify({ "smtp.port": 24 }));
  let status = 0;
  let stderr = "";
  try {
    herald(["config", "import", bad]);
  } catch (e) {
    status = (e as { status: number }).status;
    stderr = String((e as { stderr: string }).stderr);
  }
  expect(status).toBe(2);
  expect(stderr).toContain("SMTP server port must be between 25 and 65535.");
});
