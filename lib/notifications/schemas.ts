// Request and response bodies of the notification API (app/api/v1): one zod schema each, used to
// validate requests and to generate the OpenAPI document. Pure.
import { z } from "zod";
import { pageEventTypeSchema, pathSchema, languageSchema } from "@/lib/recipients/schema";
import { checkMailbox, headerTextProblem, HeaderValueError } from "@/lib/outbox/headers";

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .max(max, `must be at most ${max} characters long`);

/** A one-line value (ids, names, titles): no line breaks or control characters. */
const line = (label: string, max = 500) =>
  text(label, max).regex(/^[^\u0000-\u001F\u007F]*$/, "must not contain line breaks or control characters");

const required = (label: string, max = 500) => line(label, max).trim().min(1, "must not be empty");

/** One mailbox: "a@example.com" or "Name <a@example.com>", checked against header injection. */
export const mailboxSchema = z
  .string({ error: "must be an email address" })
  .max(500, "must be at most 500 characters long")
  .transform((v, ctx) => {
    try {
      return checkMailbox("address", v.trim());
    } catch (e) {
      ctx.addIssue({ code: "custom", message: e instanceof HeaderValueError ? e.message : "is not a valid email address" });
      return z.NEVER;
    }
  })
  .describe('An email address, optionally with a name: "a@example.com" or "Ada Lovelace <a@example.com>".');

const mailboxList = (max: number) =>
  z
    // The length is checked here rather than with .max() on the array: a union reports only its
    // own error, so a list of 10,000 addresses would read "must be an email address or a list".
    .union([z.string(), z.array(z.string())], { error: "must be an email address or a list of them" })
    .transform((v, ctx) => {
      const list = typeof v === "string" ? [v] : v;
      if (list.length > max) {
        ctx.addIssue({ code: "custom", message: `at most ${max} addresses (got ${list.length})` });
        return z.NEVER;
      }
      if (!list.length) ctx.addIssue({ code: "custom", message: "must name at least one address" });
      const out: string[] = [];
      list.forEach((a, i) => {
        try {
          out.push(checkMailbox("address", a.trim()));
        } catch (e) {
          ctx.addIssue({ code: "custom", path: typeof v === "string" ? [] : [i], message: e instanceof HeaderValueError ? e.message : "is not a valid email address" });
        }
      });
      return out;
    })
    .describe(`One address or a list of up to ${max}.`);

export const timeSchema = z.iso
  .datetime({ offset: true, error: "must be a date and time in ISO 8601, e.g. 2026-03-14T09:26:53Z" })
  .describe("When it happened (ISO 8601). Default: when Herald received the request.");

export const pageEventSchema = z
  .strictObject({
    type: pageEventTypeSchema.describe("The page event type, as AEM names it."),
    paths: z.array(pathSchema).min(1, "name at least one page path").max(1000, "at most 1000 paths").describe("The pages the event affected."),
    user: z.strictObject({
      id: required("user.id", 200).describe("ID of the user who caused the event (${userId})."),
      name: required("user.name", 200).describe("Full name of that user (${userFullName})."),
    }),
    time: timeSchema.optional(),
  })
  .describe("A page event: every recipient subscribed to one of the paths (or an ancestor) and to the type gets the page template.");

export const forumEventSchema = z
  .strictObject({
    forumPath: pathSchema.describe("Path of the forum page (${forum.path})."),
    time: timeSchema.optional(),
  })
  .describe("A forum event: subscribers of the forum get the forum template.");

export const workflowEventSchema = z
  .strictObject({
    event: z.strictObject({
      type: required("event.type", 100).describe("${event.EventType}, e.g. NodeTransition."),
      user: required("event.user", 200).describe("${event.User}: who caused the event."),
      time: timeSchema.optional().describe("${event.TimeStamp}. Default: now."),
    }),
    participant: z.strictObject({
      id: required("participant.id", 200),
      email: mailboxSchema,
      name: required("participant.name", 200),
      familyName: line("participant.familyName", 200).optional(),
      language: languageSchema.optional().describe("Template language; regional forms such as de_CH count as de. Default: the recipient directory's, else en."),
    }),
    item: z.strictObject({
      id: required("item.id", 1000),
      node: z.strictObject({ id: required("item.node.id", 200), title: required("item.node.title", 500) }),
    }),
    model: z.strictObject({ id: required("model.id", 1000), title: required("model.title", 500), version: line("model.version", 50).optional() }),
    instance: z.strictObject({ id: required("instance.id", 1000), state: line("instance.state", 50).optional() }),
    initiator: z.strictObject({
      id: line("initiator.id", 200).optional(),
      name: required("initiator.name", 200),
      email: mailboxSchema.optional(),
      home: line("initiator.home", 1000).optional(),
    }),
    payload: z.strictObject({
      type: line("payload.type", 50).optional().describe("Default JCR_PATH."),
      path: pathSchema,
      data: line("payload.data", 2000).optional().describe("Default: the payload path."),
    }),
  })
  .describe("A workflow participant step: the participant gets the workflow template with every workflow variable.");

