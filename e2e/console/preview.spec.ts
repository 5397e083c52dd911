// The editor's preview shows what the recipient gets: ${host.prefix} and the sender come from the
// saved configuration (marked as such, not sample data), in the preview and in "Send preview to
// me"; and an author can open the preview they sent to themselves — that one message — although
// the Mailbox page stays closed to them.
import { test, expect } from "../fixtures/test";
import { AUTHOR, ADMIN } from "../fixtures/env";
import { importConfig } from "../sending/helpers";
import { startTestSmtpServer } from "../../lib/testing/smtp";
import { builtInMailboxPort } from "./helpers";

const WORKFLOW = "com.day.cq.workflow.impl.email.EMailNotificationService";
const MAIL = "com.day.cq.mailer.DefaultMailService";

// Several page loads each; on a machine shared with other suites a page can take seconds.
test.describe.configure({ timeout: 240_000 });

test.afterAll(() => {
  importConfig(WORKFLOW, { "from.address": "workflow@example.org", "host.prefix": "http://localhost:4502" });
});

test("host.prefix and the sender come from the saved configuration, in the preview and in the mail sent", async ({ authorPage: page }) => {
  importConfig(WORKFLOW, { "from.address": "Workflow <workflow@aem.example.test>", "host.prefix": "https://aem.example.test" });
  const smtp = await startTestSmtpServer();
  try {
    importConfig(MAIL, { "smtp.host": "127.0.0.1", "smtp.port": smtp.port, "from.address": "herald@example.com" });
    await page.goto("/templates/workflow/en");
    const configured = page.getByTestId("preview-configured");
    await expect(configured).toHaveAttribute("data-name", "host.prefix");
    await expect(configured).toContainText("https://aem.example.test");
    await expect(configured).toContainText("from the configuration: Day CQ Workflow Email Notification Service · host.prefix");
    await expect(page.getByTestId("preview-from")).toContainText("workflow@aem.example.test");
    await expect(page.getByTestId("preview-from")).toContainText("from the configuration");
    const body = page.getByTestId("preview-body");
    await expect(body).toContainText("https://aem.example.test/aem/inbox");
    await expect(body).not.toContainText("localhost:4502");

    // Not sample data: not in the JSON, and a value put there is not used (and said so).
    const sample = page.getByLabel("Sample data (JSON)");
    expect(await sample.inputValue()).not.toContain("host.prefix");
    const json = JSON.parse(await sample.inputValue()) as Record<string, string>;
    await sample.fill(JSON.stringify({ ...json, "host.prefix": "http://evil.example" }, null, 2));
    await expect(page.getByTestId("sample-ignored")).toContainText("${host.prefix} comes from the configuration");
    await expect(body).not.toContainText("evil.example");

    await page.getByRole("button", { name: "Send preview to me" }).click();
    await expect(page.getByText(`Preview sent to ${AUTHOR.email}`)).toBeVisible({ timeout: 20_000 });
    // The preview, not mail the outbox had waiting and now delivers to this server too.
    await expect.poll(() => smtp.messages.some((m) => m.to.includes(AUTHOR.email)), { timeout: 15_000 }).toBe(true);
    const mail = smtp.messages.find((m) => m.to.includes(AUTHOR.email))!;
    expect(mail.parsed.text).toContain("https://aem.example.test/aem/inbox");
    expect(mail.parsed.text).not.toContain("evil.example");
    expect(mail.parsed.text).not.toContain("localhost:4502");
    expect(mail.from).toContain("workflow@aem.example.test");
  } finally {
    await smtp.stop();
  }
});

test("an author opens the preview they sent to themselves, and nothing else of the mailbox", async ({ adminPage, authorPage: page }) => {
  const port = await builtInMailboxPort(adminPage);
  importConfig(MAIL, { "smtp.host": "127.0.0.1", "smtp.port": port, "from.address": "herald@example.com" });

  // The admin's own preview: not the author's to see.
  await adminPage.goto("/templates/page/en");
  await adminPage.getByRole("button", { name: "Send preview to me" }).click();
  const adminLink = adminPage.getByTestId("sent-preview-link");
  await expect(adminLink).toBeVisible({ timeout: 20_000 });
  const adminHref = (await adminLink.getAttribute("href"))!;

  await page.goto("/templates/page/en");
  await page.getByRole("button", { name: "Send preview to me" }).click();
  await expect(page.getByText(`Preview sent to ${AUTHOR.email}`)).toBeVisible({ timeout: 20_000 });
  const link = page.getByTestId("sent-preview-link");
  await expect(link).toHaveText(/^Open the sent preview \(#\d+\)$/);
  await link.click();
  await expect(page.getByRole("heading", { name: /^Sent preview #\d+$/ })).toBeVisible();
  await expect(page.getByTestId("mail-to")).toContainText(AUTHOR.email);
  await expect(page.getByTestId("mail-text")).toContainText("The event affected the following pages");
  // No way into the rest of the mailbox.
  await expect(page.getByRole("link", { name: "Download source (.eml)" })).toHaveCount(0);
  expect((await page.request.get("/mailbox")).status()).toBe(403);
  expect((await page.request.get(adminHref)).status()).toBe(404);
  const id = Number(/(\d+)$/.exec(page.url())![1]);
  expect((await page.request.get(`/mailbox/${id}/raw`)).status()).toBe(403);
  // The admin may open either.
  expect((await adminPage.request.get(adminHref)).status()).toBe(200);
  expect(ADMIN.email).not.toBe(AUTHOR.email);
});
