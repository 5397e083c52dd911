// "Send preview to me" through a real SMTP server on loopback, and the render API's helper.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/testing/smtp";
import { saveServiceConfig } from "@/lib/config/store";
import { EMAIL_CHANNEL_PID, MAIL_SERVICE_PID, WORKFLOW_EMAIL_PID } from "@/lib/config/services";
import { listMailLog } from "@/lib/db/mail-log";
import { AppError } from "@/lib/errors";
import { sampleData } from "@/lib/templates";
import { getHtmlFile, saveHtml } from "./html-store";
import { mailServiceStatus, NOT_CONFIGURED_MESSAGE, PREVIEW_EDITOR_HEADER, sendTemplatePreview, templateSender } from "./preview";
import { parseRenderRequest, renderForRequest } from "./render-request";
import { addLanguage, saveTemplate } from "./store";

const ME = "theo@herald.test";
const shipped = (family: string, lang: string) => fs.readFileSync(path.join(process.cwd(), "templates", family, `${lang}.txt`), "utf8");

async function configureMail(smtp: TestSmtpServer) {
  await saveServiceConfig(MAIL_SERVICE_PID, { "smtp.host": "127.0.0.1", "smtp.port": smtp.port, "from.address": "Herald <herald@example.com>" }, { actor: "ada@herald.test" });
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe("send preview to me", () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(() => smtp.stop());
  beforeEach(() => {
    useFreshDataDir();
  });

  it("says plainly that no mail service is configured, and sends nothing", async () => {
    expect(await mailServiceStatus()).toEqual({ configured: false, server: null });
    const before = smtp.messages.length;
    const r = await sendTemplatePreview({ family: "page", text: shipped("page", "en"), data: sampleData("page"), to: ME }, "author-1");
    expect(r).toEqual({ ok: false, notConfigured: true, message: NOT_CONFIGURED_MESSAGE });
    expect(NOT_CONFIGURED_MESSAGE).toMatch(/no SMTP host \(smtp\.host\)/);
    expect(smtp.messages.length).toBe(before);
    expect((await listMailLog()).total).toBe(0);
  });

  it("sends the unsaved text rendered with the sample data, from the family's sender, and logs it", async () => {
    await configureMail(smtp);
    expect(await mailServiceStatus()).toEqual({ configured: true, server: `127.0.0.1:${smtp.port}` });
    await saveServiceConfig(WORKFLOW_EMAIL_PID, { "from.address": "Workflow <workflow@wknd.example>", "host.prefix": "https://author.wknd.example" }, { actor: "ada@herald.test" });

    const text = shipped("workflow", "de").replace(/^subject=.*$/m, "subject=Bitte prüfen: ${item.node.title} (${nosuch})");
    const data = { ...sampleData("workflow"), "item.node.title": "Freigabe Übersetzung" };
    const before = smtp.messages.length;
    const r = await sendTemplatePreview({ family: "workflow", text, data, to: ME }, "author-1");
    expect(r).toMatchObject({ ok: true, to: ME, from: "Workflow <workflow@wknd.example>", server: `127.0.0.1:${smtp.port}`, subject: "Bitte prüfen: Freigabe Übersetzung (${nosuch})" });

    const [msg] = (await smtp.waitForMessages(before + 1)).slice(before);
    expect(msg!.to).toEqual([ME]);
    expect(msg!.from).toBe("workflow@wknd.example");
    expect(msg!.parsed.subject).toBe("Bitte prüfen: Freigabe Übersetzung (${nosuch})");
    expect(msg!.parsed.text).toContain("Schritt: Freigabe Übersetzung\n");
    // ${host.prefix} from the saved Workflow service, as real mail uses it — not the sample data's localhost.
    expect(sampleData("workflow")["host.prefix"]).toBe("http://localhost:4502");
    expect(msg!.parsed.text).toContain(`Inhalt: https://author.wknd.example/bin/wcmcommand?cmd=open&path=/content/wknd/us/en/adventures/bali-surf-camp\n`);
    expect(msg!.parsed.text).not.toContain("localhost:4502");
    expect(msg!.parsed.text).not.toContain("${host.prefix}");

    const log = await listMailLog();
    expect(log.rows[0]).toMatchObject({ kind: "preview", result: "ok", recipients: ME, subject: "Bitte prüfen: Freigabe Übersetzung (${nosuch})" });
    expect(log.rows[0]!.transcript).toBeNull(); // debug.email is off
  });

  it("keeps AEM's leading spaces and uses the Email Channel's sender for page events", async () => {
    await configureMail(smtp);
    await saveServiceConfig(EMAIL_CHANNEL_PID, { "email.from": "pages@wknd.example" }, { actor: "ada@herald.test" });
    const aem = fs.readFileSync(path.join(process.cwd(), "lib/templates/__vectors__/reader/aem-page-en.properties"), "utf8");
    const before = smtp.messages.length;
    const r = await sendTemplatePreview({ family: "page", text: aem, data: sampleData("page"), to: ME }, "author-1");
    expect(r.ok).toBe(true);
    const [msg] = (await smtp.waitForMessages(before + 1)).slice(before);
    expect(msg!.from).toBe("pages@wknd.example");
    expect(msg!.parsed.subject).toBe("[CQ Page Event Notification]: Page Event");
    expect(msg!.parsed.text).toContain("\n Time: 2026-03-14 09:26:53\n User: Alison Parker (aparker)\n");
  });

  it("from the Text tab sends the multipart mail a recipient gets: the edited text and the saved HTML of that language", async () => {
    await configureMail(smtp);
    const html = (await getHtmlFile("workflow", "de")).html.replace("</h1>", " — gespeichert</h1>");
    await saveHtml("workflow", "de", html, "ada@herald.test");
    const text = shipped("workflow", "de").replace(/^subject=.*$/m, "subject=Ungespeicherter Betreff");
    const before = smtp.messages.length;
    const r = await sendTemplatePreview({ family: "workflow", text, data: sampleData("workflow"), to: ME, lang: "de" }, "author-1");
    expect(r).toMatchObject({ ok: true, subject: "Ungespeicherter Betreff" });
    const msg = (await smtp.waitForMessages(before + 1))[before]!;
    expect(msg.raw.toString("utf8")).toMatch(/Content-Type: multipart\/alternative/i);
    expect(msg.parsed.text).toContain("Schritt: Approve Content\n");
    expect(msg.parsed.html).toContain("— gespeichert</h1>");
    expect(msg.parsed.html).toMatch(/<html lang="de">/);
    expect(msg.parsed.headers.get(PREVIEW_EDITOR_HEADER.toLowerCase())).toBe("text");

    // A language that sends text only (an empty HTML override) stays one text part.
    await saveHtml("workflow", "de", "", "ada@herald.test");
    await sendTemplatePreview({ family: "workflow", text, data: sampleData("workflow"), to: ME, lang: "de" }, "author-1");
    const plain = (await smtp.waitForMessages(before + 2))[before + 1]!;
    expect(plain.parsed.html).toBe(false);
    expect(plain.raw.toString("utf8")).not.toMatch(/multipart\/alternative/i);
  });

  it("reports a refused delivery in plain words and logs the failure", async () => {
    const refusing = await startTestSmtpServer({ rejectRecipients: (a) => (a === "nobody@herald.test" ? "550 5.1.1 no such user" : null) });
    try {
      await configureMail(refusing);
      const r = await sendTemplatePreview({ family: "forum", text: shipped("forum", "en"), data: {}, to: "nobody@herald.test" }, "author-1");
      expect(r.ok).toBe(false);
      if (r.ok || r.notConfigured) throw new Error("expected an SMTP failure");
      expect(r.error.code).toBe("recipient_rejected");
      expect(r.error.response).toMatch(/550 5\.1\.1 no such user/);
      expect((await listMailLog()).rows[0]).toMatchObject({ kind: "preview", result: "failed" });
    } finally {
      await refusing.stop();
    }
  });

  it("refuses unreadable text and bad sample data before talking SMTP", async () => {
    await configureMail(smtp);
    const before = smtp.messages.length;
    const bad = await rejection(sendTemplatePreview({ family: "page", text: "subject=\\u12\n", data: {}, to: ME }, "author-1"));
    expect(bad.code).toBe("validation");
    expect(bad.message).toMatch(/nothing was sent: Line 1, column 9: malformed \\uXXXX escape/);
    const data = await rejection(sendTemplatePreview({ family: "page", text: shipped("page", "en"), data: { time: { nested: 1 } }, to: ME }, "author-1"));
    expect(data.fields).toEqual({ "data.time": ["Must be a string, number, boolean or null."] });
    const arr = await rejection(sendTemplatePreview({ family: "page", text: shipped("page", "en"), data: [1], to: ME }, "author-1"));
    expect(arr.fields).toEqual({ data: ["Must be a JSON object."] });
    expect((await rejection(sendTemplatePreview({ family: "x", text: "", data: {}, to: ME }, "author-1"))).code).toBe("not_found");
    expect(smtp.messages.length).toBe(before);
  });

  it("shows each family's configured sender", async () => {
    expect(await templateSender("page")).toMatchObject({ address: "no-reply@acme.com", source: "Notification Email Channel · email.from" });
    expect(await templateSender("forum")).toMatchObject({ address: "no-reply@acme.com" });
    expect(await templateSender("workflow")).toMatchObject({ address: "workflow-process-service@acme.com", field: "from.address", pid: WORKFLOW_EMAIL_PID });
    expect((await templateSender("collection")).pid).toBe(MAIL_SERVICE_PID);
  });
});

