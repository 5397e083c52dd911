// The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas that validate the
// requests (z.toJSONSchema, JSON Schema 2020-12, which OpenAPI 3.1 uses as is). Pure: the API
// page renders it in the browser too.
import { z } from "zod";
import {
  acceptedSchema,
  collectionEventSchema,
  directMailSchema,
  errorSchema,
  forumEventSchema,
  messageStatusSchema,
  pageEventSchema,
  workflowEventSchema,
} from "@/lib/notifications/schemas";
import { recipientPatchSchema, recipientSchema } from "@/lib/recipients/schema";
import { MAX_PAGE } from "@/lib/http/list-params";

type Json = Record<string, unknown>;

function schema(s: z.ZodType, io: "input" | "output"): Json {
  const out = z.toJSONSchema(s, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
  delete out.$schema;
  return out;
}

export const EXAMPLES = {
  pageEvent: {
    type: "PageModified",
    paths: ["/content/site/en/products", "/content/site/de/produkte"],
    user: { id: "aparker", name: "Alison Parker" },
    time: "2026-03-14T09:26:53Z",
  },
  forumEvent: { forumPath: "/content/community/en/forum/getting-started" },
  workflowEvent: {
    event: { type: "NodeTransition", user: "aparker" },
    participant: { id: "jweber", email: "jonas.weber@example.com", name: "Jonas Weber", familyName: "Weber", language: "de" },
    item: { id: "/var/workflow/instances/server0/2026-03-14/request_for_activation_3/workItems/node1", node: { id: "node1", title: "Approve Content" } },
    model: { id: "/var/workflow/models/request_for_activation", title: "Request for Activation", version: "1.3" },
    instance: { id: "/var/workflow/instances/server0/2026-03-14/request_for_activation_3", state: "RUNNING" },
    initiator: { id: "aparker", name: "Alison Parker", email: "alison.parker@example.com", home: "/home/users/a/aparker" },
    payload: { type: "JCR_PATH", path: "/content/site/en/adventures/bali-surf-camp" },
  },
  collectionEvent: {
    action: "shared",
    collection: { title: "Spring Campaign 2026", path: "/content/dam/collections/s/spring-campaign-2026" },
    by: { id: "aparker", name: "Alison Parker" },
    recipients: ["jweber", "guest@example.com"],
  },
  mail: { to: "Ada Lovelace <ada@example.com>", subject: "Hello from Herald", text: "It works." },
  recipient: {
    id: "jweber",
    email: "jonas.weber@example.com",
    name: "Jonas Weber",
    familyName: "Weber",
    language: "de_CH",
    plainTextOnly: false,
    subscriptions: [
      { kind: "page", path: "/content/site/de", eventTypes: ["PageModified", "PageActivated"] },
      { kind: "forum", path: "/content/community/de/forum" },
    ],
  },
} as const;

export interface OperationInfo {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  description: string;
  scope: "send" | "recipients";
  tag: string;
  request?: { schema: z.ZodType; example: unknown; contentType?: string };
  success: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  idempotent?: boolean;
  errors: number[];
  parameters?: Json[];
}

const idParam = (description: string): Json => ({ name: "id", in: "path", required: true, description, schema: { type: "string" } });

export const OPERATIONS: OperationInfo[] = [
  {
    method: "post",
    path: "/events/page",
    summary: "Page event",
    description:
      "Every recipient subscribed to one of the paths (or an ancestor of it) and to the event type gets the page template in their language (else English). ${modifications} lists `Type => path` for the paths their subscriptions cover; the sender is the Notification Email Channel's email.from.",
    scope: "send",
    tag: "Notifications",
    request: { schema: pageEventSchema, example: EXAMPLES.pageEvent },
    success: { status: 202, description: "Stored in the outbox; one message per subscriber (possibly none).", schema: acceptedSchema },
    idempotent: true,
    errors: [400, 401, 403, 413, 429],
  },
  {
    method: "post",
    path: "/events/forum",
    summary: "Forum event",
    description: "Subscribers of the forum (or of a forum above it) get the forum template; sender: the Notification Email Channel's email.from.",
    scope: "send",
    tag: "Notifications",
    request: { schema: forumEventSchema, example: EXAMPLES.forumEvent },
    success: { status: 202, description: "Stored in the outbox.", schema: acceptedSchema },
    idempotent: true,
    errors: [400, 401, 403, 413, 429],
  },
  {
    method: "post",
    path: "/events/workflow",
    summary: "Workflow participant step",
    description:
      "The participant gets the workflow template with every workflow variable (${payload.path.open} is /bin/wcmcommand?cmd=open&path=<payload.path>, ${host.prefix} comes from the Workflow Email Notification Service, which is also the sender).",
    scope: "send",
    tag: "Notifications",
    request: { schema: workflowEventSchema, example: EXAMPLES.workflowEvent },
    success: { status: 202, description: "Stored in the outbox.", schema: acceptedSchema },
    idempotent: true,
    errors: [400, 401, 403, 413, 429],
  },
  {
    method: "post",
    path: "/events/collection",
    summary: "Collection shared / unshared",
    description: "Only while the DAM Resource Collection Servlet's “Send email” is on; otherwise 409 with the reason.",
    scope: "send",
    tag: "Notifications",
    request: { schema: collectionEventSchema, example: EXAMPLES.collectionEvent },
    success: { status: 202, description: "Stored in the outbox.", schema: acceptedSchema },
    idempotent: true,
    errors: [400, 401, 403, 409, 413, 429],
  },
  {
    method: "post",
    path: "/mail",
    summary: "Direct mail",
    description: "A message of your own, sent as it is, from the Mail Service's from.address.",
    scope: "send",
    tag: "Notifications",
    request: { schema: directMailSchema, example: EXAMPLES.mail },
    success: { status: 202, description: "Stored in the outbox.", schema: acceptedSchema },
    idempotent: true,
    errors: [400, 401, 403, 413, 429],
  },
  {
    method: "get",
    path: "/messages/{id}",
    summary: "Message status",
    description:
      "Status, attempts, the last SMTP reply and every attempt so far. A waiting message that no worker can send right now (the mail account must be re-authorized, the SMTP server is down, sending is paused, no worker runs) reports status held with the reason, since when and the last error.",
    scope: "send",
    tag: "Notifications",
    parameters: [idParam("The id from the 202 answer.")],
    success: { status: 200, description: "The message.", schema: messageStatusSchema },
    errors: [401, 403, 404, 429],
  },
  {
    method: "get",
    path: "/recipients",
    summary: "List recipients",
    description: "Search (q: part of id, email or name), filter by language, page through the directory.",
    scope: "recipients",
    tag: "Recipients",
    parameters: [
      { name: "q", in: "query", schema: { type: "string", maxLength: 200 } },
      { name: "language", in: "query", schema: { type: "string", maxLength: 20 } },
      { name: "page", in: "query", schema: { type: "integer", minimum: 1, maximum: MAX_PAGE } },
      { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 500 } },
    ],
    success: { status: 200, description: "One page of recipients with their subscriptions." },
    errors: [400, 401, 403, 429],
  },
  {
    method: "post",
    path: "/recipients",
    summary: "Add a recipient",
    description: "A profile (email unique, language as ISO 639-1; de_CH counts as de) with its subscriptions.",
    scope: "recipients",
    tag: "Recipients",
    request: { schema: recipientSchema, example: EXAMPLES.recipient },
    success: { status: 201, description: "Created." },
    errors: [400, 401, 403, 409, 413, 429],
  },
  {
    method: "get",
    path: "/recipients/{id}",
    summary: "Get a recipient",
    description: "One recipient with their subscriptions.",
    scope: "recipients",
    tag: "Recipients",
    parameters: [idParam("Recipient id.")],
    success: { status: 200, description: "The recipient." },
    errors: [401, 403, 404, 429],
  },
  {
    method: "put",
    path: "/recipients/{id}",
    summary: "Replace a recipient",
    description: "Replaces the profile; the subscriptions in the body replace all of them.",
    scope: "recipients",
    tag: "Recipients",
    parameters: [idParam("Recipient id (must match the body).")],
    request: { schema: recipientSchema, example: EXAMPLES.recipient },
    success: { status: 200, description: "The recipient as stored." },
    errors: [400, 401, 403, 404, 409, 413, 429],
  },
  {
    method: "patch",
    path: "/recipients/{id}",
    summary: "Change a recipient",
    description: "Changes the given fields only.",
    scope: "recipients",
    tag: "Recipients",
    parameters: [idParam("Recipient id.")],
    request: { schema: recipientPatchSchema, example: { language: "pt" } },
    success: { status: 200, description: "The recipient as stored." },
    errors: [400, 401, 403, 404, 409, 413, 429],
  },
  {
    method: "delete",
    path: "/recipients/{id}",
    summary: "Remove a recipient",
    description: "Removes the profile and its subscriptions.",
    scope: "recipients",
    tag: "Recipients",
    parameters: [idParam("Recipient id.")],
    success: { status: 204, description: "Removed." },
    errors: [401, 403, 404, 429],
  },
  {
    method: "get",
    path: "/recipients.csv",
    summary: "Export recipients (CSV)",
    description: "Columns id, email, name, familyName, language, subscriptions (page:/path[Type|Type]; forum:/path), plainTextOnly (true: text part only, no HTML).",
    scope: "recipients",
    tag: "Recipients",
    success: { status: 200, description: "The directory as CSV.", contentType: "text/csv" },
    errors: [401, 403, 429],
  },
  {
    method: "post",
    path: "/recipients.csv",
    summary: "Import recipients (CSV)",
    description: "Creates or updates each valid row and reports every rejected row with its reasons. ?dryRun=true reports without writing.",
    scope: "recipients",
    tag: "Recipients",
    parameters: [{ name: "dryRun", in: "query", schema: { type: "boolean" } }],
    request: {
      schema: z.string(),
      contentType: "text/csv",
      example: "id,email,name,familyName,language,subscriptions,plainTextOnly\r\njweber,jonas.weber@example.com,Jonas Weber,Weber,de,page:/content/site/de[PageModified],false\r\n",
    },
    success: { status: 200, description: "Per-row report: created, updated, unchanged or rejected (with field and reason)." },
    errors: [400, 401, 403, 413, 429],
  },
];

