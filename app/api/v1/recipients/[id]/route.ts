// GET /api/v1/recipients/{id} — one recipient with their subscriptions
// PUT /api/v1/recipients/{id} — replace a recipient (the body's subscriptions replace all)
// PATCH /api/v1/recipients/{id} — change some fields
// DELETE /api/v1/recipients/{id} — remove a recipient and their subscriptions
import { apiRoute } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { recipientPatchSchema, recipientSchema } from "@/lib/recipients/schema";
import { deleteRecipient, getRecipient, patchRecipient, replaceRecipient } from "@/lib/recipients/store";

export const GET = apiRoute({ scope: "recipients" }, async ({ params }) => {
  const r = await getRecipient(params.id ?? "");
  if (!r) throw new AppError("not_found", `There is no recipient with id "${params.id}".`);
  return { status: 200, body: r };
});

export const PUT = apiRoute({ scope: "recipients", body: recipientSchema }, async ({ params, body, key }) => {
  if (body.id !== params.id) throw new AppError("validation", "The id in the body must match the URL.", { id: [`must be "${params.id}"`] });
  const r = await replaceRecipient(body, `api:${key.name}`);
  return { status: 200, body: r.recipient };
});

export const PATCH = apiRoute({ scope: "recipients", body: recipientPatchSchema }, async ({ params, body, key }) => {
  const r = await patchRecipient(params.id ?? "", body, `api:${key.name}`);
  return { status: 200, body: r.recipient };
});

export const DELETE = apiRoute({ scope: "recipients" }, async ({ params, key }) => {
  await deleteRecipient(params.id ?? "", `api:${key.name}`);
  return { status: 204 };
});