describe("render request (POST /api/v1/templates/render)", () => {
  beforeEach(() => {
    useFreshDataDir();
  });

  it("renders the recipient's language, falls back to en and says so", async () => {
    await addLanguage("workflow", "es", "ada@herald.test");
    await saveTemplate("workflow", "es", shipped("workflow", "en").replace(/^subject=.*$/m, "subject=Flujo de trabajo: ${event.EventType}"), "ada@herald.test");

    const es = await renderForRequest({ family: "workflow", lang: "es", data: { "event.EventType": "NodeTransition" } });
    expect(es.subject).toBe("Flujo de trabajo: NodeTransition");
    expect(es.language).toBe("es");
    expect(es.resolution).toMatchObject({ fallback: false, reason: "exact" });

    const pt = await renderForRequest({ family: "workflow", lang: "pt", data: sampleData("workflow") });
    expect(pt).toMatchObject({ subject: "Workflow notification: NodeTransition", language: "en", resolution: { fallback: true, reason: "not-available" } });
    expect(pt.warnings).toEqual(['Language: No template in "pt"; using "en".']);
    expect(pt.body).toContain("http://localhost:4502/bin/wcmcommand?cmd=open&path=/content/wknd/us/en/adventures/bali-surf-camp");

    const partial = await renderForRequest({ family: "forum", lang: "de", data: { time: "heute", count: 3 } });
    expect(partial.language).toBe("de");
    expect(partial.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^No value for \$\{forum\.path\}; it was left as written/)]));
    expect(partial.body).toContain("${forum.path}");
  });

  it("names every bad field by its path", async () => {
    const e = await rejection(renderForRequest({ family: "newsletter", lang: 7, data: { a: { b: 1 } }, extra: true }));
    expect(e.code).toBe("validation");
    expect(Object.keys(e.fields!).sort()).toEqual(["_body", "data.a", "family", "lang"]);
    expect(e.fields!.family![0]).toMatch(/page, forum, workflow, collection/);
    expect(e.fields!._body![0]).toBe("Unknown field(s): extra.");
    expect(parseRenderRequest({ family: "page" })).toEqual({ family: "page" });
    expect((await rejection(renderForRequest(null))).fields).toHaveProperty("_body");
  });
});
