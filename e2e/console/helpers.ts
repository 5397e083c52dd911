// Shared by the console specs: the built-in mailbox's port (to point the Mail Service at it).
import { expect, type Page } from "@playwright/test";

export async function builtInMailboxPort(admin: Page): Promise<number> {
  await admin.goto("/mailbox");
  const listening = admin.getByText(/Listening on 127\.0\.0\.1:\d+/);
  if (!(await listening.isVisible())) {
    // It starts with the sandbox; turning the sandbox off again leaves it listening.
    const sandbox = admin.getByRole("switch", { name: /Sandbox/ });
    await sandbox.click();
    await expect(sandbox).toBeChecked();
    await sandbox.click();
    await expect(sandbox).not.toBeChecked();
    await admin.reload();
  }
  const text = await listening.innerText();
  return Number(/127\.0\.0\.1:(\d+)/.exec(text)![1]);
}
