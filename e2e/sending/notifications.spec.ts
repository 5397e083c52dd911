// The notification flow end to end, against SMTP servers this spec starts: recipients from the
// console and a CSV import, a page event through the API in three languages, Idempotency-Key,
// an outage and recovery, a 550 shown in the outbox, and the API's refusals.
// Each test stands alone: its own SMTP server (the Mail Service is pointed at it), its own
// recipients under a content path of its own, its own ids — so it neither needs what another test
// left behind nor counts mail another test caused.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { test, expect } from "../fixtures/test";
import { startTestSmtpServer, type TestSmtpServer } from "../../lib/testing/smtp";
import { bearer, createKey, EMAIL_CHANNEL, importConfig, messageStatus, pointMailServiceAt } from "./helpers";

let key: string;
const rejectBounces = (a: string) => (a.startsWith("bounce") ? `550 5.1.1 <${a}>: Recipient address rejected: User unknown` : null);

test.beforeAll(async () => {
  importConfig(EMAIL_CHANNEL, { "email.from": "Acme Site <site@acme.example>" });
  key = createKey("e2e sending", "send,recipients");
});

const started: TestSmtpServer[] = [];
/** An SMTP server for this test alone, with the Mail Service pointed at it. */
async function ownSmtp(port?: number) {
  const smtp = await startTestSmtpServer({ port, rejectRecipients: rejectBounces });
  started.push(smtp);
  pointMailServiceAt(smtp.port);
  return smtp;
}
test.afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

