// The notification flow end to end, against an SMTP server this spec starts: recipients from the
// console and a CSV import, a page event through the API in three languages, Idempotency-Key,
// an outage and recovery, a 550 shown in the outbox, and the API's refusals.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test, expect } from "../fixtures/test";
import { startTestSmtpServer, type TestSmtpServer } from "../../lib/testing/smtp";
import { bearer, createKey, EMAIL_CHANNEL, importConfig, messageStatus, pointMailServiceAt } from "./helpers";

test.describe.configure({ mode: "serial" });

let smtp: TestSmtpServer;
let key: string;
const rejectBounces = (a: string) => (a.startsWith("bounce") ? `550 5.1.1 <${a}>: Recipient address rejected: User unknown` : null);

test.beforeAll(async () => {
  smtp = await startTestSmtpServer({ rejectRecipients: rejectBounces });
  pointMailServiceAt(smtp.port);
  importConfig(EMAIL_CHANNEL, { "email.from": "Acme Site <site@acme.example>" });
  key = createKey("e2e sending", "send,recipients");
});
test.afterAll(async () => smtp?.stop());

const EVENT = { type: "PageModified", paths: ["/content/site/en/products"], user: { id: "aparker", name: "Alison Parker" }, time: "2026-03-14T09:26:53Z" };

test("recipients: one added in the console, two imported from CSV (a bad row is reported, not imported)", async ({ adminPage: page }) => {
  await page.goto("/recipients/new");
  await page.getByLabel("ID", { exact: true }).fill("dirk");
  await page.getByLabel("Email", { exact: true }).fill("Dirk@Example.com");
  await page.getByLabel("Given name", { exact: true }).fill("Dirk");
  await page.getByLabel("Language").fill("de_CH");
  await page.getByLabel("Path", { exact: true }).fill("content/site");
  await page.getByRole("button", { name: "Create recipient" }).click();
  await expect(page.locator("#s-0-path-error")).toContainText('must start with "/"');
  await page.getByLabel("Path", { exact: true }).fill("/content/site");
  await page.getByRole("button", { name: "Create recipient" }).click();
  await expect(page.getByText("Recipient created.")).toBeVisible();
  await expect(page.getByLabel("Language")).toHaveValue("de");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("dirk@example.com");

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-csv-"));
  const csv = path.join(dir, "recipients.csv");
  fs.writeFileSync(
    csv,
    [
      "id,email,name,familyName,language,subscriptions",
      "ana,ana@example.com,Ana,Silva,en,page:/content/site",
      "paula,paula@example.com,Paula,Costa,pt-BR,page:/content/site[PageModified|PageActivated]",
      "bad,not-an-email,Bad,,xx,page:/content/site",
    ].join("\r\n"),
  );
  await page.goto("/recipients");
  await page.getByLabel("CSV file").setInputFiles(csv);
  await page.getByRole("button", { name: "Import" }).click();
  const report = page.getByTestId("import-report");
  await expect(report).toContainText("2 created, 0 updated, 0 unchanged, 1 rejected");
  const bad = page.getByTestId("import-row").filter({ hasText: "rejected" });
  await expect(bad.locator("td").first()).toHaveText("4");
  await expect(bad).toContainText("email: is not a valid email address");
  await expect(bad).toContainText('language: "xx" is not an ISO 639-1 language code');

  // Other specs add recipients of their own: look for these three, not for a total.
  await page.goto("/recipients?q=example.com");
  for (const email of ["dirk@example.com", "ana@example.com", "paula@example.com"]) {
    await expect(page.getByTestId("recipient-row").filter({ hasText: email })).toHaveCount(1);
  }
  await page.goto("/recipients?q=paula");
  await expect(page.getByTestId("recipient-row")).toHaveCount(1);
  await expect(page.getByTestId("recipient-row")).toContainText("page:/content/site[PageModified|PageActivated]");
});

