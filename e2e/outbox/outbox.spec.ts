// The Outbox page: filters by status and recipient, the message page with each attempt and the
// server's reply, bulk cancel and retry (selected and all matching), and the retry policy form's
// errors. Each test starts its own SMTP server (or points the Mail Service at a closed port) and
// sends to addresses of its own, so what other specs left in the outbox does not matter.
import { test, expect } from "../fixtures/test";
import { closedPort, startTestSmtpServer, type TestSmtpServer } from "../../lib/testing/smtp";
import { bearer, createKey, messageStatus, pointMailServiceAt } from "../sending/helpers";

let key: string;
test.beforeAll(() => {
  key = createKey("e2e outbox", "send");
});

const started: TestSmtpServer[] = [];
async function ownSmtp() {
  const smtp = await startTestSmtpServer({
    rejectRecipients: (a) => (a.startsWith("bounce") ? `550 5.1.1 <${a}>: Recipient address rejected: User unknown` : null),
  });
  started.push(smtp);
  pointMailServiceAt(smtp.port);
  return smtp;
}
test.afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

const uniqueId = () => `o${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("filter by status and recipient; the message page lists each attempt with the server's reply; retry selected", async ({ adminPage: page, request }) => {
  const u = uniqueId();
  await ownSmtp();
  const send = async (to: string, subject: string) => {
    const r = await request.post("/api/v1/mail", { headers: bearer(key), data: { to, subject, text: "x" } });
    expect(r.status()).toBe(202);
    return (await r.json()).messages[0].id as string;
  };
  const okId = await send(`ok-${u}@example.com`, `Arrives ${u}`);
  const deadId = await send(`bounce-${u}@example.com`, `Bounces ${u}`);
  await expect.poll(async () => (await messageStatus(request, key, okId)).status, { timeout: 15_000 }).toBe("sent");
  await expect.poll(async () => (await messageStatus(request, key, deadId)).status, { timeout: 15_000 }).toBe("dead");

  // The filter form: status and part of an address.
  await page.goto("/outbox");
  const filter = page.getByRole("form", { name: "Filter messages" });
  await filter.getByLabel("Status").selectOption("dead");
  await filter.getByLabel("Recipient").fill(u);
  await filter.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]status=dead/);
  await expect(page).toHaveURL(new RegExp(`[?&]recipient=${u}`));
  const rows = page.getByTestId("outbox-row");
  await expect(rows).toHaveCount(1);
  await expect(rows).toHaveAttribute("data-status", "dead");
  await expect(rows).toContainText(`bounce-${u}@example.com`);
  await expect(rows).toContainText("550 5.1.1");
  await expect(page.getByText("Page 1 of 1 · 1 message", { exact: true })).toBeVisible();

  // The status links keep the recipient filter.
  await page.getByRole("navigation", { name: "Messages per status" }).getByRole("link", { name: /^sent/ }).click();
  await expect(page).toHaveURL(/[?&]status=sent/);
  await expect(rows).toHaveCount(1);
  await expect(rows).toHaveAttribute("data-status", "sent");
  await expect(rows).toContainText(`ok-${u}@example.com`);

  await page.goto(`/outbox?status=queued&recipient=${u}`);
  await expect(page.getByText("No messages match the filter.")).toBeVisible();

  // The delivered message: one attempt, the server's 250.
  await page.goto(`/outbox?recipient=ok-${u}`);
  await rows.getByRole("link", { name: `Arrives ${u}` }).click();
  await expect(page).toHaveURL(new RegExp(`/outbox/${okId}$`));
  await expect(page.getByRole("heading", { name: `Arrives ${u}` })).toBeVisible();
  await expect(page.getByTestId("attempt")).toHaveCount(1);
  await expect(page.getByTestId("attempt")).toContainText("Attempt 1");
  await expect(page.getByTestId("attempt")).toContainText("sent");
  await expect(page.getByTestId("smtp-reply")).toContainText(/^250/);
  await expect(page.getByTestId("message-body")).toHaveText("x");

  // The dead one: retried from the list, it dies again; both attempts are on its page.
  await page.goto(`/outbox?status=dead&recipient=${u}`);
  await page.getByLabel(`Select message to bounce-${u}@example.com`).check();
  await page.getByRole("button", { name: "Retry selected (1)" }).click();
  await expect(page.getByText("1 message requeued.")).toBeVisible();
  await expect.poll(async () => (await messageStatus(request, key, deadId)).attempts, { timeout: 15_000 }).toBe(1);
  await expect.poll(async () => (await messageStatus(request, key, deadId)).status, { timeout: 15_000 }).toBe("dead");
  await page.goto(`/outbox/${deadId}`);
  await expect(page.getByTestId("smtp-reply")).toHaveText(`550 5.1.1 <bounce-${u}@example.com>: Recipient address rejected: User unknown`);
  // Two deliveries and the admin's retry between them.
  await expect(page.getByTestId("attempt")).toHaveCount(3);
  await expect(page.getByTestId("attempt").filter({ hasText: "dead" })).toHaveCount(2);
});

test("cancel selected waiting messages; retry all that match once the server is back", async ({ adminPage: page, request }) => {
  const u = uniqueId();
  // Nothing listens there: the messages wait.
  pointMailServiceAt(await closedPort());
  const ids: string[] = [];
  for (const n of [1, 2, 3]) {
    const r = await request.post("/api/v1/mail", { headers: bearer(key), data: { to: `w${n}-${u}@example.com`, subject: `Waits ${n}`, text: "x" } });
    expect(r.status()).toBe(202);
    ids.push((await r.json()).messages[0].id);
  }

  await page.goto(`/outbox?recipient=${u}`);
  const rows = page.getByTestId("outbox-row");
  await expect(rows).toHaveCount(3);
  await page.getByLabel(`Select message to w1-${u}@example.com`).check();
  await page.getByLabel(`Select message to w2-${u}@example.com`).check();
  await page.getByRole("button", { name: "Cancel selected" }).click();
  await expect(page.getByText("2 messages cancelled.")).toBeVisible();
  await expect(rows.and(page.locator('[data-status="cancelled"]'))).toHaveCount(2);
  expect((await messageStatus(request, key, ids[0]!)).status).toBe("cancelled");
  expect((await messageStatus(request, key, ids[1]!)).status).toBe("cancelled");
  expect((await messageStatus(request, key, ids[2]!)).status).not.toBe("cancelled");

  // The server is back: the one left waiting goes; the cancelled ones stay until retried.
  const smtp = await ownSmtp();
  await expect.poll(async () => (await messageStatus(request, key, ids[2]!)).status, { timeout: 20_000 }).toBe("sent");
  expect(smtp.messages.filter((m) => m.to.some((t) => t.endsWith(`-${u}@example.com`))).map((m) => m.to[0])).toEqual([`w3-${u}@example.com`]);

  await page.goto(`/outbox?status=cancelled&recipient=${u}`);
  await expect(rows).toHaveCount(2);
  page.once("dialog", (d) => {
    expect(d.message()).toBe("Retry all 2 matching messages (failed, dead or cancelled ones)?");
    void d.accept();
  });
  await page.getByRole("button", { name: "Retry all 2 matching" }).click();
  await expect(page.getByText("2 messages requeued.")).toBeVisible();
  for (const id of ids) await expect.poll(async () => (await messageStatus(request, key, id)).status, { timeout: 20_000 }).toBe("sent");
  await expect.poll(() => smtp.messages.filter((m) => m.to.some((t) => t.endsWith(`-${u}@example.com`))).length).toBe(3);
});

test("retry policy form: each bad value is named beside its field, and nothing is saved", async ({ adminPage: page }) => {
  await page.goto("/outbox");
  const attempts = page.getByLabel("Attempts");
  const first = page.getByLabel("First delay (seconds)");
  const longest = page.getByLabel("Longest delay (seconds)");
  const age = page.getByLabel("Give up after (seconds)");
  // The form fills its inputs when it hydrates (react-hook-form defaultValues); read them after.
  await expect(attempts).not.toHaveValue("");
  const before = [await attempts.inputValue(), await first.inputValue(), await longest.inputValue(), await age.inputValue()];

  await attempts.fill("0");
  await first.fill("soon");
  await longest.fill("90000");
  await age.fill("2.5");
  await page.getByRole("button", { name: "Save retry policy" }).click();
  await expect(page.locator("#rp-attempts-error")).toHaveText("At least 1.");
  await expect(attempts).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#rp-base-error")).toHaveText("Enter a number.");
  await expect(page.locator("#rp-max-error")).toHaveText("At most one day.");
  await expect(page.locator("#rp-age-error")).toHaveCount(0);
  await expect(page.getByText("Retry policy saved")).toHaveCount(0);

  // The longest delay may not be shorter than the first.
  await attempts.fill("5");
  await first.fill("60");
  await longest.fill("10");
  await page.getByRole("button", { name: "Save retry policy" }).click();
  await expect(page.locator("#rp-max-error")).toHaveText("Must be at least the first delay.");
  await expect(page.locator("#rp-attempts-error")).toHaveCount(0);

  await page.reload();
  await expect(attempts).not.toHaveValue("");
  expect([await attempts.inputValue(), await first.inputValue(), await longest.inputValue(), await age.inputValue()]).toEqual(before);
});
