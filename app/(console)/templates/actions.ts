"use server";
// Template actions. Authors and admins alike may edit templates ("any" role); each action checks
// the session itself (action wrapper) and the store re-validates everything.
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import {
  addLanguage,
  getTemplateFile,
  removeLanguage,
  resetTemplate,
  saveTemplate,
  templateHistory,
  type TemplateFile,
} from "@/lib/templates-store/store";
import { sendTemplatePreview, type PreviewSendView } from "@/lib/templates-store/preview";
import type { HistoryEntry, TemplateFileState } from "@/components/templates/types";

function str(v: unknown, field: string): string {
  if (typeof v !== "string") throw new AppError("validation", `${field} is missing.`, { [field]: ["Required."] });
  return v;
}

function fileState(f: TemplateFile | null): TemplateFileState {
  if (!f) throw new AppError("not_found", "The template no longer exists.");
  return { text: f.text, status: f.status, updatedAt: f.updatedAt, updatedBy: f.updatedBy };
}

async function current(family: string, lang: string): Promise<{ file: TemplateFileState; history: HistoryEntry[] }> {
  const [file, history] = await Promise.all([getTemplateFile(family, lang), templateHistory(family, lang)]);
  return { file: fileState(file), history };
}

export const saveTemplateAction = action("any", async (me, family: string, lang: string, text: string) => {
  const r = await saveTemplate(str(family, "family"), str(lang, "lang"), str(text, "text"), me.email);
  revalidatePath("/templates");
  return { ok: true as const, data: { saved: r.saved, ...(await current(family, lang)) } };
});

export const resetTemplateAction = action("any", async (me, family: string, lang: string) => {
  const r = await resetTemplate(str(family, "family"), str(lang, "lang"), me.email);
  revalidatePath("/templates");
  return { ok: true as const, data: { reset: r.reset, ...(await current(family, lang)) } };
});

export const removeLanguageAction = action("any", async (me, family: string, lang: string) => {
  await removeLanguage(str(family, "family"), str(lang, "lang"), me.email);
  revalidatePath("/templates");
  return { ok: true as const };
});

export const addLanguageAction = action("any", async (me, family: string, lang: string) => {
  const r = await addLanguage(str(family, "family"), str(lang, "lang"), me.email);
  revalidatePath("/templates");
  return { ok: true as const, data: { family, lang: r.lang } };
});

/**
 * "Send preview to me": the editor's current (unsaved) text with its sample data, to the signed-in
 * user, with the saved HTML of `lang` beside it when there is one — the multipart mail a recipient gets.
 */
export const sendPreviewAction = action("any", async (me, family: string, text: string, data: unknown, lang?: string) => {
  const r: PreviewSendView = await sendTemplatePreview({ family: str(family, "family"), text: str(text, "text"), data, to: me.email, lang }, me.id);
  return { ok: true as const, data: r };
});
