// POST /api/v1/events/page — fan a page event out to its subscribers
import { acceptedAnswer, apiRoute } from "@/lib/api/handler";
import { pageEventSchema } from "@/lib/notifications/schemas";
import { sendPageEvent } from "@/lib/notifications/send";

export const POST = apiRoute({ scope: "send", body: pageEventSchema, idempotent: true }, async ({ body, key, idempotency }) => {
  return acceptedAnswer(await sendPageEvent(body, { source: `api:${key.id}`, idempotency: idempotency ?? undefined }));
});
