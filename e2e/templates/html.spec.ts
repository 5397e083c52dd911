// HTML email end to end: an author edits the HTML of workflow/ko, sees it in the sandboxed preview
// at desktop and 390 px width, saves; a workflow event through the API arrives at a real SMTP
// server as multipart/alternative (HTML escaped, text byte for byte the .txt's rendering); a
// "plain text only" recipient gets one part; a <script> in sample data never runs in the console.
import fs from "node:fs";
import path from "node:path";
import { test, expect } from "../fixtures/test";
import { startTestSmtpServer, type TestSmtpServer } from "../../lib/testing/smtp";
import { parseProperties, renderTemplate } from "../../lib/templates";
import { bearer, createKey, importConfig, pointMailServiceAt } from "../sending/helpers";

test.describe.configure({ mode: "serial" });

let smtp: TestSmtpServer;
let key: string;
const MARK = `HTML 편집 ${Date.now()}`;

test.beforeAll(async () => {
  smtp = await startTestSmtpServer();
  pointMailServiceAt(smtp.port);
  // ${host.prefix} comes from the Workflow service's configuration (whatever earlier specs set).
  importConfig("com.day.cq.workflow.impl.email.EMailNotificationService", { "host.prefix": HOST });
  key = createKey("e2e html", "send,recipients,templates");
});
test.afterAll(async () => smtp?.stop());

const HOST = "http://localhost:4502";
const MOBILE = 390;
function workflowEvent(participant: Record<string, string>) {
  return {
    event: { type: "NodeTransition", user: "aparker", time: "2026-03-14T09:26:53Z" },
    participant,
    item: { id: "/var/workflow/instances/x/workItems/node1", node: { id: "node1", title: "Approve <Content> & Publish" } },
    model: { id: "/var/workflow/models/request_for_activation", title: "Request for Activation", version: "1.3" },
    instance: { id: "/var/workflow/instances/x", state: "RUNNING" },
    initiator: { id: "aparker", name: "Alison Parker", email: "alison.parker@example.com", home: "/home/users/a/aparker" },
    payload: { type: "JCR_PATH", path: "/content/site/ko/start" },
  };
}

/** What the .txt gives for this event: the text part must be exactly this (today's output). */
function expectedText(participant: { id: string; name: string; email: string }): string {
  const file = fs.readFileSync(path.join(process.cwd(), "templates", "workflow", "ko.txt"), "utf8");
  const parsed = parseProperties(file);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return renderTemplate(parsed.entries, {
    "event.EventType": "NodeTransition",
    "event.TimeStamp": "2026-03-14 09:26:53 UTC",
    "item.node.title": "Approve <Content> & Publish",
    "participant.name": participant.name,
    "participant.id": participant.id,
    "model.title": "Request for Activation",
    "payload.path.open": "/bin/wcmcommand?cmd=open&path=/content/site/ko/start",
    "host.prefix": HOST,
  }).body;
}

test("an author edits workflow/ko HTML, previews it at desktop and 390 px (a <script> never runs), and saves", async ({ authorPage: page }) => {
  page.on("dialog", (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });
  await page.goto("/templates/workflow/ko");
  await page.getByTestId("format-switch").getByRole("link", { name: "HTML (ko.html)" }).click();
  await expect(page.getByTestId("html-status")).toHaveText("Default");
  const frame = page.frameLocator('[data-testid="html-preview-frame"]');
  await expect(frame.getByRole("heading", { name: "워크플로 알림: NodeTransition" })).toBeVisible();
  await expect(page.getByTestId("html-preview-frame")).toHaveAttribute("sandbox", "");

  // Type a paragraph at the top; `${` offers the workflow variables.
  await page.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.type(`<p class="added">${MARK} \${`);
  const list = page.locator(".cm-tooltip-autocomplete");
  await expect(list.getByRole("option", { name: "participant.name", exact: true })).toBeVisible();
  await page.keyboard.type("participant.na");
  await list.getByRole("option", { name: "participant.name", exact: true }).click();
  await page.keyboard.type("</p>\n");
  await expect(frame.locator("p.added")).toHaveText(`${MARK} Jonas Weber`);
  await expect(page.getByTestId("unsaved-badge")).toBeVisible();

  // Both widths.
  const iframe = page.getByTestId("html-preview-frame");
  await page.getByRole("button", { name: "Mobile (390 px)" }).click();
  await expect(iframe).toHaveAttribute("data-width", "mobile");
  await expect.poll(async () => Math.round((await iframe.boundingBox())!.width)).toBe(MOBILE);
  await expect(frame.locator("p.added")).toBeVisible();
  await page.getByRole("button", { name: "Desktop" }).click();
  await expect(iframe).toHaveAttribute("data-width", "desktop");
  await expect.poll(async () => (await iframe.boundingBox())!.width).toBeGreaterThan(MOBILE + 50);

  // A <script> in the sample data arrives as text and never runs.
  const sample = page.getByLabel(/Sample data/);
  const json = JSON.parse(await sample.inputValue());
  json["participant.name"] = `<script>alert("pwned")</script><img src=x onerror="alert(1)">`;
  await sample.fill(JSON.stringify(json, null, 2));
  await expect(frame.locator("p.added")).toHaveText(`${MARK} <script>alert("pwned")</script><img src=x onerror="alert(1)">`);
  await expect(frame.locator("p.added script, p.added img")).toHaveCount(0);

  await page.keyboard.press("ControlOrMeta+s");
  await expect(page.getByRole("status").getByText("Saved", { exact: true })).toBeVisible();
  await expect(page.getByTestId("html-status")).toHaveText("Modified");
  await page.reload();
  await expect(page.getByTestId("html-status")).toHaveText("Modified");
  await expect(frame.locator("p.added")).toContainText(MARK);
  await page.locator(".cm-content").click();
  await page.screenshot({ path: "docs/html-editor.png", fullPage: false });
});

