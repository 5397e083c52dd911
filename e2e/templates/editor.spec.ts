// The template editor as an author uses it: open the workflow `de` template, complete a variable
// after `${`, watch the live preview, save with Ctrl+S, see "Modified" after a reload, diff, reset;
// add `es`, and check which template a recipient of each language gets.
import { test, expect } from "../fixtures/test";
import { herald } from "../fixtures/env";
import type { Page } from "@playwright/test";

test.describe.configure({ mode: "serial" });

const editorLine = (page: Page, text: string) => page.locator(".cm-content .cm-line", { hasText: text }).first();

/**
 * Puts the cursor at the end of the line containing `text`, the way a keyboard user gets there:
 * CodeMirror renders only the lines near its viewport, so clicking a DOM line that is far down may
 * find nothing; walking down with the arrow keys scrolls it into view.
 */
async function cursorToEndOf(page: Page, text: string) {
  await page.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+Home");
  for (let i = 0; i < 400; i++) {
    const active = (await page.locator(".cm-activeLine").first().textContent()) ?? "";
    if (active.includes(text)) {
      await page.keyboard.press("End");
      return;
    }
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`no line contains ${text}`);
}

test("an author completes a variable, sees the preview change, saves with Ctrl+S, and resets to default", async ({ authorPage: page }) => {
  await page.goto("/templates");
  await expect(page.getByTestId("cell-workflow-de")).toContainText("default");
  await page.getByRole("link", { name: "Workflow, German (de): default" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Workflow · German (de)" })).toBeVisible();
  await expect(page.getByTestId("template-status")).toHaveText("Default");

  const subject = page.getByTestId("preview-subject");
  const body = page.getByTestId("preview-body");
  await expect(subject).toHaveText("Workflow-Benachrichtigung: NodeTransition");
  // The workflow service's configured sender (another spec may have imported its own).
  const configured = herald(["config", "export", "com.day.cq.workflow.impl.email.EMailNotificationService"]);
  await expect(page.getByTestId("preview-from")).toContainText(JSON.parse(configured)["from.address"]);
  await expect(page.getByTestId("preview-to")).toContainText("Jonas Weber <jonas.weber@wknd.example>");
  await expect(body).toContainText("Schritt: Approve Content");

  // Type "${", pick the variable from the completion list.
  await cursorToEndOf(page, "subject=Workflow-Benachrichtigung");
  await page.keyboard.type(" für ${");
  const list = page.locator(".cm-tooltip-autocomplete");
  await expect(list).toBeVisible();
  await expect(list.getByRole("option", { name: "event.EventType", exact: true })).toBeVisible();
  await page.keyboard.type("partic");
  await list.getByRole("option", { name: "participant.name", exact: true }).click();
  await expect(list).toBeHidden();
  await expect(editorLine(page, "subject=")).toHaveText("subject=Workflow-Benachrichtigung: ${event.EventType} für ${participant.name}");
  await expect(subject).toHaveText("Workflow-Benachrichtigung: NodeTransition für Jonas Weber");
  await expect(page.getByTestId("unsaved-badge")).toBeVisible();

  // Every keystroke updates the preview; an unknown variable is a lint warning and stays as written.
  await cursorToEndOf(page, "Schritt: ${item.node.title}");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type(" (${item.nodeTitle})");
  await expect(body).toContainText("Schritt: Approve Content (${item.nodeTitle})");
  await expect(page.getByTestId("lint-summary")).toContainText("1 warning");
  await expect(page.getByRole("list", { name: "Problems in the template" })).toContainText("Did you mean ${item.node.title}?");
  await expect(page.locator(".cm-lintRange-warning").first()).toBeVisible();
  for (let i = 0; i < " (${item.nodeTitle})".length; i++) await page.keyboard.press("Backspace");
  await expect(page.getByTestId("lint-summary")).toHaveText("No problems.");

  // Sample data is editable; a JSON mistake is shown inline and never breaks the preview.
  const sample = page.getByLabel("Sample data (JSON)");
  await sample.fill('{\n  "event.EventType": "WorkflowCompleted",\n  "participant.name": "Mara Koch",\n}');
  await expect(page.getByText(/^Line 4, column 1: /)).toBeVisible();
  await expect(subject).toHaveText("Workflow-Benachrichtigung: NodeTransition für Jonas Weber");
  await sample.fill('{\n  "event.EventType": "WorkflowCompleted",\n  "participant.name": "Mara Koch"\n}');
  await expect(subject).toHaveText("Workflow-Benachrichtigung: WorkflowCompleted für Mara Koch");
  await expect(body).toContainText("${item.node.title}");
  await page.getByRole("button", { name: "Restore sample values" }).click();
  await expect(subject).toHaveText("Workflow-Benachrichtigung: NodeTransition für Jonas Weber");

  // Leaving with unsaved changes asks first.
  page.once("dialog", (d) => {
    expect(d.message()).toContain("unsaved changes");
    void d.dismiss();
  });
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Templates" }).click();
  await expect(page).toHaveURL(/\/templates\/workflow\/de$/);
  await expect(page.getByTestId("unsaved-badge")).toBeVisible();

  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "test-results/artifacts/template-editor.png" });

  // Ctrl+S saves; after a reload the file is "Modified" and keeps the edit.
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("editor-notices")).toContainText("Saved");
  await expect(page.getByTestId("unsaved-badge")).toBeHidden();
  await page.reload();
  await expect(page.getByTestId("template-status")).toHaveText("Modified");
  await expect(subject).toHaveText("Workflow-Benachrichtigung: NodeTransition für Jonas Weber");
  const history = page.getByTestId("template-history");
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await expect(history).toContainText("Saved");
  await expect(history).toContainText("author@herald.test");
  await history.getByText("Saved").click();
  await expect(history.locator("tr", { hasText: "für ${participant.name}" })).toContainText("+");

  await page.getByRole("button", { name: "Diff against default" }).click();
  const diff = page.getByTestId("default-diff");
  await expect(diff).toContainText("1 line added, 1 removed");
  await expect(diff.locator("tr", { hasText: "für ${participant.name}" })).toContainText("+");

  // Reset (after a confirmation) brings the shipped default back.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Reset to default" }).click();
  await expect(page.getByTestId("template-status")).toHaveText("Default");
  await expect(subject).toHaveText("Workflow-Benachrichtigung: NodeTransition");
  await page.reload();
  await expect(page.getByTestId("template-status")).toHaveText("Default");
  await expect(page.getByTestId("template-history").getByRole("listitem")).toHaveCount(2);
  await page.goto("/templates");
  await expect(page.getByTestId("cell-workflow-de")).toContainText("default");
});

