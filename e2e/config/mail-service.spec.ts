import { test, expect } from "../fixtures/test";
import { databaseText } from "../fixtures/database";
import { startTestSmtpServer, type TestSmtpServer } from "../../lib/testing/smtp";

const PID = "com.day.cq.mailer.DefaultMailService";
const SMTP_PASSWORD = "s3cret-Relay-Pass!";

let smtp: TestSmtpServer;
test.beforeAll(async () => {
  smtp = await startTestSmtpServer({ starttls: true, requireAuth: true, users: { relay: SMTP_PASSWORD } });
});
test.afterAll(async () => smtp?.stop());

test.describe.configure({ mode: "serial" });

test("port 24 is refused with the reason; fixed values are saved and survive a reload", async ({ adminPage: page }) => {
  await page.goto(`/configuration/${PID}`);
  await expect(page.getByRole("button", { name: "Save" })).toBeDisabled();
  await page.getByLabel("SMTP server host name").fill("127.0.0.1");
  await page.getByLabel("SMTP server port").fill("24");
  await page.getByLabel('"From" address').fill("Herald <herald@example.com>");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#f-smtp-port-error")).toHaveText("SMTP server port must be between 25 and 65535.");
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toContainText("SMTP server port must be between 25 and 65535.");

  await page.getByLabel("SMTP server port").fill(String(smtp.port));
  await page.getByLabel("SMTP user").fill("relay");
  await page.getByLabel("Use StartTLS").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/Saved as version \d+: /)).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("SMTP server host name")).toHaveValue("127.0.0.1");
  await expect(page.getByLabel("SMTP server port")).toHaveValue(String(smtp.port));
  await expect(page.getByLabel("Use StartTLS")).toBeChecked();
  await expect(page.getByLabel('"From" address')).toHaveValue("Herald <herald@example.com>");
  await page.goto("/configuration");
  await page.screenshot({ path: "test-results/artifacts/configuration.png", fullPage: true });
});

test("SSL and StartTLS together are refused on the server too", async ({ adminPage: page }) => {
  await page.goto(`/configuration/${PID}`);
  await page.getByLabel("Use SSL").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/cannot both be on/).first()).toBeVisible();
});

test("a password is stored encrypted and never sent back to the browser", async ({ adminPage: page }) => {
  const bodies: string[] = [];
  page.on("response", async (r) => {
    try {
      bodies.push(await r.text());
    } catch {
      /* redirects and aborted requests have no body */
    }
  });
  await page.goto(`/configuration/${PID}`);
  await page.getByRole("button", { name: "Set" }).click();
  await page.getByLabel("SMTP password").fill(SMTP_PASSWORD);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/Saved as version \d+: /)).toBeVisible();
  await page.reload();
  await expect(page.getByText("set", { exact: true })).toBeVisible();
  for (const p of ["/configuration", `/configuration/${PID}`, `/configuration/${PID}/history`, "/audit", "/mail-log"]) {
    const res = await page.goto(p);
    bodies.push((await res?.text()) ?? "");
  }
  const exported = await page.request.get(`/api/config/export?pid=${PID}`);
  bodies.push(await exported.text());
  expect(bodies.length).toBeGreaterThan(5);
  for (const b of bodies) expect(b).not.toContain(SMTP_PASSWORD);
  // Not in clear in the database (the SQLite file and its WAL, or a dump of the PostgreSQL schema).
  const raw = databaseText();
  expect(raw).toContain("127.0.0.1");
  expect(raw).not.toContain(SMTP_PASSWORD);
});

