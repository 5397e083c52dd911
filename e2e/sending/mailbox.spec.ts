// The built-in mailbox: with the sandbox on, mail goes there even when a real server is
// configured, and the Mailbox page shows it as the recipient sees it (HTML sandboxed).
import { test, expect } from "../fixtures/test";
import { bearer, createKey } from "./helpers";

test("sandbox on: a message lands in the Mailbox page, headers, text and sandboxed HTML", async ({ adminPage: page, request }) => {
  const key = createKey("e2e mailbox", "send");
  await page.goto("/mailbox");
  const sandbox = page.getByRole("switch", { name: /Sandbox/ });
  if (!(await sandbox.isChecked())) await sandbox.click();
  await expect(sandbox).toBeChecked();
  await expect(page.getByText(/Listening on 127\.0\.0\.1:\d+/)).toBeVisible();

  try {
    const subject = `Sandboxed ${Date.now()}`;
    const r = await request.post("/api/v1/mail", {
      headers: bearer(key),
      data: { to: "Grace Hopper <grace@example.com>", subject, text: "Plain words.\nSecond line.", html: "<h1>Hello <em>Grace</em></h1><script>document.title='pwned'</script>" },
    });
    expect(r.status()).toBe(202);

    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("mailbox-item").filter({ hasText: subject })).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 15_000 });
    await page.getByTestId("mailbox-item").filter({ hasText: subject }).click();
    await expect(page.getByTestId("mail-to")).toContainText("grace@example.com");
    // The HTML part first (Text / HTML / Source switch), sandboxed.
    const frame = page.getByTestId("mail-html");
    await expect(frame).toHaveAttribute("sandbox", "");
    await expect(page.frameLocator('[data-testid="mail-html"]').getByRole("heading", { name: "Hello Grace" })).toBeVisible();
    expect(await page.title()).not.toBe("pwned");
    await page.getByRole("tab", { name: "Text" }).click();
    await expect(page.getByTestId("mail-text")).toHaveText("Plain words.\nSecond line.");
    await page.getByRole("tab", { name: "Source" }).click();
    await expect(page.getByTestId("mail-source")).toContainText("<script>document.title='pwned'</script>");
  } finally {
    // Later specs send to their own SMTP servers: never leave the sandbox on.
    await page.goto("/mailbox");
    const s = page.getByRole("switch", { name: /Sandbox/ });
    if (await s.isChecked()) await s.click();
    await expect(s).not.toBeChecked();
  }
});
