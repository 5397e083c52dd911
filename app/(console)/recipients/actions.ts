"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { AppError } from "@/lib/errors";
import { recipientSchema } from "@/lib/recipients/schema";
import { createRecipient, deleteRecipient, replaceRecipient } from "@/lib/recipients/store";
import { importRecipientsCsv, type ImportReport } from "@/lib/recipients/import";
import { MAX_CSV_BYTES } from "@/lib/recipients/csv";

export const createRecipientAction = action("admin", z.tuple([recipientSchema]), async (me, [data]) => {
  const r = await createRecipient(data, me.email);
  revalidatePath("/recipients");
  return { ok: true as const, data: { id: r.id } };
});

export const updateRecipientAction = action("admin", z.tuple([z.string(), recipientSchema]), async (me, [id, data]) => {
  if (data.id !== id) throw new AppError("validation", "The id cannot be changed.", { id: ["cannot be changed"] });
  const r = await replaceRecipient(data, me.email);
  revalidatePath("/recipients");
  return { ok: true as const, data: { outcome: r.outcome } };
});

export const deleteRecipientAction = action("admin", z.tuple([z.coerce.string()]), async (me, [id]) => {
  await deleteRecipient(id, me.email);
  revalidatePath("/recipients");
  return { ok: true as const };
});

export const importRecipientsAction = action("admin", z.tuple([z.instanceof(FormData, { error: "Choose a CSV file." })]), async (me, [form]) => {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new AppError("validation", "Choose a CSV file.", { file: ["Choose a CSV file."] });
  if (file.size > MAX_CSV_BYTES) throw new AppError("payload_too_large", `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; split it.`, { file: ["too large"] });
  const dryRun = form.get("dryRun") === "on";
  const report: ImportReport = await importRecipientsCsv(await file.text(), { dryRun, actor: me.email, source: file.name });
  if (report.fileErrors.length) throw new AppError("validation", report.fileErrors.join(" "), { file: report.fileErrors });
  revalidatePath("/recipients");
  return { ok: true as const, data: report };
});