export const collectionRecipientSchema = z.union([
  required("recipient", 320).describe("A recipient id from the directory, or an email address."),
  z.strictObject({ email: mailboxSchema, name: line("name", 200).optional(), language: languageSchema.optional() }),
]);

export const collectionEventSchema = z
  .strictObject({
    action: z.enum(["shared", "unshared"], { error: 'must be "shared" or "unshared"' }),
    collection: z.strictObject({ title: required("collection.title", 500), path: pathSchema }),
    by: z.strictObject({ id: required("by.id", 200), name: required("by.name", 200) }),
    recipients: z.array(collectionRecipientSchema).min(1, "name at least one recipient").max(1000, "at most 1000 recipients"),
    time: timeSchema.optional(),
  })
  .describe("An asset collection was shared or unshared (only while the DAM switch is on).");

export const directMailSchema = z
  .strictObject({
    to: mailboxList(100),
    cc: mailboxList(100).optional(),
    bcc: mailboxList(100).optional(),
    subject: z
      .string({ error: "must be text" })
      .min(1, "must not be empty")
      .max(998, "must be at most 998 characters long")
      .superRefine((v, ctx) => {
        const p = headerTextProblem(v);
        if (p) ctx.addIssue({ code: "custom", message: p });
      }),
    text: z.string({ error: "must be text" }).min(1, "must not be empty").max(500_000, "must be at most 500,000 characters long"),
    html: z.string({ error: "must be text" }).max(500_000, "must be at most 500,000 characters long").optional(),
    replyTo: mailboxSchema.optional(),
  })
  .describe("A message of your own, sent as it is (from the Mail Service's from.address).");

export const acceptedSchema = z
  .object({
    messages: z.array(
      z.object({
        id: z.string().describe("Outbox message id; poll GET /api/v1/messages/{id}."),
        to: z.string(),
        language: z.string().nullable().describe("Template language used (null for direct mail)."),
      }),
    ),
  })
  .describe("Every message is stored in the outbox before this answer.");
export type Accepted = z.infer<typeof acceptedSchema>;

export const messageStatusSchema = z.object({
  id: z.string(),
  status: z
    .enum(["queued", "held", "sending", "sent", "failed", "dead", "cancelled"])
    .describe("held: waiting (queued or failed) while no worker can send — see held for why."),
  queueStatus: z.enum(["queued", "sending", "sent", "failed", "dead", "cancelled"]).describe("The stored status, also for held messages."),
  held: z
    .object({
      reason: z.enum(["reauthorization_needed", "oauth_token_unavailable", "transport_down", "paused", "no_worker"]),
      message: z.string(),
      since: z.string().nullable().describe("Since when (ISO time), when known."),
      lastError: z.string().nullable(),
    })
    .nullable()
    .describe("Why the message is not moving, while it is held; null otherwise."),
  family: z.string().nullable(),
  language: z.string().nullable(),
  to: z.string(),
  subject: z.string(),
  attempts: z.number().int(),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable().describe("When the next attempt is due (queued / failed)."),
  sentAt: z.string().nullable(),
  lastError: z.string().nullable(),
  smtpReply: z.string().nullable().describe("The server's last reply, e.g. 250 2.0.0 OK or 550 5.1.1 no such user."),
  messageId: z.string().describe("The Message-ID header."),
  history: z.array(
    z.object({ attempt: z.number().int(), at: z.string(), result: z.string(), reply: z.string().nullable(), error: z.string().nullable() }),
  ),
});

export const errorSchema = z.object({
  error: z.object({
    code: z.enum(["validation", "unauthenticated", "forbidden", "not_found", "conflict", "rate_limited", "payload_too_large", "unavailable", "internal"]),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional().describe('Messages per field, by path: {"user.name": ["must not be empty"]}.'),
  }),
});

export type PageEvent = z.output<typeof pageEventSchema>;
export type ForumEvent = z.output<typeof forumEventSchema>;
export type WorkflowEvent = z.output<typeof workflowEventSchema>;
export type CollectionEvent = z.output<typeof collectionEventSchema>;
export type DirectMail = z.output<typeof directMailSchema>;
