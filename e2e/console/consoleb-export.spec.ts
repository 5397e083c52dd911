// Configuration export as AEM writes it, round-tripped through Herald's own
// import; the import preview names the keys a sling:OsgiConfig file resets to their defaults.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { test, expect } from "../fixtures/test";
import { herald } from "../fixtures/env";
import { pointMailServiceAt } from "../sending/helpers";

const DAM = "com.day.cq.dam.core.impl.servlet.ResourceCollectionServlet";
const MAIL = "com.day.cq.mailer.DefaultMailService";

// A configured Mail Service (its defaults — no host, no sender — are not a valid configuration).
test.beforeAll(() => {
  pointMailServiceAt(2525);
});

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "herald-export-"));
}

test("a service exported as sling:OsgiConfig .xml imports back with no change", async ({ adminPage: page }) => {
  await page.goto("/configuration");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export Day CQ Mail Service as sling:OsgiConfig .xml" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${MAIL}.xml`);
  const file = path.join(tempDir(), download.suggestedFilename());
  await download.saveAs(file);
  const xml = fs.readFileSync(file, "utf8");
  expect(xml).toContain('jcr:primaryType="sling:OsgiConfig"');
  expect(xml).toMatch(/smtp\.port="\{Long\}\d+"/);
  expect(xml).toMatch(/smtp\.starttls="\{Boolean\}(true|false)"/);

  await page.goto("/configuration/import");
  await page.getByLabel("Configuration file").setInputFiles(file);
  await page.getByRole("button", { name: "Preview changes" }).click();
  const plan = page.getByTestId("import-plan");
  await expect(plan).toContainText("Day CQ Mail Service");
  await expect(plan).toContainText("No changes.");
  await expect(page.getByTestId("import-resets")).toHaveCount(0);
});

test("all services exported as an AEM content package: FileVault layout, typed XML, placeholders; imports back with no change", async ({ adminPage: page }) => {
  // A stored secret, to see that it leaves only as a placeholder.
  const dir = tempDir();
  const oauthFile = path.join(dir, "com.day.cq.mailer.oauth.impl.OAuthConfigurationProviderImpl.cfg.json");
  fs.writeFileSync(oauthFile, JSON.stringify({ clientId: "consoleb-client", clientSecret: "consoleb-very-secret-value" }));
  herald(["config", "import", oauthFile]);

  await page.goto("/configuration");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export as AEM package" }).click()]);
  expect(download.suggestedFilename()).toBe("herald-mail-config.zip");
  const zipFile = path.join(dir, download.suggestedFilename());
  await download.saveAs(zipFile);
  const files = unzipSync(new Uint8Array(fs.readFileSync(zipFile)));
  const names = Object.keys(files);
  expect(names).toContain("META-INF/vault/filter.xml");
  expect(names).toContain("META-INF/vault/properties.xml");
  expect(names).toContain(`jcr_root/apps/herald/config/${MAIL}.xml`);
  expect(names.filter((n) => n.endsWith(".cfg.json"))).toEqual([]);
  const configs = names.filter((n) => /^jcr_root\/apps\/herald\/config\/[^/.][^/]*\.xml$/.test(n));
  const text = (n: string) => new TextDecoder().decode(files[n]);
  expect(text("META-INF/vault/filter.xml")).toContain(`<filter root="/apps/herald/config/${MAIL}"/>`);
  expect(text("META-INF/vault/properties.xml")).toContain('<entry key="name">herald-mail-config</entry>');
  const oauthXml = text("jcr_root/apps/herald/config/com.day.cq.mailer.oauth.impl.OAuthConfigurationProviderImpl.xml");
  expect(oauthXml).toContain('clientSecret="$[secret:HERALD_OAUTH_CLIENT_SECRET]"');
  expect(oauthXml).toMatch(/scopes="\[[^"]*\]"/);
  expect(names.map(text).join("\n")).not.toContain("consoleb-very-secret-value");

  // Herald's own import reads the package back: valid, nothing changes, the stored secret is kept.
  await page.goto("/configuration/import");
  await page.getByLabel("Configuration file").setInputFiles(zipFile);
  await page.getByRole("button", { name: "Preview changes" }).click();
  const plan = page.getByTestId("import-plan");
  await expect(page.getByText("valid", { exact: true })).toBeVisible();
  // Every configured service, and only those (a service never configured has no node, as in AEM).
  await expect(plan.locator("section")).toHaveCount(configs.length);
  await expect(plan.locator("section").filter({ hasText: "CQ Mail SMTP OAuth2 Provider" })).toContainText("No changes.");
  await expect(plan).toContainText("the stored secret is kept");
  await expect(page.getByTestId("import-resets")).toHaveCount(0);
});

