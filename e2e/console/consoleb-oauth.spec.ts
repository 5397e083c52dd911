// The OAuth page's Custom preset starts from the current values, a disabled
// Disconnect looks disabled, and the OAuth2 provider form quotes the presets' URLs and scopes.
// Nothing is saved here (the OAuth spec starts from an unconfigured provider).
import { test, expect } from "../fixtures/test";
import { herald } from "../fixtures/env";
import { GOOGLE, PRESET_SCOPES, presetValues } from "../../lib/oauth/presets";

test("Custom keeps the URLs, scopes and SMTP server the form holds instead of blanking them", async ({ adminPage: page }) => {
  await page.goto("/configuration/oauth");
  const form = page.getByTestId("preset-form");
  await form.getByLabel("Google (Gmail / Workspace)").check();
  await form.getByText("Endpoints, scopes and SMTP server").click();
  await expect(form.getByLabel("Authorization URL")).toHaveValue(GOOGLE.authUrl);

  await form.getByLabel("Custom").check();
  await expect(form.getByLabel("Authorization URL")).toHaveValue(GOOGLE.authUrl);
  await expect(form.getByLabel("Token URL", { exact: true })).toHaveValue(GOOGLE.tokenUrl);
  await expect(form.getByLabel("Scopes (one per line)")).toHaveValue(presetValues("google").scopes.join("\n"));
  await expect(form.getByLabel("SMTP host")).toHaveValue(GOOGLE.smtpHost);
  await expect(form.getByLabel("SMTP port")).toHaveValue("587");
  // Editable from there.
  await form.getByLabel("SMTP host").fill("smtp.example.com");
  await expect(form.getByLabel("SMTP host")).toHaveValue("smtp.example.com");
});

test("Custom picked first starts from the saved Mail Service host", async ({ adminPage: page }) => {
  const savedHost = JSON.parse(herald(["config", "export", "com.day.cq.mailer.DefaultMailService"]))["smtp.host"] as string;
  await page.goto("/configuration/oauth");
  const form = page.getByTestId("preset-form");
  await form.getByLabel("Custom").check();
  await expect(form.getByLabel("SMTP host")).toHaveValue(savedHost);
});

test("the disabled Disconnect button looks disabled (grey, not faded red)", async ({ adminPage: page }) => {
  await page.goto("/configuration/oauth");
  const button = page.getByRole("button", { name: "Disconnect" });
  await expect(button).toBeDisabled();
  const look = await button.evaluate((el) => {
    const cs = getComputedStyle(el);
    // Resolve whatever color syntax the browser reports into sRGB through a canvas.
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.fillStyle = cs.backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return { r: r!, g: g!, b: b!, opacity: Number(cs.opacity) };
  });
  // A grey: no channel far from the others (red-600 at half opacity is r≫g).
  expect(Math.max(look.r, look.g, look.b) - Math.min(look.r, look.g, look.b), JSON.stringify(look)).toBeLessThan(40);
  expect(look.opacity).toBe(1);
});

test("the OAuth2 provider form's help quotes the presets' URLs and scopes", async ({ adminPage: page }) => {
  await page.goto("/configuration/com.day.cq.mailer.oauth.impl.OAuthConfigurationProviderImpl");
  const body = page.locator("main");
  await expect(body).toContainText(GOOGLE.authUrl);
  await expect(body).toContainText(GOOGLE.tokenUrl);
  await expect(body).toContainText("https://login.microsoftonline.com/<tenant>/oauth2/v2.0/authorize");
  for (const scope of [...PRESET_SCOPES.google, ...PRESET_SCOPES.microsoft]) await expect(body).toContainText(scope);
  await expect(body).not.toContainText("accounts.google.com/o/oauth2/auth");
  await expect(body).not.toContainText("outlook.office365.com/Mail.Read");
});
