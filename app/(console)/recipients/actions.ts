"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { issuesToFields, recipientSchema } from "@/lib/recipients/schema";
import { createRecipient, deleteRecipient, replaceRecipient } from "@/lib/recipients/store";
import { importRecipientsCsv, type ImportReport } from "@/lib/recipients/import";
import { MAX_CSV_BYTES } from "@/lib/recipients/csv";

function parse(input: unknown) {
  const r = recipientSchema.safeParse(input);
  if (!r.success) throw new AppError("validation", "Check the highlighted fields.", issuesToFields(r.error));
  return r.data;
}

export const createRecipientAction = action("admin", async (me, input: unknown) => {
  const data = parse(input);
  const r = await createRecipient(data, me.email);
  revalidatePath("/recipients");
  return { ok: true as const, data: { id: r.id } };
});

export const updateRecipientAction = action("admin", async (me, id: string, input: unknown) => {
  const data = parse(input);
  if (data.id !== id) throw new AppError("validation", "The id cannot be changed.", { id: ["cannot be changed"] });
  const r = await replaceRecipient(data, me.email);
  revalidatePath("/recipients");
  return { ok: true as const, data: { outcome: r.outcome } };
});

export const deleteRecipientAction = action("admin", async (me, id: string) => {
  await deleteRecipient(String(id), me.email);
  revalidatePath("/recipients");
  return { ok: true as const };
});

export const importRecipientsAction = action("admin", async (me, form: FormData) => {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new AppError("validation", "Choose a CSV file.", { file: ["Choose a CSV file."] });
  if (file.size > MAX_CSV_BYTES) throw new AppError("payload_too_large", `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; split it.`, { file: ["too large"] });
  const dryRun = form.get("dryRun") === "on";
  const report: ImportReport = await importRecipientsCsv(await file.text(), { dryRun, actor: me.email, source: file.name });
  if (report.fileErrors.length) throw new AppError("validation", report.fileErrors.join(" "), { file: report.fileErrors });
  revalidatePath("/recipients");
  return { ok: true as const, data: report };
});
