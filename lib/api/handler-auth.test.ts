// apiRoute's three ways in, through the real route handlers: "key" (the public API), "session"
// (the console's configuration export) and "either" (template render) — on a real database, with
// real API keys and real session cookies.
import { describe, it, expect, beforeEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections } from "@/lib/testing/db";
import { signedInAs } from "@/lib/testing/session";
import { createApiKey } from "@/lib/apikeys/store";
import { MAIL_SERVICE_PID } from "@/lib/config/services";
import { resetRateLimits } from "./rate-limit";
import { GET as getMessage } from "@/app/api/v1/messages/[id]/route";
import { GET as exportConfig } from "@/app/api/config/export/route";
import { POST as render } from "@/app/api/v1/templates/render/route";

const BASE = "http://herald.test";
const noParams = { params: Promise.resolve({}) };

function renderRequest(headers: Record<string, string>, body: unknown = { family: "workflow", lang: "en", data: { "event.EventType": "NodeTransition" } }) {
  return new Request(`${BASE}/api/v1/templates/render`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

describe("apiRoute auth modes", { timeout: 90_000 }, () => {
  let admin: string;
  let author: string;
  let templatesKey: string;
  let sendKey: string;

  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
    resetRateLimits();
    admin = (await signedInAs("admin")).cookie;
    author = (await signedInAs("author")).cookie;
    templatesKey = (await createApiKey({ name: "templates", scopes: ["templates"], rateLimit: 600 }, "test")).key;
    sendKey = (await createApiKey({ name: "send", scopes: ["send"], rateLimit: 600 }, "test")).key;
  });

  it("key: an API key with the scope gets in; a session cookie is no API key", async () => {
    const get = (headers: Record<string, string>) => getMessage(new Request(`${BASE}/api/v1/messages/none`, { headers }), { params: Promise.resolve({ id: "none" }) });
    const withKey = await get({ authorization: `Bearer ${sendKey}` });
    expect(withKey.status).toBe(404);
    expect((await errorOf(withKey)).message).toBe('There is no message "none".');
    const withSession = await get({ cookie: admin });
    expect(withSession.status).toBe(401);
    expect(withSession.headers.get("www-authenticate")).toBe('Bearer realm="herald"');
    const wrongScope = await get({ authorization: `Bearer ${templatesKey}` });
    expect(wrongScope.status).toBe(403);
    expect((await errorOf(wrongScope)).message).toMatch(/lacks the "send" scope/);
  });

  it("session: a signed-in admin gets the export; an author 403, no session or an API key 401", async () => {
    const get = (headers: Record<string, string>) => exportConfig(new Request(`${BASE}/api/config/export?pid=${MAIL_SERVICE_PID}`, { headers }), noParams);
    const ok = await get({ cookie: admin });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toMatch(/attachment; filename=".*\.cfg\.json"/);
    expect(JSON.parse(await ok.text())).toHaveProperty("smtp.host");

    const denied = await get({ cookie: author });
    expect(denied.status).toBe(403);
    expect(await errorOf(denied)).toEqual({ code: "forbidden", message: "Only admins may do this." });
    const strangers: Record<string, string>[] = [{}, { authorization: `Bearer ${templatesKey}` }, { cookie: "next-auth.session-token=forged" }];
    for (const headers of strangers) {
      const r = await get(headers);
      expect(r.status).toBe(401);
      expect(await errorOf(r)).toEqual({ code: "unauthenticated", message: "Sign in first." });
    }
    const bad = await exportConfig(new Request(`${BASE}/api/config/export`, { headers: { cookie: admin } }), noParams);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: "validation", message: "Name a service (pid=…) or ask for all of them (all=1).", fields: { pid: ["Required unless all=1."] } } });
  });

  it("either: a key with the scope or any signed-in user; a session must send JSON; neither is 401", async () => {
    const byKey = await render(renderRequest({ authorization: `Bearer ${templatesKey}` }), noParams);
    expect(byKey.status).toBe(200);
    expect(await byKey.json()).toMatchObject({ subject: "Workflow notification: NodeTransition", language: "en" });
    const bySession = await render(renderRequest({ cookie: author }), noParams);
    expect(bySession.status).toBe(200);

    // With an Authorization header the request is judged by its key, even beside a session.
    const wrongKey = await render(renderRequest({ authorization: `Bearer ${sendKey}`, cookie: author }), noParams);
    expect(wrongKey.status).toBe(403);

    const anonymous = await render(renderRequest({}), noParams);
    expect(anonymous.status).toBe(401);
    expect(await errorOf(anonymous)).toEqual({
      code: "unauthenticated",
      message: 'Sign in to the console, or send an API key with the "templates" scope: "Authorization: Bearer <API key>".',
    });

    const form = await render(new Request(`${BASE}/api/v1/templates/render`, { method: "POST", headers: { cookie: author, "content-type": "text/plain" }, body: "{}" }), noParams);
    expect(form.status).toBe(400);
    expect((await errorOf(form)).message).toBe('Send JSON with "Content-Type: application/json" (got "text/plain").');

    const tooBig = await render(renderRequest({ cookie: author }, { family: "workflow", lang: "en", data: { x: "a".repeat(300 * 1024) } }), noParams);
    expect(tooBig.status).toBe(413);
  });
});
