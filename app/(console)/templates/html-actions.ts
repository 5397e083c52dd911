"use server";
// HTML template actions, beside the text template's actions.ts: save / reset the HTML
// body of a family or the shared layout, and "Send preview to me" with the editor's unsaved HTML.
// Authors and admins alike ("any" role); the store re-validates everything.
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getHtmlFile, htmlHistory, resetHtml, saveHtml } from "@/lib/templates-store/html-store";
import { sendTemplatePreview, type PreviewSendView } from "@/lib/templates-store/preview";
import type { HtmlFileState } from "@/components/templates/html-editor";
import type { HistoryEntry } from "@/components/templates/types";

function str(v: unknown, field: string): string {
  if (typeof v !== "string") throw new AppError("validation", `${field} is missing.`, { [field]: ["Required."] });
  return v;
}

async function current(target: string, lang: string): Promise<{ file: HtmlFileState; history: HistoryEntry[] }> {
  const [f, history] = await Promise.all([getHtmlFile(target, lang), htmlHistory(target, lang)]);
  return { file: { html: f.html, status: f.status, updatedAt: f.updatedAt, updatedBy: f.updatedBy }, history };
}

export const saveHtmlAction = action("any", async (me, target: string, lang: string, html: string) => {
  const r = await saveHtml(str(target, "target"), str(lang, "lang"), str(html, "html"), me.email);
  revalidatePath("/templates");
  return { ok: true as const, data: { saved: r.saved, ...(await current(target, lang)) } };
});

export const resetHtmlAction = action("any", async (me, target: string, lang: string) => {
  const r = await resetHtml(str(target, "target"), str(lang, "lang"), me.email);
  revalidatePath("/templates");
  return { ok: true as const, data: { reset: r.reset, ...(await current(target, lang)) } };
});

/** "Send preview to me" from the HTML editor: the saved text, the editor's HTML, the sample data. */
export const sendHtmlPreviewAction = action("any", async (me, family: string, text: string, data: unknown, extra: { lang: string; html: string }) => {
  const r: PreviewSendView = await sendTemplatePreview({
    family: str(family, "family"),
    text: str(text, "text"),
    data,
    to: me.email,
    lang: str(extra?.lang, "lang"),
    html: str(extra?.html, "html"),
  }, me.id);
  return { ok: true as const, data: r };
});
