// GET /api/v1/recipients/{id} — one recipient with their subscriptions
// PUT /api/v1/recipients/{id} — replace a recipient (the body's subscriptions replace all)
// PATCH /api/v1/recipients/{id} — change some fields
// DELETE /api/v1/recipients/{id} — remove a recipient and their subscriptions
import { apiRoute } from "@/lib/api/handler";
import { AppError, fieldErrors } from "@/lib/errors";
import { recipientPatchSchema, recipientSchema } from "@/lib/recipients/schema";
import { deleteRecipient, getRecipient, replaceRecipient } from "@/lib/recipients/store";
import { recordAudit } from "@/lib/db/audit";



export const GET = apiRoute({ scope: "recipients" }, async ({ params }) => {
  const r = await getRecipient(params.id ?? "");
  if (!r) throw new AppError("not_found", `There is no recipient with id "${params.id}".`);
  return { status: 200, body: r };
});

export const PUT = apiRoute({ scope: "recipients", body: recipientSchema }, async ({ params, body, key }) => {
  if (body.id !== params.id) throw new AppError("validation", "The id in the body must match the URL.", { id: [`must be "${params.id}"`] });
  const r = await replaceRecipient(body);
  if (r.outcome !== "unchanged") await recordAudit("recipient.update", `api:${key.name}`, params.id);
  return { status: 200, body: r.recipient };
});

export const PATCH = apiRoute({ scope: "recipients", body: recipientPatchSchema }, async ({ params, body, key }) => {
  const current = await getRecipient(params.id ?? "");
  if (!current) throw new AppError("not_found", `There is no recipient with id "${params.id}".`);
  const merged = recipientSchema.safeParse({
    id: current.id,
    email: body.email ?? current.email,
    name: body.name ?? current.name,
    familyName: body.familyName ?? current.familyName,
    language: body.language ?? current.language,
    plainTextOnly: body.plainTextOnly ?? current.plainTextOnly,
    subscriptions: body.subscriptions ?? current.subscriptions,
  });
  if (!merged.success) throw new AppError("validation", "The change makes the recipient invalid.", fieldErrors(merged.error, { root: "_body" }));
  const r = await replaceRecipient(merged.data);
  if (r.outcome !== "unchanged") await recordAudit("recipient.update", `api:${key.name}`, params.id);
  return { status: 200, body: r.recipient };
});

export const DELETE = apiRoute({ scope: "recipients" }, async ({ params, key }) => {
  await deleteRecipient(params.id ?? "");
  await recordAudit("recipient.delete", `api:${key.name}`, params.id);
  return { status: 204 };
});
