// The mail log and the outbox link to each other, and a test email's
// transcript stays in the mail log with "Debug email" off.
import { test, expect } from "../fixtures/test";
import { startTestSmtpServer, type TestSmtpServer } from "../../lib/testing/smtp";
import { bearer, createKey, messageStatus, pointMailServiceAt } from "../sending/helpers";

test.describe.configure({ mode: "serial" });

let smtp: TestSmtpServer;

test.beforeAll(async () => {
  smtp = await startTestSmtpServer();
  pointMailServiceAt(smtp.port); // "debug.email": false
});
test.afterAll(async () => smtp?.stop());

test("a test email's transcript is kept in the mail log with Debug email off", async ({ adminPage: page }) => {
  await page.goto("/configuration/com.day.cq.mailer.DefaultMailService");
  await page.getByLabel("Recipient").fill("mail-server-admin@example.com");
  await page.getByRole("button", { name: "Send test email" }).click();
  await expect(page.getByText(/Sent to mail-server-admin@example.com/)).toBeVisible({ timeout: 20_000 });
  await smtp.waitForMessages(1);

  await page.goto("/mail-log");
  const entry = page.getByTestId("mail-log-entry").filter({ hasText: "mail-server-admin@example.com" }).first();
  await entry.locator("summary").click();
  const transcript = entry.getByTestId("transcript");
  await expect(transcript).toContainText("EHLO");
  await expect(transcript).toContainText("250");
  await expect(entry).not.toContainText("Transcript not kept");
});

test("a delivery in the mail log links to its outbox message, and the message back to its sessions", async ({ adminPage: page, request }) => {
  const key = createKey("e2e mail log", "send");
  const r = await request.post("/api/v1/mail", { headers: bearer(key), data: { to: "linked@example.com", subject: "Linked both ways", text: "x" } });
  expect(r.status()).toBe(202);
  const id = (await r.json()).messages[0].id as string;
  await expect.poll(async () => (await messageStatus(request, key, id)).status, { timeout: 20_000 }).toBe("sent");

  await page.goto(`/outbox/${id}`);
  await expect(page.getByTestId("mail-log-link")).toHaveText("1 SMTP session");
  await page.getByTestId("mail-log-link").click();
  await expect(page).toHaveURL(new RegExp(`/mail-log\\?message=${id}$`));
  await expect(page.getByTestId("mail-log-filter")).toContainText(id);
  const entries = page.getByTestId("mail-log-entry");
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("linked@example.com");

  // And back, from the unfiltered log.
  await page.goto("/mail-log");
  const entry = page.getByTestId("mail-log-entry").filter({ hasText: "linked@example.com" }).first();
  await entry.locator("summary").click();
  await entry.getByTestId("outbox-link").click();
  await expect(page).toHaveURL(new RegExp(`/outbox/${id}$`));
  await expect(page.getByRole("heading", { name: "Linked both ways" })).toBeVisible();
});