test("one page event through the API: exactly three mails, in English, German and English (fallback for pt)", async ({ request }) => {
  const r = await request.post("/api/v1/events/page", { headers: { ...bearer(key), "idempotency-key": "e2e-page-event-1" }, data: EVENT });
  expect(r.status()).toBe(202);
  const body = await r.json();
  expect(body.messages.map((m: { to: string; language: string }) => `${m.to}:${m.language}`).sort()).toEqual(["ana@example.com:en", "dirk@example.com:de", "paula@example.com:en"]);

  const mails = await smtp.waitForMessages(3, 15_000);
  expect(mails).toHaveLength(3);
  const to = (a: string) => mails.find((m) => m.to.includes(a))!;
  for (const m of mails) expect(m.parsed.from?.value[0]).toMatchObject({ name: "Acme Site", address: "site@acme.example" });

  const ana = to("ana@example.com");
  expect(ana.parsed.subject).toBe("[CQ Page Event Notification]: Page Event");
  expect(ana.parsed.text).toContain("Time: 2026-03-14 09:26:53 UTC\nUser: Alison Parker (aparker)\n");
  expect(ana.parsed.text).toContain("PageModified => /content/site/en/products\n");

  const dirk = to("dirk@example.com");
  expect(dirk.parsed.subject).toBe("[CQ Seitenereignis-Benachrichtigung]: Seitenereignis");
  expect(dirk.parsed.text).toContain("Zeit: 2026-03-14 09:26:53 UTC\nBenutzer: Alison Parker (aparker)\n");
  expect(dirk.parsed.text).toContain("Folgende Seiten sind von dem Ereignis betroffen:");
  expect(dirk.parsed.text).toContain("PageModified => /content/site/en/products");

  const paula = to("paula@example.com");
  expect(paula.parsed.subject).toBe("[CQ Page Event Notification]: Page Event");
  expect(paula.parsed.text).toContain("The event affected the following pages:");
});

test("the same request with the same Idempotency-Key sends nothing more", async ({ request }) => {
  const first = await request.post("/api/v1/events/page", { headers: { ...bearer(key), "idempotency-key": "e2e-page-event-1" }, data: EVENT });
  expect(first.status()).toBe(202);
  expect(first.headers()["idempotent-replayed"]).toBe("true");
  const again = await request.post("/api/v1/events/page", { headers: { ...bearer(key), "idempotency-key": "e2e-page-event-1" }, data: { ...EVENT, paths: ["/content/site/de"] } });
  expect(again.status()).toBe(409);
  // Give a would-be second delivery time to arrive.
  await new Promise((r) => setTimeout(r, 1500));
  expect(smtp.messages).toHaveLength(3);
});

test("the API refuses: no key 401, missing scope 403, bad payload 400 naming the field, too large 413", async ({ request }) => {
  const none = await request.post("/api/v1/events/page", { data: EVENT });
  expect(none.status()).toBe(401);
  expect((await none.json()).error.code).toBe("unauthenticated");

  const recipientsOnly = createKey("e2e recipients only", "recipients");
  const noScope = await request.post("/api/v1/events/page", { headers: bearer(recipientsOnly), data: EVENT });
  expect(noScope.status()).toBe(403);

  const bad = await request.post("/api/v1/events/page", { headers: bearer(key), data: { ...EVENT, paths: ["content/site"], user: { id: "aparker" } } });
  expect(bad.status()).toBe(400);
  const { error } = await bad.json();
  expect(error.code).toBe("validation");
  expect(Object.keys(error.fields).sort()).toEqual(["paths.0", "user.name"]);
  expect(error.message).toContain("paths.0");

  const big = await request.post("/api/v1/mail", { headers: { ...bearer(key), "content-type": "application/json" }, data: JSON.stringify({ to: "a@example.com", subject: "x", text: "x".repeat(1024 * 1024 + 10) }) });
  expect(big.status()).toBe(413);
  expect(smtp.messages).toHaveLength(3);
});

