// The template store against a real SQLite file: shipped defaults overlaid by overrides, with
// history, reset, added languages and the language resolution used for sending.
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db/client";
import { failInserts } from "@/lib/testing/db";
import { renderTemplate, sampleData, writeProperties } from "@/lib/templates";
import {
  addLanguage,
  availableLanguages,
  getTemplateFile,
  removeLanguage,
  resetTemplate,
  resolveTemplate,
  saveTemplate,
  shippedTemplates,
  templateHistory,
  templateMatrix,
} from "./store";

const ADA = "ada@herald.test";
const THEO = "theo@herald.test";

const shippedFile = (family: string, lang: string) => fs.readFileSync(path.join(process.cwd(), "templates", family, `${lang}.txt`), "utf8");

/** The shipped text with its subject line replaced. */
function withSubject(text: string, subject: string): string {
  const out = text.replace(/^subject=.*$/m, `subject=${subject}`);
  expect(out).not.toBe(text);
  return out;
}

async function expectAppError(p: Promise<unknown>, code: string, message?: RegExp): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  if (message) expect((e as AppError).message).toMatch(message);
  return e as AppError;
}

describe("template store", () => {
  beforeEach(() => {
    useFreshDataDir();
  });

  it("reads the shipped defaults exactly as the files are", async () => {
    const file = await getTemplateFile("workflow", "de");
    expect(file).toMatchObject({ family: "workflow", lang: "de", status: "default", updatedAt: null, updatedBy: null });
    expect(file!.text).toBe(shippedFile("workflow", "de"));
    expect(file!.defaultText).toBe(file!.text);
    expect(shippedTemplates("page").get("en")).toBe(shippedFile("page", "en"));
    expect(await getTemplateFile("workflow", "es")).toBeNull();
    await expectAppError(getTemplateFile("newsletter", "en"), "not_found", /"newsletter" is not a template family/);
  });

  it("shows every family × language as default until edited, with en first", async () => {
    const m = await templateMatrix();
    expect(m.languages).toEqual(["en", "de", "fr", "ja", "ko"]);
    expect(m.cells).toHaveLength(4 * 5);
    expect(m.cells.every((c) => c.status === "default")).toBe(true);
    expect(m.cells.find((c) => c.family === "forum" && c.lang === "ja")?.languageName).toBe("Japanese");
  });

  it("saves an edit as an override with who and when, and keeps every version", async () => {
    const original = shippedFile("workflow", "de");
    const edited = withSubject(original, "Aufgabe für ${participant.name}: ${item.node.title}");
    expect(await saveTemplate("workflow", "de", edited, ADA)).toEqual({ saved: true });

    const file = await getTemplateFile("workflow", "de");
    expect(file).toMatchObject({ status: "modified", text: edited, defaultText: original, updatedBy: ADA });
    expect(Date.parse(file!.updatedAt!)).toBeGreaterThan(Date.now() - 60_000);

    // Saving the same text again changes nothing.
    expect(await saveTemplate("workflow", "de", edited, THEO)).toEqual({ saved: false });
    const edited2 = edited.replace("Zeit:", "Zeitpunkt:");
    await saveTemplate("workflow", "de", edited2, THEO);

    const history = await templateHistory("workflow", "de");
    expect(history.map((h) => [h.action, h.actor, h.text])).toEqual([
      ["save", THEO, edited2],
      ["save", ADA, edited],
    ]);
    const m = await templateMatrix();
    expect(m.cells.find((c) => c.family === "workflow" && c.lang === "de")).toMatchObject({ status: "modified", updatedBy: THEO });
    expect(m.cells.find((c) => c.family === "workflow" && c.lang === "fr")).toMatchObject({ status: "default" });

    const audit = await db().auditEvent.findMany({ where: { action: "template.save" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.actor, a.target])).toEqual([
      [ADA, "workflow/de"],
      [THEO, "workflow/de"],
    ]);
  });

  it("keeps no edit whose audit row could not be written", async () => {
    const edited = withSubject(shippedFile("workflow", "fr"), "Tâche: ${item.node.title}");
    await templateMatrix(); // the schema exists before the trigger is added
    await failInserts("AuditEvent", "actor", "mallory");
    await expect(saveTemplate("workflow", "fr", edited, "mallory")).rejects.toThrow(/auditEvent\.create|simulated failure/);
    expect(await getTemplateFile("workflow", "fr")).toMatchObject({ status: "default" });
    expect(await templateHistory("workflow", "fr")).toEqual([]);
  });

  it("refuses text with errors and names the line, but accepts warnings", async () => {
    const good = shippedFile("page", "en");
    const badEscape = good.replace("subject=", "subject=Caf\\u00e ");
    const e = await expectAppError(saveTemplate("page", "en", badEscape, ADA), "validation", /not saved: line \d+: .*malformed \\uXXXX escape/);
    expect(e.fields?.text?.[0]).toMatch(/^line \d+: /);

    const noFooter = writeProperties({ subject: "s", header: "h", message: "m" });
    await expectAppError(saveTemplate("page", "en", noFooter, ADA), "validation", /Missing key "footer"/);
    const twoLineSubject = good.replace(/^subject=(.*)$/m, "subject=$1\\nsecond line");
    await expectAppError(saveTemplate("page", "en", twoLineSubject, ADA), "validation", /single line/);
    expect((await getTemplateFile("page", "en"))!.status).toBe("default");

    // An unknown variable is only a warning: sent as written, saved.
    const unknownVar = good.replace("subject=", "subject=${nosuch} ");
    expect(await saveTemplate("page", "en", unknownVar, ADA)).toEqual({ saved: true });
    expect((await getTemplateFile("page", "en"))!.text).toBe(unknownVar);
  });

  it("refuses languages and families that do not exist", async () => {
    await expectAppError(saveTemplate("workflow", "es", shippedFile("workflow", "en"), ADA), "not_found", /add the language first/);
    await expectAppError(saveTemplate("workflow", "xx", shippedFile("workflow", "en"), ADA), "validation", /"xx" is not a two-letter ISO 639-1/);
    await expectAppError(saveTemplate("mail", "en", "subject=x", ADA), "not_found");
    await expectAppError(saveTemplate("page", "en", "x".repeat(513 * 1024), ADA), "payload_too_large");
  });

  it("saving the default text back removes the override; reset goes back to the default", async () => {
    const original = shippedFile("forum", "fr");
    const edited = withSubject(original, "Nouveau message sur ${forum.path}");
    await saveTemplate("forum", "fr", edited, ADA);
    await saveTemplate("forum", "fr", original, ADA);
    expect(await getTemplateFile("forum", "fr")).toMatchObject({ status: "default", updatedBy: null, text: original });

    await saveTemplate("forum", "fr", edited, ADA);
    expect(await resetTemplate("forum", "fr", THEO)).toEqual({ reset: true });
    expect(await getTemplateFile("forum", "fr")).toMatchObject({ status: "default", text: original });
    const history = await templateHistory("forum", "fr");
    expect(history.map((h) => [h.action, h.actor])).toEqual([
      ["reset", THEO],
      ["save", ADA],
      ["save", ADA],
      ["save", ADA],
    ]);
    expect(history[0]!.text).toBeNull();

    // Nothing to reset: nothing recorded.
    expect(await resetTemplate("forum", "fr", THEO)).toEqual({ reset: false });
    expect(await templateHistory("forum", "fr")).toHaveLength(4);
    expect(await db().auditEvent.count({ where: { action: "template.reset" } })).toBe(1);
  });

  it("adds a language from the effective English template, validated against ISO 639-1", async () => {
    const en = withSubject(shippedFile("workflow", "en"), "Task: ${item.node.title}");
    await saveTemplate("workflow", "en", en, ADA);

    expect(await addLanguage("workflow", " ES ", THEO)).toEqual({ lang: "es" });
    const es = await getTemplateFile("workflow", "es");
    expect(es).toMatchObject({ status: "added", text: en, defaultText: null, updatedBy: THEO });
    expect(await availableLanguages("workflow")).toEqual(["de", "en", "es", "fr", "ja", "ko"]);
    expect(await availableLanguages("page")).toEqual(["de", "en", "fr", "ja", "ko"]);
    expect((await templateHistory("workflow", "es")).map((h) => h.action)).toEqual(["add"]);

    const m = await templateMatrix();
    expect(m.languages).toEqual(["en", "de", "es", "fr", "ja", "ko"]);
    expect(m.cells.find((c) => c.family === "workflow" && c.lang === "es")).toMatchObject({ status: "added", languageName: "Spanish" });
    expect(m.cells.some((c) => c.family === "page" && c.lang === "es")).toBe(false);

    await expectAppError(addLanguage("workflow", "es", ADA), "conflict", /already has a Spanish \(es\) template/);
    await expectAppError(addLanguage("workflow", "de", ADA), "conflict", /German/);
    await expectAppError(addLanguage("workflow", "xx", ADA), "validation", /"xx" is not a two-letter ISO 639-1 language code/);
    const e = await expectAppError(addLanguage("workflow", "pt-BR", ADA), "validation", /Use "pt" \(Portuguese\)/);
    expect(e.fields?.lang?.[0]).toMatch(/pt/);
    await expectAppError(addLanguage("workflow", "iw", ADA), "validation", /Use "he" \(Hebrew\)/);
    await expectAppError(addLanguage("workflow", "", ADA), "validation");

    // An added language is edited like any other.
    const esText = withSubject(en, "Tarea: ${item.node.title}");
    expect(await saveTemplate("workflow", "es", esText, ADA)).toEqual({ saved: true });
    expect(await getTemplateFile("workflow", "es")).toMatchObject({ status: "added", text: esText });
  });

  it("removes an added language, never a shipped one", async () => {
    await addLanguage("collection", "nl", ADA);
    await expectAppError(removeLanguage("collection", "de", ADA), "conflict", /cannot be removed; reset it/);
    await expectAppError(resetTemplate("collection", "nl", ADA), "conflict", /remove the language instead/);
    await removeLanguage("collection", "nl", THEO);
    expect(await getTemplateFile("collection", "nl")).toBeNull();
    expect(await availableLanguages("collection")).not.toContain("nl");
    expect((await templateHistory("collection", "nl")).map((h) => [h.action, h.actor])).toEqual([
      ["remove", THEO],
      ["add", ADA],
    ]);
    await expectAppError(removeLanguage("collection", "nl", THEO), "not_found");
    // It can be added again, from en.
    await addLanguage("collection", "nl", ADA);
    expect((await getTemplateFile("collection", "nl"))!.text).toBe(shippedFile("collection", "en"));
  });

  it("resolves a recipient's language: theirs when there is a template, else en, and says why", async () => {
    await addLanguage("workflow", "es", ADA);
    await saveTemplate("workflow", "es", withSubject(shippedFile("workflow", "en"), "Notificación de flujo de trabajo: ${event.EventType}"), ADA);
    const data = sampleData("workflow");

    const es = await resolveTemplate("workflow", "es");
    expect(es.language).toBe("es");
    expect(es.resolution).toMatchObject({ reason: "exact", fallback: false });
    expect(renderTemplate(es.compiled, data).subject).toBe("Notificación de flujo de trabajo: NodeTransition");

    const esMx = await resolveTemplate("workflow", "es_MX");
    expect(esMx).toMatchObject({ language: "es", resolution: { reason: "normalized", normalized: "es" } });

    const pt = await resolveTemplate("workflow", "pt");
    expect(pt.language).toBe("en");
    expect(pt.resolution).toMatchObject({ reason: "not-available", fallback: true });
    expect(pt.resolution.detail).toBe('No template in "pt"; using "en".');
    expect(renderTemplate(pt.compiled, data).subject).toBe("Workflow notification: NodeTransition");

    expect((await resolveTemplate("workflow", null)).resolution.reason).toBe("not-requested");
    expect((await resolveTemplate("workflow", "klingon")).resolution).toMatchObject({ language: "en", reason: "invalid" });

    // An edit in this process is seen at once (no stale cache).
    const de2 = withSubject(shippedFile("workflow", "de"), "Neu: ${event.EventType}");
    await resolveTemplate("workflow", "de");
    await saveTemplate("workflow", "de", de2, ADA);
    expect(renderTemplate((await resolveTemplate("workflow", "de")).compiled, data).subject).toBe("Neu: NodeTransition");
    await resetTemplate("workflow", "de", ADA);
    expect(renderTemplate((await resolveTemplate("workflow", "de")).compiled, data).subject).toBe("Workflow-Benachrichtigung: NodeTransition");

    await removeLanguage("workflow", "es", ADA);
    expect((await resolveTemplate("workflow", "es")).language).toBe("en");
    await expectAppError(resolveTemplate("nope", "en"), "not_found");
  });
});