test("bad export parameters are refused with a message naming the parameter", async ({ adminPage: page }) => {
  const bad = async (query: string) => {
    const r = await page.request.get(`/api/config/export?${query}`);
    return { status: r.status(), body: (await r.json()) as { error: { message: string; fields?: Record<string, string[]> } } };
  };
  const format = await bad(`pid=${MAIL}&format=yaml`);
  expect(format.status).toBe(400);
  expect(format.body.error.message).toContain("format must be one of cfg.json, xml");
  expect(Object.keys(format.body.error.fields ?? {})).toEqual(["format"]);
  const app = await bad("all=1&layout=package&app=../etc");
  expect(app.status).toBe(400);
  expect(app.body.error.message).toContain("app:");
  expect((await bad("pid=com.example.Nope")).status).toBe(404);
  expect((await bad("")).status).toBe(400);
});

test("the CLI exports .xml and a content package, and its own import finds nothing to change", async () => {
  const dir = tempDir();
  const xml = herald(["config", "export", MAIL, "--format", "xml"]);
  expect(xml).toContain('jcr:primaryType="sling:OsgiConfig"');
  const xmlFile = path.join(dir, `${MAIL}.xml`);
  fs.writeFileSync(xmlFile, xml);
  expect(herald(["config", "import", xmlFile, "--dry-run"])).toMatch(/no changes[\s\S]*dry run/);

  const pkg = path.join(dir, "acme.zip");
  herald(["config", "export", "--all", "--package", "--app", "acme", "--out", pkg]);
  const names = Object.keys(unzipSync(new Uint8Array(fs.readFileSync(pkg))));
  expect(names).toContain(`jcr_root/apps/acme/config/${MAIL}.xml`);
  const out = herald(["config", "import", pkg, "--dry-run"]);
  expect(out).not.toMatch(/→/);
  expect(out).toContain("dry run: nothing applied");

  let stderr = "";
  try {
    herald(["config", "export", "--all", "--package", "--app", "../etc", "--out", pkg]);
  } catch (e) {
    stderr = String((e as { stderr: string }).stderr);
  }
  expect(stderr).toContain('cannot be used as an app folder name');
});

test("the import preview says which keys a file leaves out go back to their defaults", async ({ adminPage: page }) => {
  const dir = tempDir();
  const on = path.join(dir, `${DAM}.cfg.json`);
  fs.writeFileSync(on, JSON.stringify({ "send.email": true }));
  herald(["config", "import", on]);

  const omits = path.join(tempDir(), `${DAM}.xml`);
  fs.writeFileSync(
    omits,
    `<?xml version="1.0" encoding="UTF-8"?>
<jcr:root xmlns:sling="http://sling.apache.org/jcr/sling/1.0" xmlns:jcr="http://www.jcp.org/jcr/1.0"
    jcr:primaryType="sling:OsgiConfig"/>`,
  );
  await page.goto("/configuration/import");
  await page.getByLabel("Configuration file").setInputFiles(omits);
  await page.getByRole("button", { name: "Preview changes" }).click();
  await expect(page.getByTestId("import-resets")).toContainText("1 key not in the file goes back to its default: send.email.");
  await expect(page.getByTestId("import-plan")).toContainText("Send email: on → off");
  expect(herald(["config", "import", omits, "--dry-run"])).toContain("1 key not in the file goes back to its default: send.email.");
});