/** A short id of this test's own, for recipient ids, addresses, paths and keys. */
const uniqueId = () => `n${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The page event of these tests, about a page under this test's own content path. */
const eventFor = (u: string, page = "en/products") => ({
  type: "PageModified",
  paths: [`/content/${u}/${page}`],
  user: { id: "aparker", name: "Alison Parker" },
  time: "2026-03-14T09:26:53Z",
});

/** Ana (en), Dirk (de_CH → de) and Paula (pt-BR, PageModified and PageActivated only), subscribed to /content/<u>. */
async function addSubscribers(request: APIRequestContext, u: string) {
  const subscription = (eventTypes?: string[]) => [{ kind: "page", path: `/content/${u}`, ...(eventTypes ? { eventTypes } : {}) }];
  for (const r of [
    { id: `ana-${u}`, email: `ana-${u}@example.com`, name: "Ana", familyName: "Silva", language: "en", subscriptions: subscription() },
    { id: `dirk-${u}`, email: `dirk-${u}@example.com`, name: "Dirk", language: "de_CH", subscriptions: subscription() },
    { id: `paula-${u}`, email: `paula-${u}@example.com`, name: "Paula", familyName: "Costa", language: "pt-BR", subscriptions: subscription(["PageModified", "PageActivated"]) },
  ]) {
    const res = await request.post("/api/v1/recipients", { headers: bearer(key), data: r });
    expect(res.status(), await res.text()).toBe(201);
  }
  return { ana: `ana-${u}@example.com`, dirk: `dirk-${u}@example.com`, paula: `paula-${u}@example.com` };
}

/** Mail for these addresses only (the worker may deliver another test's late mail here too). */
const mailFor = (smtp: TestSmtpServer, addresses: string[]) => smtp.messages.filter((m) => m.to.some((t) => addresses.includes(t)));

/**
 * Sends a marker mail through the outbox and waits until it has arrived. The worker takes mail in
 * the order it was stored, so anything stored before the marker had its chance to arrive too: a
 * condition to wait on before saying "nothing more was sent".
 */
async function flushOutbox(request: APIRequestContext, smtp: TestSmtpServer, u: string) {
  const to = `marker-${u}@example.com`;
  const r = await request.post("/api/v1/mail", { headers: bearer(key), data: { to, subject: "marker", text: "marker" } });
  expect(r.status()).toBe(202);
  await expect.poll(() => smtp.messages.filter((m) => m.to.includes(to)).length, { timeout: 15_000 }).toBe(1);
}

test("recipients: one added in the console, two imported from CSV (a bad row is reported, not imported)", async ({ adminPage: page }) => {
  const u = uniqueId();
  await page.goto("/recipients/new");
  await page.getByLabel("ID", { exact: true }).fill(`dirk-${u}`);
  await page.getByLabel("Email", { exact: true }).fill(`Dirk-${u}@Example.com`);
  await page.getByLabel("Given name", { exact: true }).fill("Dirk");
  await page.getByLabel("Language").fill("de_CH");
  await page.getByLabel("Path", { exact: true }).fill(`content/${u}`);
  await page.getByRole("button", { name: "Create recipient" }).click();
  await expect(page.locator("#s-0-path-error")).toContainText('must start with "/"');
  await page.getByLabel("Path", { exact: true }).fill(`/content/${u}`);
  await page.getByRole("button", { name: "Create recipient" }).click();
  await expect(page.getByText("Recipient created.")).toBeVisible();
  await expect(page.getByLabel("Language")).toHaveValue("de");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(`dirk-${u}@example.com`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-csv-"));
  const csv = path.join(dir, "recipients.csv");
  fs.writeFileSync(
    csv,
    [
      "id,email,name,familyName,language,subscriptions",
      `ana-${u},ana-${u}@example.com,Ana,Silva,en,page:/content/${u}`,
      `paula-${u},paula-${u}@example.com,Paula,Costa,pt-BR,page:/content/${u}[PageModified|PageActivated]`,
      `bad-${u},not-an-email,Bad,,xx,page:/content/${u}`,
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
  await page.goto(`/recipients?q=${u}`);
  for (const email of [`dirk-${u}@example.com`, `ana-${u}@example.com`, `paula-${u}@example.com`]) {
    await expect(page.getByTestId("recipient-row").filter({ hasText: email })).toHaveCount(1);
  }
  await page.goto(`/recipients?q=paula-${u}`);
  await expect(page.getByTestId("recipient-row")).toHaveCount(1);
  await expect(page.getByTestId("recipient-row")).toContainText(`page:/content/${u}[PageModified|PageActivated]`);
});

test("one page event through the API: exactly three mails, in English, German and English (fallback for pt)", async ({ request }) => {
  const u = uniqueId();
  const smtp = await ownSmtp();
  const to = await addSubscribers(request, u);
  const r = await request.post("/api/v1/events/page", { headers: { ...bearer(key), "idempotency-key": `e2e-page-event-${u}` }, data: eventFor(u) });
  expect(r.status()).toBe(202);
  const body = await r.json();
  expect(body.messages.map((m: { to: string; language: string }) => `${m.to}:${m.language}`).sort()).toEqual([`${to.ana}:en`, `${to.dirk}:de`, `${to.paula}:en`]);

  await expect.poll(() => mailFor(smtp, Object.values(to)).length, { timeout: 15_000 }).toBe(3);
  const mails = mailFor(smtp, Object.values(to));
  expect(mails).toHaveLength(3);
  const mailTo = (a: string) => mails.find((m) => m.to.includes(a))!;
  for (const m of mails) expect(m.parsed.from?.value[0]).toMatchObject({ name: "Acme Site", address: "site@acme.example" });

  const ana = mailTo(to.ana);
  expect(ana.parsed.subject).toBe("[CQ Page Event Notification]: Page Event");
  expect(ana.parsed.text).toContain("Time: 2026-03-14 09:26:53 UTC\nUser: Alison Parker (aparker)\n");
  expect(ana.parsed.text).toContain(`PageModified => /content/${u}/en/products\n`);

  const dirk = mailTo(to.dirk);
  expect(dirk.parsed.subject).toBe("[CQ Seitenereignis-Benachrichtigung]: Seitenereignis");
  expect(dirk.parsed.text).toContain("Zeit: 2026-03-14 09:26:53 UTC\nBenutzer: Alison Parker (aparker)\n");
  expect(dirk.parsed.text).toContain("Folgende Seiten sind von dem Ereignis betroffen:");
  expect(dirk.parsed.text).toContain(`PageModified => /content/${u}/en/products`);

  const paula = mailTo(to.paula);
  expect(paula.parsed.subject).toBe("[CQ Page Event Notification]: Page Event");
  expect(paula.parsed.text).toContain("The event affected the following pages:");
});

test("the same request with the same Idempotency-Key sends nothing more", async ({ request, adminPage: page }) => {
  const u = uniqueId();
  const smtp = await ownSmtp();
  const to = await addSubscribers(request, u);
  const headers = { ...bearer(key), "idempotency-key": `e2e-page-event-${u}` };
  const original = await request.post("/api/v1/events/page", { headers, data: eventFor(u) });
  expect(original.status()).toBe(202);
  await expect.poll(() => mailFor(smtp, Object.values(to)).length, { timeout: 15_000 }).toBe(3);

  const first = await request.post("/api/v1/events/page", { headers, data: eventFor(u) });
  expect(first.status()).toBe(202);
  expect(first.headers()["idempotent-replayed"]).toBe("true");
  expect(await first.json()).toEqual(await original.json());
  const again = await request.post("/api/v1/events/page", { headers, data: { ...eventFor(u), paths: [`/content/${u}/de`] } });
  expect(again.status()).toBe(409);
  // Nothing more was stored (three page mails and the marker), and nothing more arrived.
  await flushOutbox(request, smtp, u);
  expect(mailFor(smtp, Object.values(to))).toHaveLength(3);
  await page.goto(`/outbox?recipient=${u}@example.com`);
  await expect(page.getByText("Page 1 of 1 · 4 messages")).toBeVisible();
});

test("the API refuses: no key 401, missing scope 403, bad payload 400 naming the field, too large 413", async ({ request }) => {
  const u = uniqueId();
  const smtp = await ownSmtp();
  const to = await addSubscribers(request, u);
  const EVENT = eventFor(u);
  const none = await request.post("/api/v1/events/page", { data: EVENT });
  expect(none.status()).toBe(401);
  expect((await none.json()).error.code).toBe("unauthenticated");

  const recipientsOnly = createKey(`e2e recipients only ${u}`, "recipients");
  const noScope = await request.post("/api/v1/events/page", { headers: bearer(recipientsOnly), data: EVENT });
  expect(noScope.status()).toBe(403);

  const bad = await request.post("/api/v1/events/page", { headers: bearer(key), data: { ...EVENT, paths: [`content/${u}`], user: { id: "aparker" } } });
  expect(bad.status()).toBe(400);
  const { error } = await bad.json();
  expect(error.code).toBe("validation");
  expect(Object.keys(error.fields).sort()).toEqual(["paths.0", "user.name"]);
  expect(error.message).toContain("paths.0");

  const big = await request.post("/api/v1/mail", { headers: { ...bearer(key), "content-type": "application/json" }, data: JSON.stringify({ to: to.ana, subject: "x", text: "x".repeat(1024 * 1024 + 10) }) });
  expect(big.status()).toBe(413);
  await flushOutbox(request, smtp, u);
  expect(mailFor(smtp, Object.values(to))).toHaveLength(0);
});

test("SMTP server down: the message waits (retry scheduled), then arrives when the server is back", async ({ adminPage: page, request }) => {
  const u = uniqueId();
  let smtp = await ownSmtp();
  const to = await addSubscribers(request, u);
  // A quick retry policy, set where an admin sets it.
  await page.goto("/outbox");
  // The form fills its inputs when it hydrates (react-hook-form defaultValues): type after that.
  await expect(page.getByLabel("Attempts")).not.toHaveValue("");
  await page.getByLabel("Attempts").fill("30");
  await page.getByLabel("First delay (seconds)").fill("1");
  await page.getByLabel("Longest delay (seconds)").fill("2");
  await page.getByRole("button", { name: "Save retry policy" }).click();
  await expect(page.getByText("Retry policy saved")).toBeVisible();

  const port = smtp.port;
  await smtp.stop();
  // A bulk send (one page event, three subscribers) while the server is down.
  const r = await request.post("/api/v1/events/page", { headers: bearer(key), data: eventFor(u, "en/outage") });
  expect(r.status()).toBe(202);
  const ids = ((await r.json()).messages as { id: string }[]).map((m) => m.id) as [string, string, string];
  expect(ids).toHaveLength(3);
  // The worker finds the server gone and holds the mail while it probes: API callers are told
  // why nothing moves, not shown a healthy "queued".
  await expect.poll(async () => (await messageStatus(request, key, ids[0]!)).held?.reason, { timeout: 15_000 }).toBe("transport_down");
  const held = await messageStatus(request, key, ids[0]!);
  expect(held.status).toBe("held");
  expect(held.held?.lastError).toMatch(/refused|connect/i);

  await page.goto("/outbox");
  await expect(page.getByTestId("held-notice")).toHaveAttribute("data-reason", "transport_down");
  await expect(page.getByTestId("held-last-error")).toContainText(/refused|connect/i);
  // The bulk send's progress bar: nothing delivered yet.
  const bar = page.getByRole("progressbar").first();
  await expect(bar).toHaveAttribute("aria-valuemax", "3");
  await expect(bar).toHaveAttribute("aria-valuenow", "0");

  smtp = await ownSmtp(port);
  await expect.poll(() => mailFor(smtp, Object.values(to)).length, { timeout: 20_000 }).toBe(3);
  expect(mailFor(smtp, Object.values(to)).map((m) => m.to[0]).sort()).toEqual([to.ana, to.dirk, to.paula]);
  for (const id of ids) await expect.poll(async () => (await messageStatus(request, key, id)).status, { timeout: 10_000 }).toBe("sent");
  // The bar goes once the batch is done.
  await expect(page.getByRole("progressbar")).toHaveCount(0, { timeout: 10_000 });
});

test("a 550 reply makes the message dead, with the reply shown in the outbox", async ({ adminPage: page, request }) => {
  const u = uniqueId();
  await ownSmtp();
  const bounce = `bounce-${u}@example.com`;
  const reply = `550 5.1.1 <${bounce}>: Recipient address rejected: User unknown`;
  const r = await request.post("/api/v1/mail", { headers: bearer(key), data: { to: bounce, subject: "Will bounce", text: "x" } });
  const id = (await r.json()).messages[0].id as string;
  await expect.poll(async () => (await messageStatus(request, key, id)).status, { timeout: 15_000 }).toBe("dead");
  expect((await messageStatus(request, key, id)).smtpReply).toBe(reply);

  await page.goto("/outbox?status=dead");
  const row = page.getByTestId("outbox-row").filter({ hasText: bounce });
  await expect(row).toContainText("550 5.1.1");
  await row.getByRole("link", { name: "Will bounce" }).click();
  await expect(page.getByTestId("smtp-reply")).toHaveText(reply);
  await expect(page.getByTestId("attempt").first()).toContainText("dead");
  // An admin may retry it; it dies again with the same reply, and both are on record.
  await page.getByRole("button", { name: "Retry" }).click();
  await expect.poll(async () => (await messageStatus(request, key, id)).attempts, { timeout: 15_000 }).toBe(1);
  await expect.poll(async () => (await messageStatus(request, key, id)).status, { timeout: 15_000 }).toBe("dead");
  await page.reload();
  await expect(page.getByTestId("attempt")).toHaveCount(3);
});
