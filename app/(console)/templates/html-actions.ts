"use server";
// HTML template actions, beside the text template's actions.ts: save / reset the HTML
// body of a family or the shared layout, and "Send preview to me" with the editor's unsaved HTML.
// Authors and admins alike ("any" role); the store re-validates everything.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, missingArgument } from "@/lib/auth/action";
import { getHtmlFile, htmlHistory, resetHtml, saveHtml } from "@/lib/templates-store/html-store";
import { sendTemplatePreview, type PreviewSendView } from "@/lib/templates-store/preview";
import type { HtmlFileState } from "@/components/templates/html-editor";
import type { HistoryEntry } from "@/components/templates/types";

async function current(target: string, lang: string): Promise<{ file: HtmlFileState; history: HistoryEntry[] }> {
  const [f, history] = await Promise.all([getHtmlFile(target, lang), htmlHistory(target, lang)]);
  return { file: { html: f.html, status: f.status, updatedAt: f.updatedAt, updatedBy: f.updatedBy }, history };
}

export const saveHtmlAction = action(
  "any",
  z.tuple([z.string(), z.string(), z.string()]),
  async (me, [target, lang, html]) => {
    const r = await saveHtml(target, lang, html, me.email);
    revalidatePath("/templates");
    return { ok: true as const, data: { saved: r.saved, ...(await current(target, lang)) } };
  },
  { invalid: missingArgument(["target", "lang", "html"]) },
);

export const resetHtmlAction = action(
  "any",
  z.tuple([z.string(), z.string()]),
  async (me, [target, lang]) => {
    const r = await resetHtml(target, lang, me.email);
    revalidatePath("/templates");
    return { ok: true as const, data: { reset: r.reset, ...(await current(target, lang)) } };
  },
  { invalid: missingArgument(["target", "lang"]) },
);

/** "Send preview to me" from the HTML editor: the saved text, the editor's HTML, the sample data. */
export const sendHtmlPreviewAction = action(
  "any",
  z.tuple([z.string(), z.string(), z.unknown(), z.object({ lang: z.string(), html: z.string() })]),
  async (me, [family, text, data, extra]) => {
    const r: PreviewSendView = await sendTemplatePreview({ family, text, data, to: me.email, lang: extra.lang, html: extra.html }, me.id);
    return { ok: true as const, data: r };
  },
  { invalid: missingArgument(["family", "text", "data", "lang"]) },
);