test("a test email over STARTTLS with AUTH arrives and shows the redacted transcript", async ({ adminPage: page }) => {
  await page.goto(`/configuration/${PID}`);
  await page.getByLabel("Recipient").fill("ops@example.com");
  await page.getByRole("button", { name: "Send test email" }).click();
  await expect(page.getByText(/Sent to ops@example.com through 127\.0\.0\.1:\d+/)).toBeVisible({ timeout: 20_000 });
  const transcript = page.getByTestId("transcript");
  await expect(transcript).toContainText("STARTTLS");
  await expect(transcript).toContainText("AUTH");
  await expect(transcript).toContainText("[redacted]");
  await expect(transcript).not.toContainText(SMTP_PASSWORD);
  await page.screenshot({ path: "test-results/artifacts/test-email.png", fullPage: true });
  const [msg] = await smtp.waitForMessages(1);
  expect(msg!.to).toEqual(["ops@example.com"]);
  expect(msg!.authUser).toBe("relay");
  expect(msg!.secure).toBe(true);
  expect(msg!.parsed.subject).toBe("Herald test email");
  expect(msg!.parsed.from?.text).toContain("herald@example.com");
  // The session is in the mail log.
  await page.goto("/mail-log");
  await expect(page.getByTestId("mail-log-entry").first()).toContainText("ops@example.com");
});

test("a wrong password in the form (unsaved) shows 'authentication rejected'", async ({ adminPage: page }) => {
  await page.goto(`/configuration/${PID}`);
  await page.getByRole("button", { name: "Replace" }).click();
  await page.getByLabel("SMTP password").fill("wrong-password");
  await page.getByRole("button", { name: "Send test email" }).click();
  await expect(page.getByTestId("failure-category")).toHaveText("Authentication rejected", { timeout: 20_000 });
  await expect(page.getByTestId("transcript")).not.toContainText("wrong-password");
  // Nothing was saved by testing.
  await page.reload();
  await expect(page.getByText(/configured · v\d+/)).toBeVisible();
});

// Against a server that offers neither AUTH nor STARTTLS, a user, a password and
// StartTLS in the form used to give a green "Sent" and nothing else; the OAuth page's Test warned.
test("a test email to a server offering neither AUTH nor STARTTLS is sent with both warnings", async ({ adminPage: page }) => {
  const bare = await startTestSmtpServer();
  try {
    await page.goto(`/configuration/${PID}`);
    await page.getByLabel("SMTP server port").fill(String(bare.port));
    await expect(page.getByLabel("Use StartTLS")).toBeChecked();
    await expect(page.getByLabel("SMTP user")).toHaveValue("relay");
    await page.getByLabel("Recipient").fill("ops@example.com");
    await page.getByRole("button", { name: "Send test email" }).click();
    await expect(page.getByText(/Sent to ops@example.com through 127\.0\.0\.1:\d+/)).toBeVisible({ timeout: 20_000 });
    const warnings = page.getByTestId("test-email-warnings");
    await expect(warnings).toContainText("the configured credentials are not used");
    await expect(warnings).toContainText("StartTLS is on, but the server did not offer STARTTLS: the connection is not encrypted.");
    const [msg] = await bare.waitForMessages(1);
    expect(msg!.authUser).toBeNull();
    expect(msg!.secure).toBe(false);
  } finally {
    await bare.stop();
  }
});

test("history shows who changed what, and an older version can be restored", async ({ adminPage: page }) => {
  await page.goto(`/configuration/${PID}/history`);
  await expect(page.getByTestId("version-2")).toContainText("SMTP password");
  await expect(page.getByTestId("version-2")).not.toContainText(SMTP_PASSWORD);
  await expect(page.getByTestId("version-1")).toContainText("admin@herald.test");
  page.once("dialog", (d) => d.accept());
  await page.getByTestId("version-1").getByRole("button", { name: "Restore this version" }).click();
  await expect(page.getByText("Restored as version 3.")).toBeVisible();
  await expect(page.getByTestId("version-3")).toContainText("restored from v1");
  await page.goto(`/configuration/${PID}`);
  await expect(page.getByText("not set", { exact: true })).toBeVisible();
});

test("an author is refused every configuration page and action", async ({ authorPage: page }) => {
  for (const p of ["/configuration", `/configuration/${PID}`, `/configuration/${PID}/history`, "/configuration/import", "/mail-log"]) {
    const res = await page.goto(p);
    expect(res?.status(), p).toBe(403);
  }
  const exp = await page.request.get(`/api/config/export?pid=${PID}`);
  expect(exp.status()).toBe(403);
});
