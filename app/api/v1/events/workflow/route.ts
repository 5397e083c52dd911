// POST /api/v1/events/workflow — mail a workflow step's participant
import { acceptedAnswer, apiRoute } from "@/lib/api/handler";
import { workflowEventSchema } from "@/lib/notifications/schemas";
import { sendWorkflowEvent } from "@/lib/notifications/send";

export const POST = apiRoute({ scope: "send", body: workflowEventSchema, idempotent: true }, async ({ body, key, idempotency }) => {
  return acceptedAnswer(await sendWorkflowEvent(body, { source: `api:${key.id}`, idempotency: idempotency ?? undefined }));
});
