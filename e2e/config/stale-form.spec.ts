// Two admins edit the Mail Service at once: the second save is refused with who changed it and
// when, instead of silently overwriting the first. (Named to run after mail-service.spec.ts, whose
// history test counts versions from the first save.)
import { test, expect } from "../fixtures/test";
import { ADMIN, adminState } from "../fixtures/env";

const PID = "com.day.cq.mailer.DefaultMailService";

test("a save over a change made since the form was loaded is refused with who and when — reload", async ({ adminPage: first, browser }) => {
  const ctx = await browser.newContext({ storageState: adminState() });
  const second = await ctx.newPage();
  try {
    await first.goto(`/configuration/${PID}`);
    await second.goto(`/configuration/${PID}`);
    const original = await first.getByLabel("SMTP user").inputValue();

    await first.getByLabel("SMTP user").fill("first-editor");
    await first.getByRole("button", { name: "Save" }).click();
    await expect(first.getByText(/Saved as version \d+: SMTP user changed\./)).toBeVisible();

    await second.getByLabel("SMTP user").fill("second-editor");
    await second.getByRole("button", { name: "Save" }).click();
    const refused = second.getByRole("alert").filter({ hasText: "Nothing was saved" });
    await expect(refused).toContainText(
      new RegExp(`changed by ${ADMIN.email.replace(/\./g, "\\.")} at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\(version \\d+\\) — reload the page`),
    );
    // A form-level error: no field is marked.
    await expect(second.getByLabel("SMTP user")).not.toHaveAttribute("aria-invalid", "true");

    // After a reload the second admin sees the first one's value and can save over it — twice in
    // a row: a page's own save does not make it stale.
    await second.reload();
    await expect(second.getByLabel("SMTP user")).toHaveValue("first-editor");
    await second.getByLabel("SMTP user").fill("second-editor");
    await second.getByRole("button", { name: "Save" }).click();
    await expect(second.getByText(/Saved as version \d+: SMTP user changed\./)).toBeVisible();
    await second.getByLabel("SMTP user").fill(original);
    await expect(second.getByText("Unsaved changes")).toBeVisible();
    await second.getByRole("button", { name: "Save" }).click();
    await expect(second.getByText("No changes", { exact: true })).toBeVisible();
    await expect(second.getByRole("alert").filter({ hasText: "Nothing was saved" })).toHaveCount(0);
    await second.reload();
    await expect(second.getByLabel("SMTP user")).toHaveValue(original);

    // The first admin's page, loaded before those saves, is stale now too.
    await first.getByLabel("SMTP user").fill("first-editor-again");
    await first.getByRole("button", { name: "Save" }).click();
    await expect(first.getByRole("alert").filter({ hasText: "Nothing was saved" })).toContainText("— reload the page");
  } finally {
    await ctx.close();
  }
});
