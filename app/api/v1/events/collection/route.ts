// POST /api/v1/events/collection — mail users a collection was shared with or unshared from (DAM switch on)
import { acceptedAnswer, apiRoute } from "@/lib/api/handler";
import { collectionEventSchema } from "@/lib/notifications/schemas";
import { sendCollectionEvent } from "@/lib/notifications/send";

export const POST = apiRoute({ scope: "send", body: collectionEventSchema, idempotent: true }, async ({ body, key, idempotency }) => {
  return acceptedAnswer(await sendCollectionEvent(body, { source: `api:${key.id}`, idempotency: idempotency ?? undefined }));
});
