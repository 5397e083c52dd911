// Alerts in the console: the Herald Alert Service is configured through its generated form (the
// webhook URL is a secret), a message goes dead at a real SMTP server, the console's own
// evaluator opens the incident, the banner shows it on every page for admins (not for authors)
// with a link to where it is fixed, and the webhook receiver on loopback gets exactly one alert.
// (In e2e/ops, so that it runs after e2e/config, whose history test counts the Mail Service's
// versions from the first save.)
import { test, expect } from "../fixtures/test";
import { databaseText } from "../fixtures/database";
import { startTestSmtpServer, type TestSmtpServer } from "../../lib/testing/smtp";
import { startWebhookReceiver, type WebhookReceiver } from "../../lib/alerts/testing";
import { bearer, createKey, messageStatus, pointMailServiceAt } from "../sending/helpers";

test.describe.configure({ mode: "serial" });

const PID = "com.herald.alerts.AlertService";
let smtp: TestSmtpServer;
let receiver: WebhookReceiver;
let key: string;

test.beforeAll(async () => {
  smtp = await startTestSmtpServer({ rejectRecipients: (a) => (a.startsWith("bounce") ? `550 5.1.1 <${a}>: User unknown` : null) });
  receiver = await startWebhookReceiver("/hook/T000/B000/s3cr3t-webhook-token");
  pointMailServiceAt(smtp.port);
  key = createKey("e2e alerts", "send");
});
test.afterAll(async () => {
  await smtp?.stop();
  await receiver?.stop();
});

test("the alert service is configured through its form; a bad webhook URL is named", async ({ adminPage: page }) => {
  await page.goto("/configuration");
  await page.getByRole("link", { name: "Herald Alert Service", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/configuration/${PID}$`));
  // A secret: "Set" opens its input.
  await page.getByRole("button", { name: "Set", exact: true }).click();
  await page.getByLabel("Webhook URLs").fill("https://hooks.example.com/a hooks.example.com/b");
  await page.getByRole("button", { name: "Save" }).click();
  // Named beside the field (and in the form's error summary above it).
  await expect(page.locator("#f-webhook-urls-error")).toContainText("Webhook URLs (URL 2) must be an absolute URL starting with http:// or https://");
  await page.getByLabel("Webhook URLs").fill(receiver.url);
  await page.getByLabel("Stalled after").fill("30");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/Saved as version/)).toBeVisible();
  // The URL is a secret: shown as "set" only, never sent back to the browser, not stored in clear.
  await page.reload();
  await expect(page.getByRole("button", { name: "Replace", exact: true })).toBeVisible();
  expect(await page.content()).not.toContain("s3cr3t-webhook-token");
  expect(databaseText()).not.toContain("s3cr3t-webhook-token");
});

test("a dead message: one alert to the webhook, and a banner on every admin page linking to the Outbox", async ({ adminPage: page, authorPage, request }) => {
  const r = await request.post("/api/v1/mail", { headers: bearer(key), data: { to: "bounce@example.com", subject: "Alert me", text: "x" } });
  expect(r.status()).toBe(202);
  const id = ((await r.json()) as { messages: { id: string }[] }).messages[0]!.id;
  await expect.poll(async () => (await messageStatus(request, key, id)).status, { timeout: 15_000 }).toBe("dead");

  // The console evaluates every HERALD_ALERTS_CHECK_SECONDS (15 s by default).
  await expect.poll(() => receiver.bodies.filter((b) => b.condition === "messages-dead").length, { timeout: 45_000 }).toBe(1);
  expect(receiver.bodies[0]).toMatchObject({ source: "herald", event: "opened", condition: "messages-dead", title: "Messages went dead" });

  for (const path of ["/", "/templates", "/users"]) {
    await page.goto(path);
    const banner = page.getByRole("region", { name: "Open alerts" });
    await expect(banner).toContainText("Messages went dead");
    await expect(banner).toContainText("1 message went dead");
  }
  await page.getByRole("region", { name: "Open alerts" }).getByRole("link", { name: "Fix it" }).click();
  await expect(page).toHaveURL(/\/outbox\?status=dead$/);
  await expect(page.getByTestId("outbox-row").filter({ hasText: "bounce@example.com" })).toBeVisible();

  // Template authors do not see it.
  await authorPage.goto("/templates");
  await expect(authorPage.getByRole("heading", { name: "Templates" })).toBeVisible();
  await expect(authorPage.getByRole("region", { name: "Open alerts" })).toHaveCount(0);

  // Once per incident: the evaluations that ran meanwhile sent nothing more.
  expect(receiver.bodies.filter((b) => b.condition === "messages-dead")).toHaveLength(1);
});
