// Held messages say so: with the SMTP server down, a message accepted by the API is
// reported as held — reason, since when, last error — by the API, the Outbox page and the
// message's page; when the server is back (same port) it is delivered within seconds.
import { test, expect } from "../fixtures/test";
import { closedPort, startTestSmtpServer } from "../../lib/testing/smtp";
import { bearer, createKey, pointMailServiceAt } from "./helpers";

test.describe.configure({ mode: "serial" });

type Status = { status: string; queueStatus: string; held: { reason: string; message: string; since: string | null; lastError: string | null } | null };

test("a message waiting for a server that is down is held, and goes as soon as the server is back", async ({ adminPage: page, request }) => {
  const port = await closedPort();
  pointMailServiceAt(port);
  const key = createKey("e2e held", "send");
  const res = await request.post("/api/v1/mail", { headers: bearer(key), data: { to: "held@example.com", subject: "Held while the server is down", text: "x" } });
  expect(res.status()).toBe(202);
  const id = ((await res.json()) as { messages: { id: string }[] }).messages[0]!.id;
  const status = async () => (await (await request.get(`/api/v1/messages/${id}`, { headers: bearer(key) })).json()) as Status;

  await expect.poll(async () => (await status()).held?.reason, { timeout: 30_000 }).toBe("transport_down");
  const held = await status();
  expect(held.status).toBe("held");
  expect(["queued", "failed"]).toContain(held.queueStatus);
  expect(held.held!.since).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(held.held!.lastError).toMatch(/refused|connect/i);

  await page.goto("/outbox");
  const notice = page.getByTestId("held-notice");
  await expect(notice).toHaveAttribute("data-reason", "transport_down");
  await expect(notice).toContainText("The SMTP server cannot be reached");
  await expect(notice).toContainText(/since \d\d\/\d\d\/\d{4}, \d\d:\d\d:\d\d/);
  await expect(page.getByTestId("outbox-row").filter({ hasText: "Held while the server is down" })).toContainText("held");

  await page.goto(`/outbox/${id}`);
  await expect(page.getByTestId("held-notice")).toContainText("The SMTP server cannot be reached");
  await expect(page.getByTestId("held-last-error")).toContainText(/refused|connect/i);

  const server = await startTestSmtpServer({ port });
  try {
    await server.waitForMessages(1, 40_000);
    await expect.poll(async () => (await status()).status, { timeout: 10_000 }).toBe("sent");
    expect((await status()).held).toBeNull();
    await page.goto(`/outbox/${id}`);
    await expect(page.getByTestId("held-notice")).toHaveCount(0);
  } finally {
    await server.stop();
  }
});
