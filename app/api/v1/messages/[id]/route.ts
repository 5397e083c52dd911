// GET /api/v1/messages/{id} — the state of one outbox message: status (held, with why, when no worker can send it), attempts, last SMTP reply
import { apiRoute } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { getMessage } from "@/lib/outbox/queries";
import { currentHold, isWaiting } from "@/lib/outbox/held";

export const GET = apiRoute({ scope: "send" }, async ({ params }) => {
  const m = await getMessage(params.id ?? "");
  if (!m) throw new AppError("not_found", `There is no message "${params.id}".`);
  const held = isWaiting(m.status) ? await currentHold() : null;
  return {
    status: 200,
    body: {
      id: m.id,
      status: held ? "held" : m.status,
      queueStatus: m.status,
      // The English words only: the console's translation key stays out of the API.
      held: held && { reason: held.reason, message: held.message, since: held.since, lastError: held.lastError },
      family: m.family,
      language: m.language,
      to: m.to,
      subject: m.subject,
      attempts: m.attempts,
      createdAt: m.createdAt,
      nextAttemptAt: m.nextAttemptAt,
      sentAt: m.sentAt,
      lastError: m.lastError,
      smtpReply: m.smtpReply,
      messageId: m.messageId,
      history: m.history.map((h) => ({ attempt: h.attempt, at: h.at, result: h.result, reply: h.reply, error: h.error })),
    },
  };
});
