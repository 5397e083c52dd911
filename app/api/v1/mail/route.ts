// POST /api/v1/mail — queue a message of the caller's own (subject, text, optional HTML)
import { acceptedAnswer, apiRoute } from "@/lib/api/handler";
import { directMailSchema } from "@/lib/notifications/schemas";
import { sendDirectMail } from "@/lib/notifications/send";

export const POST = apiRoute({ scope: "send", body: directMailSchema, idempotent: true }, async ({ body, key, idempotency }) => {
  return acceptedAnswer(await sendDirectMail(body, { source: `api:${key.id}`, idempotency: idempotency ?? undefined }));
});