test("SMTP server down: the message waits (retry scheduled), then arrives when the server is back", async ({ adminPage: page, request }) => {
  // A quick retry policy, set where an admin sets it.
  await page.goto("/outbox");
  await page.getByLabel("Attempts").fill("30");
  await page.getByLabel("First delay (seconds)").fill("1");
  await page.getByLabel("Longest delay (seconds)").fill("2");
  await page.getByRole("button", { name: "Save retry policy" }).click();
  await expect(page.getByText("Retry policy saved")).toBeVisible();

  const port = smtp.port;
  await smtp.stop();
  // A bulk send (one page event, three subscribers) while the server is down.
  const r = await request.post("/api/v1/events/page", { headers: bearer(key), data: { ...EVENT, paths: ["/content/site/en/outage"] } });
  expect(r.status()).toBe(202);
  const ids = ((await r.json()).messages as { id: string }[]).map((m) => m.id);
  expect(ids).toHaveLength(3);
  // The worker finds the server gone and holds the mail while it probes: API callers are told
  // why nothing moves, not shown a healthy "queued".
  await expect.poll(async () => (await messageStatus(request, key, ids[0])).held?.reason, { timeout: 15_000 }).toBe("transport_down");
  const held = await messageStatus(request, key, ids[0]);
  expect(held.status).toBe("held");
  expect(held.held?.lastError).toMatch(/refused|connect/i);

  await page.goto("/outbox");
  await expect(page.getByTestId("held-notice")).toHaveAttribute("data-reason", "transport_down");
  await expect(page.getByTestId("held-last-error")).toContainText(/refused|connect/i);
  // The bulk send's progress bar: nothing delivered yet.
  const bar = page.getByRole("progressbar").first();
  await expect(bar).toHaveAttribute("aria-valuemax", "3");
  await expect(bar).toHaveAttribute("aria-valuenow", "0");

  smtp = await startTestSmtpServer({ port, rejectRecipients: rejectBounces });
  const mails = await smtp.waitForMessages(3, 20_000);
  expect(mails.map((m) => m.to[0]).sort()).toEqual(["ana@example.com", "dirk@example.com", "paula@example.com"]);
  for (const id of ids) await expect.poll(async () => (await messageStatus(request, key, id)).status, { timeout: 10_000 }).toBe("sent");
  // The bar goes once the batch is done.
  await expect(page.getByRole("progressbar")).toHaveCount(0, { timeout: 10_000 });
});

test("a 550 reply makes the message dead, with the reply shown in the outbox", async ({ adminPage: page, request }) => {
  const r = await request.post("/api/v1/mail", { headers: bearer(key), data: { to: "bounce@example.com", subject: "Will bounce", text: "x" } });
  const id = (await r.json()).messages[0].id as string;
  await expect.poll(async () => (await messageStatus(request, key, id)).status, { timeout: 15_000 }).toBe("dead");
  expect((await messageStatus(request, key, id)).smtpReply).toBe("550 5.1.1 <bounce@example.com>: Recipient address rejected: User unknown");

  await page.goto("/outbox?status=dead");
  const row = page.getByTestId("outbox-row").filter({ hasText: "bounce@example.com" });
  await expect(row).toContainText("550 5.1.1");
  await row.getByRole("link", { name: "Will bounce" }).click();
  await expect(page.getByTestId("smtp-reply")).toHaveText("550 5.1.1 <bounce@example.com>: Recipient address rejected: User unknown");
  await expect(page.getByTestId("attempt").first()).toContainText("dead");
  // An admin may retry it; it dies again with the same reply, and both are on record.
  await page.getByRole("button", { name: "Retry" }).click();
  await expect.poll(async () => (await messageStatus(request, key, id)).attempts, { timeout: 15_000 }).toBe(1);
  await expect.poll(async () => (await messageStatus(request, key, id)).status, { timeout: 15_000 }).toBe("dead");
  await page.reload();
  await expect(page.getByTestId("attempt")).toHaveCount(3);
});
