// The public API's route handlers themselves (the very POST/GET exports Next serves), called with
// real Request objects on a real database (SQLite, or PostgreSQL with HERALD_TEST_PG_URL): key
// auth, scopes, validation with field paths, body size, rate limit, Idempotency-Key, the page
// event fan-out with language resolution, and the message status lookup.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections, rows } from "@/lib/testing/db";
import { createApiKey, revokeApiKey } from "@/lib/apikeys/store";
import { resetRateLimits } from "./rate-limit";
import { MAX_BODY_BYTES } from "./handler";
import { resetNotificationConfigCache } from "@/lib/notifications/config";
import { createRecipient } from "@/lib/recipients/store";
import { recipientSchema } from "@/lib/recipients/schema";
import { saveServiceConfig } from "@/lib/config/store";
import { EMAIL_CHANNEL_PID, WORKFLOW_EMAIL_PID } from "@/lib/config/services";
import { EXAMPLES } from "./openapi";
import { POST as mail } from "@/app/api/v1/mail/route";
import { POST as page } from "@/app/api/v1/events/page/route";
import { POST as workflow } from "@/app/api/v1/events/workflow/route";
import { POST as collection } from "@/app/api/v1/events/collection/route";
import { GET as getMessage } from "@/app/api/v1/messages/[id]/route";