test("an author adds es; a recipient with es gets the es subject and one with pt gets en", async ({ authorPage: page, browser }) => {
  await page.goto("/templates");
  await page.getByLabel("Family").selectOption("workflow");
  const code = page.getByLabel("Language code (ISO 639-1)");
  await code.fill("xx");
  await expect(page.getByText('"xx" is not an ISO 639-1 language code.')).toBeVisible();
  await code.fill("es");
  await expect(page.getByText("Spanish (Español)")).toBeVisible();
  await page.getByRole("button", { name: "Add language" }).click();
  await expect(page).toHaveURL(/\/templates\/workflow\/es$/);
  await expect(page.getByTestId("template-status")).toHaveText("Added");
  // It starts as a copy of English.
  await expect(page.getByTestId("preview-subject")).toHaveText("Workflow notification: NodeTransition");

  // A distinguishable Spanish subject.
  await editorLine(page, "subject=").click();
  await page.keyboard.press("Home");
  await page.keyboard.press("Shift+End");
  await page.keyboard.type("subject=Notificación de flujo de trabajo: ${event.EventType}");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("preview-subject")).toHaveText("Notificación de flujo de trabajo: NodeTransition");
  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("editor-notices")).toContainText("Saved");

  // The editor's resolution check.
  const tryLang = page.getByLabel("Check a recipient's language");
  await tryLang.fill("pt");
  await expect(page.getByTestId("resolution-result")).toHaveText('Gets English (en) — No template in "pt"; using "en".');
  await tryLang.fill("es_MX");
  await expect(page.getByTestId("resolution-result")).toContainText("Gets Spanish (es)");

  // What recipients get, through the render API with the author's session.
  const render = (lang: string) =>
    page.request.post("/api/v1/templates/render", { data: { family: "workflow", lang, data: { "event.EventType": "NodeTransition" } } });
  const es = await render("es");
  expect(es.status()).toBe(200);
  expect(await es.json()).toMatchObject({ subject: "Notificación de flujo de trabajo: NodeTransition", language: "es", resolution: { fallback: false } });
  const pt = await render("pt");
  expect(pt.status()).toBe(200);
  const ptBody = await pt.json();
  expect(ptBody).toMatchObject({ subject: "Workflow notification: NodeTransition", language: "en", resolution: { fallback: true, reason: "not-available" } });
  expect(ptBody.warnings).toContain('Language: No template in "pt"; using "en".');

  // Calling systems use an API key with the "templates" scope; without a session or a key: 401.
  const url = new URL("/api/v1/templates/render", page.url()).toString();
  const anon = await browser.newContext();
  const denied = await anon.request.post(url, { data: { family: "workflow", lang: "es" } });
  expect(denied.status()).toBe(401);
  expect((await denied.json()).error.code).toBe("unauthenticated");
  const templatesKey = (JSON.parse(herald(["apikey", "create", "--name", "templates e2e", "--scopes", "templates", "--json"])) as { key: string }).key;
  const sendKey = (JSON.parse(herald(["apikey", "create", "--name", "send only e2e", "--scopes", "send", "--json"])) as { key: string }).key;
  const withKey = await anon.request.post(url, { data: { family: "workflow", lang: "es-ES" }, headers: { authorization: `Bearer ${templatesKey}` } });
  expect(withKey.status()).toBe(200);
  expect(await withKey.json()).toMatchObject({ subject: "Notificación de flujo de trabajo: ${event.EventType}", language: "es", resolution: { reason: "normalized" } });
  const wrongScope = await anon.request.post(url, { data: { family: "workflow", lang: "es" }, headers: { authorization: `Bearer ${sendKey}` } });
  expect(wrongScope.status()).toBe(403);
  const badRequest = await anon.request.post(url, { data: { family: "newsletter", data: { a: [1] } }, headers: { authorization: `Bearer ${templatesKey}` } });
  expect(badRequest.status()).toBe(400);
  expect(Object.keys((await badRequest.json()).error.fields).sort()).toEqual(["data.a", "family"]);
  await anon.close();

  // "Send preview to me" says what happened in plain words (no mail service, or the delivery result).
  const unconfigured = await page.getByText("No mail service is configured yet").isVisible();
  await page.getByRole("button", { name: "Send preview to me" }).click();
  const notices = page.getByTestId("editor-notices");
  if (unconfigured) await expect(notices.getByRole("status")).toContainText("No mail service is configured: the Day CQ Mail Service has no SMTP host (smtp.host)");
  else await expect(notices).toContainText(/Preview sent to author@herald\.test|The preview was not sent: /);

  // An added language can be removed again; then es recipients get English.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Remove language" }).click();
  await expect(page).toHaveURL(/\/templates$/);
  await expect(page.getByTestId("cell-workflow-es")).toHaveCount(0);
  expect((await (await render("es")).json()).language).toBe("en");
});