test("a workflow event arrives as multipart/alternative: escaped HTML with the edit, text byte for byte", async ({ request }) => {
  const participant = { id: "kim", email: "kim@example.com", name: `<script>alert(1)</script> Kim & "Lee"`, language: "ko" };
  const r = await request.post("/api/v1/events/workflow", { headers: bearer(key), data: workflowEvent(participant) });
  expect(r.status()).toBe(202);
  const [mail] = await smtp.waitForMessages(1, 15_000);
  expect(mail!.raw.toString("utf8")).toMatch(/Content-Type: multipart\/alternative/i);
  expect(mail!.parsed.subject).toBe("워크플로 알림: NodeTransition");
  expect(mail!.parsed.text).toBe(expectedText(participant));
  const html = mail!.parsed.html as string;
  expect(html).toContain(`${MARK} &lt;script&gt;alert(1)&lt;/script&gt; Kim &amp; &quot;Lee&quot;`);
  expect(html).toContain("Approve &lt;Content&gt; &amp; Publish");
  expect(html).not.toContain("<script>");
  expect(html).toContain(`href="${HOST}/bin/wcmcommand?cmd=open&amp;path=/content/site/ko/start"`);
  // Layout wrapped, CSS inlined.
  expect(html).toMatch(/<td class="brand"[^>]* style="[^"]*background-color: #1e3a8a/);

  // The render API returns both parts, the same ones.
  const rendered = await request.post("/api/v1/templates/render", {
    headers: bearer(key),
    data: { family: "workflow", lang: "ko", data: { "participant.name": "<b>x</b>" } },
  });
  const body = await rendered.json();
  expect(body.text).toBe(body.body);
  expect(body.html).toContain("&lt;b&gt;x&lt;/b&gt;");
});

test('a "plain text only" recipient gets one part', async ({ request }) => {
  const created = await request.post("/api/v1/recipients", {
    headers: bearer(key),
    data: { id: "plain-pat", email: "pat@example.com", name: "Pat", language: "ko", plainTextOnly: true },
  });
  expect(created.status()).toBe(201);
  expect((await created.json()).plainTextOnly).toBe(true);
  const before = smtp.messages.length;
  const participant = { id: "plain-pat", email: "pat@example.com", name: "Pat" };
  const r = await request.post("/api/v1/events/workflow", { headers: bearer(key), data: workflowEvent(participant) });
  expect(r.status()).toBe(202);
  const mails = await smtp.waitForMessages(before + 1, 15_000);
  const mail = mails[before];
  expect(mail!.parsed.html).toBe(false);
  expect(mail!.raw.toString("utf8")).not.toMatch(/multipart\/alternative/i);
  // mailparser ends a single-part (non-multipart) text body with one "\n" of its own.
  expect(mail!.parsed.text).toBe(expectedText(participant) + "\n");
});

test("the Mailbox page shows a received HTML mail safely (Text / HTML / Source)", async ({ adminPage: page, request }) => {
  page.on("dialog", (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });
  await page.goto("/mailbox");
  const sandbox = page.getByRole("switch", { name: /Sandbox/ });
  if (!(await sandbox.isChecked())) await sandbox.click();
  await expect(sandbox).toBeChecked();
  try {
    const participant = { id: "mina", email: "mina@example.com", name: `Mina <script>alert("x")</script>`, language: "ko" };
    const r = await request.post("/api/v1/events/workflow", { headers: bearer(key), data: workflowEvent(participant) });
    expect(r.status()).toBe(202);
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("mailbox-item").filter({ hasText: "mina@example.com" }).first()).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 15_000 });
    await page.getByTestId("mailbox-item").filter({ hasText: "mina@example.com" }).first().click();
    const frame = page.frameLocator('[data-testid="mail-html"]');
    await expect(frame.getByRole("heading", { name: "워크플로 알림: NodeTransition" })).toBeVisible();
    await expect(frame.getByText(`Mina <script>alert("x")</script>`).first()).toBeVisible();
    await page.getByTestId("mail-html").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "docs/mailbox-html-mail.png", fullPage: true });
    await page.getByRole("tab", { name: "Text" }).click();
    await expect(page.getByTestId("mail-text")).toContainText("워크플로: Request for Activation");
  } finally {
    await page.goto("/mailbox");
    const s = page.getByRole("switch", { name: /Sandbox/ });
    if (await s.isChecked()) await s.click();
    await expect(s).not.toBeChecked();
  }
});