function req(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://herald.test/api/v1${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const outboxRows = () =>
  rows<{
    id: string;
    toAddr: string;
    fromAddr: string;
    subject: string;
    text: string;
    language: string;
    family: string;
    status: string;
  }>(`SELECT m."id", m."toAddr", m."fromAddr", m."subject", c."text", m."language", m."family", m."status" FROM "OutboxMessage" m JOIN "OutboxContent" c ON c."id" = m."id" ORDER BY m."toAddr"`);

describe("notification API", () => {
  let key: string;
  let auth: Record<string, string>;

  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
    resetRateLimits();
    resetNotificationConfigCache();
    key = (await createApiKey({ name: "test", scopes: ["send"] }, "test")).key;
    auth = { authorization: `Bearer ${key}` };
  });
  afterEach(() => closeConnections());

  it("401 without a key or with an unknown or revoked one; 403 without the scope", async () => {
    const body = EXAMPLES.mail;
    const none = await mail(req("/mail", body));
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect(await none.json()).toEqual({ error: { code: "unauthenticated", message: expect.stringContaining("API key is required") } });
    expect((await mail(req("/mail", body, { authorization: "Bearer hrld_nope" }))).status).toBe(401);
    expect((await mail(req("/mail", body, { authorization: `Basic ${key}` }))).status).toBe(401);

    const other = await createApiKey({ name: "recipients only", scopes: ["recipients"] }, "test");
    const forbidden = await mail(req("/mail", body, { authorization: `Bearer ${other.key}` }));
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.message).toContain('lacks the "send" scope');

    await revokeApiKey(other.view.prefix, "test");
    expect((await mail(req("/mail", body, { authorization: `Bearer ${other.key}` }))).status).toBe(401);
    expect(await outboxRows()).toEqual([]);
  });

  it("400 names every bad field by its path, including header injection attempts", async () => {
    const r = await page(req("/events/page", { type: "PageModifed", paths: ["content/site", "/ok"], user: { id: "", name: "A" } }, auth));
    expect(r.status).toBe(400);
    const { error } = await r.json();
    expect(error.code).toBe("validation");
    expect(Object.keys(error.fields).sort()).toEqual(["paths.0", "type", "user.id"]);
    expect(error.fields.type[0]).toContain('must be one of PageCreated, PageModified');
    expect(error.fields["paths.0"][0]).toContain('must start with "/"');

    const inj = await mail(req("/mail", { to: "a@example.com\r\nBcc: victim@example.com", subject: "Hi\r\nBcc: x@example.com", text: "t" }, auth));
    expect(inj.status).toBe(400);
    const fields = (await inj.json()).error.fields;
    expect(fields.to[0]).toMatch(/line break/);
    expect(fields.subject[0]).toMatch(/line break/);

    const notJson = await mail(req("/mail", "{oops", auth));
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toContain("not valid JSON");
    expect(await outboxRows()).toEqual([]);
  });

  it("413 for a body over 1 MB, whether or not Content-Length says so", async () => {
    const big = JSON.stringify({ to: "a@example.com", subject: "x", text: "x".repeat(MAX_BODY_BYTES) });
    const declared = await mail(req("/mail", big, auth));
    expect(declared.status).toBe(413);
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const chunked = await mail(
      new Request("http://herald.test/api/v1/mail", { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit),
    );
    expect(chunked.status).toBe(413);
    expect((await chunked.json()).error.code).toBe("payload_too_large");
  });

  it("429 with Retry-After past the key's rate limit", async () => {
    const limited = await createApiKey({ name: "slow", scopes: ["send"], rateLimit: 2 }, "test");
    const h = { authorization: `Bearer ${limited.key}` };
    expect((await mail(req("/mail", EXAMPLES.mail, h))).status).toBe(202);
    expect((await mail(req("/mail", EXAMPLES.mail, h))).status).toBe(202);
    const r = await mail(req("/mail", EXAMPLES.mail, h));
    expect(r.status).toBe(429);
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await r.json()).error.code).toBe("rate_limited");
    // Other keys are not affected.
    expect((await mail(req("/mail", EXAMPLES.mail, auth))).status).toBe(202);
  });

  it("Idempotency-Key: the same request returns the first answer and stores nothing more; another body is refused", async () => {
    const h = { ...auth, "idempotency-key": "order-42" };
    const first = await mail(req("/mail", EXAMPLES.mail, h));
    expect(first.status).toBe(202);
    const firstBody = await first.json();
    expect(firstBody.messages).toHaveLength(1);
    // Same body with keys in another order: the same request.
    const reordered = { text: EXAMPLES.mail.text, subject: EXAMPLES.mail.subject, to: EXAMPLES.mail.to };
    const again = await mail(req("/mail", reordered, h));
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(firstBody);
    expect(await outboxRows()).toHaveLength(1);

    const different = await mail(req("/mail", { ...EXAMPLES.mail, subject: "Other" }, h));
    expect(different.status).toBe(409);
    expect((await different.json()).error.fields).toEqual({ "Idempotency-Key": ["was used with a different request body"] });

    // Concurrent duplicates: one message only.
    const h2 = { ...auth, "idempotency-key": "burst" };
    const answers = await Promise.all(Array.from({ length: 5 }, () => mail(req("/mail", EXAMPLES.mail, h2))));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    const ids = new Set(await Promise.all(answers.map(async (a) => (await a.json()).messages[0].id)));
    expect(ids.size).toBe(1);
    expect(await outboxRows()).toHaveLength(2);
    // Keys are per API key: another key may use the same string.
    const other = await createApiKey({ name: "other", scopes: ["send"] }, "test");
    expect((await mail(req("/mail", EXAMPLES.mail, { authorization: `Bearer ${other.key}`, "idempotency-key": "order-42" }))).headers.get("idempotent-replayed")).toBeNull();
  });

  it("a page event reaches the subscribers of the paths in their language (English when theirs has no template)", async () => {
    await saveServiceConfig(EMAIL_CHANNEL_PID, { "email.from": "Acme Site <site@acme.example>" }, { actor: "test" });
    const add = (r: unknown) => createRecipient(recipientSchema.parse(r), "test");
    await add({ id: "ana", email: "ana@example.com", name: "Ana", language: "en", subscriptions: [{ kind: "page", path: "/content/site" }] });
    await add({ id: "dirk", email: "dirk@example.com", name: "Dirk", language: "de_CH", subscriptions: [{ kind: "page", path: "/content/site/de" }] });
    await add({ id: "paula", email: "paula@example.com", name: "Paula", language: "pt-BR", subscriptions: [{ kind: "page", path: "/content/site", eventTypes: ["PageModified"] }] });
    await add({ id: "only-created", email: "oc@example.com", name: "OC", subscriptions: [{ kind: "page", path: "/content/site", eventTypes: ["PageCreated"] }] });
    await add({ id: "elsewhere", email: "else@example.com", name: "Else", subscriptions: [{ kind: "page", path: "/content/site-b" }, { kind: "forum", path: "/content/site" }] });

    const r = await page(req("/events/page", { type: "PageModified", paths: ["/content/site/en/products", "/content/site/de/produkte"], user: { id: "aparker", name: "Alison Parker" }, time: "2026-03-14T09:26:53Z" }, auth));
    expect(r.status).toBe(202);
    const body = await r.json();
    expect(body.messages.map((m: { to: string; language: string }) => [m.to, m.language]).sort()).toEqual([
      ["ana@example.com", "en"],
      ["dirk@example.com", "de"],
      ["paula@example.com", "en"],
    ]);
    const rows = await outboxRows();
    expect(rows.map((x) => x.fromAddr)).toEqual(["Acme Site <site@acme.example>", "Acme Site <site@acme.example>", "Acme Site <site@acme.example>"]);
    const [ana, dirk, paula] = rows;
    expect(ana!.subject).toBe("[CQ Page Event Notification]: Page Event");
    expect(dirk!.subject).toBe("[CQ Seitenereignis-Benachrichtigung]: Seitenereignis");
    expect(paula!.subject).toBe("[CQ Page Event Notification]: Page Event");
    expect(ana!.text).toContain("Time: 2026-03-14 09:26:53 UTC\nUser: Alison Parker (aparker)\n");
    expect(ana!.text).toContain("PageModified => /content/site/en/products\nPageModified => /content/site/de/produkte\n");
    // Dirk subscribed to /content/site/de only: he hears about that page only.
    expect(dirk!.text).toContain("Benutzer: Alison Parker (aparker)");
    expect(dirk!.text).toContain("PageModified => /content/site/de/produkte\n");
    expect(dirk!.text).not.toContain("/content/site/en/products");
    expect(rows.every((x) => x.family === "page" && x.status === "queued")).toBe(true);

    // No subscriber: 202 with no messages.
    const none = await page(req("/events/page", { type: "PageDeleted", paths: ["/content/other"], user: { id: "u", name: "U" } }, auth));
    expect(none.status).toBe(202);
    expect(await none.json()).toEqual({ messages: [] });
  });

  it("a workflow event renders every workflow variable, from the workflow service", async () => {
    await saveServiceConfig(WORKFLOW_EMAIL_PID, { "from.address": "Workflow <wf@acme.example>", "host.prefix": "https://author.acme.example" }, { actor: "test" });
    const r = await workflow(req("/events/workflow", EXAMPLES.workflowEvent, auth));
    expect(r.status).toBe(202);
    const [m] = await outboxRows();
    expect(m!.language).toBe("de");
    expect(m!.fromAddr).toBe("Workflow <wf@acme.example>");
    expect(m!.toAddr).toBe("jonas.weber@example.com");
    expect(m!.subject).toBe("Workflow-Benachrichtigung: NodeTransition");
    expect(m!.text).toContain("https://author.acme.example/bin/wcmcommand?cmd=open&path=/content/site/en/adventures/bali-surf-camp");
    expect(m!.text).toContain("https://author.acme.example/aem/inbox");
    expect(m!.text).not.toMatch(/\$\{[^}]+\}/);
  });

  it("a workflow event honours Idempotency-Key too (every send route does)", async () => {
    const h = { ...auth, "idempotency-key": "wf-1" };
    const first = await workflow(req("/events/workflow", EXAMPLES.workflowEvent, h));
    expect(first.status).toBe(202);
    const again = await workflow(req("/events/workflow", EXAMPLES.workflowEvent, h));
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(await outboxRows()).toHaveLength(1);
    const other = await workflow(req("/events/workflow", { ...EXAMPLES.workflowEvent, event: { type: "NodeTransition", user: "someone-else" } }, h));
    expect(other.status).toBe(409);
  });

  it("GET /messages/{id} answers the stored message's state, 404 naming an unknown id, 401 without a key", async () => {
    const sent = await mail(req("/mail", EXAMPLES.mail, auth));
    const id = (await sent.json()).messages[0].id as string;
    const get = (mid: string, headers: Record<string, string> = auth) =>
      getMessage(new Request(`http://herald.test/api/v1/messages/${mid}`, { headers }), { params: Promise.resolve({ id: mid }) });

    const r = await get(id);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ id, queueStatus: "queued", attempts: 0, to: EXAMPLES.mail.to });
    const missing = await get("nope");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toContain('"nope"');
    expect((await get(id, {})).status).toBe(401);
  });

  it("a collection event answers 409 with the reason while the DAM switch is off", async () => {
    const r = await collection(req("/events/collection", EXAMPLES.collectionEvent, auth));
    expect(r.status).toBe(409);
    expect((await r.json()).error.message).toContain("Send email");
  });
});
