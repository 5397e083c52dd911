"use server";
// Template actions. Authors and admins alike may edit templates ("any" role); each action checks
// the session itself (action wrapper) and the store re-validates everything.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, missingArgument } from "@/lib/auth/action";
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

function fileState(f: TemplateFile | null): TemplateFileState {
  if (!f) throw new AppError("not_found", "The template no longer exists.");
  return { text: f.text, status: f.status, updatedAt: f.updatedAt, updatedBy: f.updatedBy };
}

// The store re-validates family and language; the wrapper only checks they are text.
const familyAndLang = z.tuple([z.string(), z.string()]);

async function current(family: string, lang: string): Promise<{ file: TemplateFileState; history: HistoryEntry[] }> {
  const [file, history] = await Promise.all([getTemplateFile(family, lang), templateHistory(family, lang)]);
  return { file: fileState(file), history };
}

export const saveTemplateAction = action(
  "any",
  z.tuple([z.string(), z.string(), z.string()]),
  async (me, [family, lang, text]) => {
    const r = await saveTemplate(family, lang, text, me.email);
    revalidatePath("/templates");
    return { ok: true as const, data: { saved: r.saved, ...(await current(family, lang)) } };
  },
  { invalid: missingArgument(["family", "lang", "text"]) },
);

export const resetTemplateAction = action(
  "any",
  familyAndLang,
  async (me, [family, lang]) => {
    const r = await resetTemplate(family, lang, me.email);
    revalidatePath("/templates");
    return { ok: true as const, data: { reset: r.reset, ...(await current(family, lang)) } };
  },
  { invalid: missingArgument(["family", "lang"]) },
);

export const removeLanguageAction = action(
  "any",
  familyAndLang,
  async (me, [family, lang]) => {
    await removeLanguage(family, lang, me.email);
    revalidatePath("/templates");
    return { ok: true as const };
  },
  { invalid: missingArgument(["family", "lang"]) },
);

export const addLanguageAction = action(
  "any",
  familyAndLang,
  async (me, [family, lang]) => {
    const r = await addLanguage(family, lang, me.email);
    revalidatePath("/templates");
    return { ok: true as const, data: { family, lang: r.lang } };
  },
  { invalid: missingArgument(["family", "lang"]) },
);

/**
 * "Send preview to me": the editor's current (unsaved) text with its sample data, to the signed-in
 * user, with the saved HTML of `lang` beside it when there is one — the multipart mail a recipient gets.
 */
export const sendPreviewAction = action(
  "any",
  z.tuple([z.string(), z.string(), z.unknown(), z.string().optional()]),
  async (me, [family, text, data, lang]) => {
    const r: PreviewSendView = await sendTemplatePreview({ family, text, data, to: me.email, lang }, me.id);
    return { ok: true as const, data: r };
  },
  { invalid: missingArgument(["family", "text", "data"]) },
);