/** An operation's stable id ("postEventsPage"): the OpenAPI operationId, and its key under "apiDocs.ops" in the catalogs. */
export function operationId(op: Pick<OperationInfo, "method" | "path">): string {
  return `${op.method}${op.path.replace(/[{}./]+(\w)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`;
}

/**
 * The template variables and paths in the operations' descriptions, given to the catalogs' texts
 * as values (an ICU message cannot hold "${…}" or "<…>" as they are).
 */
export const OPERATION_TEXT_VALUES = {
  modifications: "${modifications}",
  payloadPathOpen: "${payload.path.open}",
  openUrl: "/bin/wcmcommand?cmd=open&path=<payload.path>",
  hostPrefix: "${host.prefix}",
} as const;

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid request: `fields` names each bad field by its path (e.g. `user.name`, `paths.0`).",
  401: "No API key, or the key is unknown or revoked.",
  403: "The key lacks the scope this operation needs.",
  404: "Not found.",
  409: "Conflict (e.g. the DAM switch is off, an email address is taken, or an Idempotency-Key was used with another body).",
  413: "The request body is larger than 1 MB.",
  429: "Too many requests for this key; see Retry-After (seconds).",
};

export function openApiDocument(serverUrl = "/api/v1"): Json {
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    const responses: Json = {};
    responses[String(op.success.status)] = {
      description: op.success.description,
      ...(op.success.schema
        ? { content: { "application/json": { schema: schema(op.success.schema, "output") } } }
        : op.success.contentType
          ? { content: { [op.success.contentType]: { schema: { type: "string" } } } }
          : {}),
    };
    for (const code of op.errors) {
      responses[String(code)] = {
        description: ERROR_TEXT[code],
        ...(code === 429 ? { headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } } : {}),
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    }
    const parameters: Json[] = [...(op.parameters ?? [])];
    if (op.idempotent) {
      parameters.push({
        name: "Idempotency-Key",
        in: "header",
        required: false,
        description: "Any unique string (1–255 visible ASCII characters). Sending the same request again with the same key returns the first answer and sends nothing more (kept 24 hours, per API key).",
        schema: { type: "string", maxLength: 255 },
      });
    }
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      description: op.description,
      tags: [op.tag],
      operationId: operationId(op),
      security: [{ apiKey: [] }],
      "x-herald-scope": op.scope,
      ...(parameters.length ? { parameters } : {}),
      ...(op.request
        ? {
            requestBody: {
              required: true,
              content: {
                [op.request.contentType ?? "application/json"]: {
                  schema: op.request.contentType ? { type: "string" } : schema(op.request.schema, "input"),
                  example: op.request.example,
                },
              },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Herald notification API",
      version: "1",
      description:
        "Tell Herald that something happened; it finds who must hear of it, renders the template in each recipient's language and delivers the mail through a durable outbox. Every answer of 202 means the messages are stored. Authenticate with `Authorization: Bearer <API key>` (created by an admin on the API keys page or with `npm run herald -- apikey create`). Errors are `{error: {code, message, fields}}`.",
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    tags: [
      { name: "Notifications", description: "Events and direct mail (scope send)." },
      { name: "Recipients", description: "The recipient directory and subscriptions (scope recipients)." },
    ],
    paths,
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key (hrld_…)." } },
      schemas: { Error: schema(errorSchema, "output") },
    },
  };
}
