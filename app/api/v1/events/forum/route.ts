// POST /api/v1/events/forum — mail the subscribers of a forum
import { acceptedAnswer, apiRoute } from "@/lib/api/handler";
import { forumEventSchema } from "@/lib/notifications/schemas";
import { sendForumEvent } from "@/lib/notifications/send";

export const POST = apiRoute({ scope: "send", body: forumEventSchema, idempotent: true }, async ({ body, key, idempotency }) => {
  return acceptedAnswer(await sendForumEvent(body, { source: `api:${key.id}`, idempotency: idempotency ?? undefined }));
});
