// apiRoute's options for the endpoints that are not JSON API calls, through the real route
// handlers on a real database with real sessions: the metrics gate (auth "metrics", observe
// off) and the OAuth2 browser endpoints (before, signIn, unfinishedSession, refused).
import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach } from "vitest";
import { Writable } from "node:stream";
import { NextRequest } from "next/server";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections } from "@/lib/testing/db";
import { signedInAs } from "@/lib/testing/session";
import { createApiKey } from "@/lib/apikeys/store";
import { resetEnvCache } from "@/lib/env";
import { createLogger, setRootLogger } from "@/lib/log";
import { metricsText } from "@/lib/metrics";
import { startMockProvider, type MockProvider } from "@/lib/oauth/testing/mock-provider";
import { configure } from "@/lib/oauth/testing/setup";
import { resetRateLimits } from "./rate-limit";
import { GET as metrics } from "@/app/api/metrics/route";
import { GET as authorize } from "@/app/api/mailer/oauth2/authorize/route";
import { GET as token } from "@/app/api/mailer/oauth2/token/route";

const BASE = "http://herald.test";
const noParams = { params: Promise.resolve({}) };
const NO_STORE = { "cache-control": "no-store", "referrer-policy": "no-referrer", "x-content-type-options": "nosniff" };

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    for (const l of chunk.toString().split("\n")) if (l) lines.push(JSON.parse(l));
    done();
  },
});

function headersOf(res: Response): Record<string, string> {
  return Object.fromEntries(res.headers.entries());
}

describe("apiRoute for non-API endpoints", { timeout: 90_000 }, () => {
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
    resetRateLimits();
    lines.length = 0;
    setRootLogger(createLogger({ destination: sink }));
  });
  afterEach(async () => {
    setRootLogger(null);
    delete process.env.HERALD_METRICS_TOKEN;
    resetEnvCache();
    await closeConnections();
  });

  describe('auth "metrics", observe off: /api/metrics', () => {
    const get = (headers: Record<string, string> = {}) => metrics(new Request(`${BASE}/api/metrics`, { headers }), noParams);

    it("without HERALD_METRICS_TOKEN: a signed-in admin reads it; anyone else, a half-signed-in admin too, gets the same 404", async () => {
      const admin = await signedInAs("admin");
      const ok = await get({ cookie: admin.cookie });
      expect(ok.status).toBe(200);
      expect(ok.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(ok.headers.get("cache-control")).toBe("no-store");
      expect(await ok.text()).toContain("# TYPE herald_outbox_messages gauge");

      const author = await signedInAs("author");
      const pending = await signedInAs("admin", "pending@example.com", { stage: "second-factor" });
      const key = (await createApiKey({ name: "send", scopes: ["send"] }, "test")).key;
      const strangers: Record<string, string>[] = [{}, { cookie: author.cookie }, { cookie: pending.cookie }, { authorization: `Bearer ${key}` }, { cookie: "next-auth.session-token=forged" }];
      for (const headers of strangers) {
        const r = await get(headers);
        expect(r.status).toBe(404);
        expect(headersOf(r)).toEqual({ "cache-control": "no-store", "content-type": "application/json" });
        expect(await r.json()).toEqual({ error: { code: "not_found", message: "Not found." } });
      }
    });

    it("with HERALD_METRICS_TOKEN: the bearer token and nothing else, not even an admin session (401 with the metrics realm)", async () => {
      process.env.HERALD_METRICS_TOKEN = "scrape-token-0123456789abcdef";
      resetEnvCache();
      expect((await get({ authorization: "Bearer scrape-token-0123456789abcdef" })).status).toBe(200);
      const admin = await signedInAs("admin");
      const refused: Record<string, string>[] = [{}, { cookie: admin.cookie }, { authorization: "Bearer wrong" }];
      for (const headers of refused) {
        const r = await get(headers);
        expect(r.status).toBe(401);
        expect(headersOf(r)).toEqual({ "cache-control": "no-store", "content-type": "application/json", "www-authenticate": 'Bearer realm="herald-metrics"' });
        expect(await r.json()).toEqual({ error: { code: "unauthenticated", message: 'Send "Authorization: Bearer <HERALD_METRICS_TOKEN>".' } });
      }
    });

    it("a scrape is not counted as an API request, not logged as one, and gets no request id", async () => {
      const admin = await signedInAs("admin");
      const refused = await get();
      const ok = await get({ cookie: admin.cookie });
      expect([refused.status, ok.status]).toEqual([404, 200]);
      expect(ok.headers.get("x-request-id")).toBeNull();
      expect(refused.headers.get("x-request-id")).toBeNull();
      expect((await metricsText()).body).not.toContain('route="/api/metrics"');
      expect(lines.filter((l) => String(l.route ?? "").includes("/api/metrics"))).toEqual([]);
    });
  });

  describe("before, signIn, unfinishedSession, refused: the OAuth2 endpoints", () => {
    let mock: MockProvider;
    beforeAll(async () => {
      mock = await startMockProvider({ accessTtl: 600 });
    });
    afterAll(async () => mock?.stop());

    const start = (headers: Record<string, string> = {}) => authorize(new NextRequest(`${BASE}/api/mailer/oauth2/authorize`, { headers }), noParams);
    const back = (headers: Record<string, string> = {}) => token(new NextRequest(`${BASE}/api/mailer/oauth2/token?code=abc&state=def`, { headers }), noParams);

    it("before: while no provider is configured both are a 404 to everyone, before any sign-in check", async () => {
      const admin = await signedInAs("admin");
      const callers: Record<string, string>[] = [{}, { cookie: admin.cookie }];
      for (const headers of callers) {
        const a = await start(headers);
        expect(a.status).toBe(404);
        expect(await a.json()).toEqual({ error: { code: "not_found", message: "The OAuth2 authorize endpoint is off until the CQ Mail SMTP OAuth2 Provider is configured." } });
        const t = await back({ ...headers, accept: "text/html" });
        expect(t.status).toBe(404);
        expect(t.headers.get("content-type")).toBe("text/html; charset=utf-8");
        expect(await t.text()).toContain("The OAuth2 token endpoint is off until the CQ Mail SMTP OAuth2 Provider is configured.");
      }
    });

    it("signIn: a browser that is not signed in (or owes its second factor) goes to /login with a callbackUrl; anything else gets 401", async () => {
      await configure(mock);
      const pending = await signedInAs("admin", "pending@example.com", { stage: "second-factor" });
      for (const cookie of [undefined, pending.cookie, "next-auth.session-token=forged"]) {
        const headers: Record<string, string> = cookie ? { cookie } : {};
        const browser = await start({ ...headers, accept: "text/html,application/xhtml+xml" });
        expect(browser.status).toBe(303);
        expect(headersOf(browser)).toEqual({ location: `${BASE}/login?callbackUrl=%2Fconfiguration%2Foauth`, ...NO_STORE });
        expect(await browser.text()).toBe("");
        const script = await start(headers);
        expect(script.status).toBe(401);
        expect(headersOf(script)).toEqual({ "content-type": "application/json", ...NO_STORE });
        expect(await script.json()).toEqual({ error: { code: "unauthenticated", message: "Sign in as an admin first." } });
      }
      // The token callback has no signIn: a browser gets the page that says what to do.
      const page = await back({ accept: "text/html", cookie: pending.cookie });
      expect(page.status).toBe(401);
      expect(await page.text()).toContain("This answer from the provider belongs to an admin&#39;s session.");
    });

    it("refused: an author gets the 'Admins only' page or JSON; before still refuses another site first", async () => {
      await configure(mock);
      const author = await signedInAs("author");
      const json = await start({ cookie: author.cookie });
      expect(json.status).toBe(403);
      expect(await json.json()).toEqual({ error: { code: "forbidden", message: "Only admins may connect a mailbox." } });
      const html = await back({ cookie: author.cookie, accept: "text/html" });
      expect(html.status).toBe(403);
      expect(html.headers.get("content-security-policy")).toBe("default-src 'none'; style-src 'unsafe-inline'");
      expect(await html.text()).toMatch(/<h1>Admins only<\/h1>[\s\S]*Only admins may connect a mailbox\./);
      const crossSite = await start({ "sec-fetch-site": "cross-site" });
      expect(crossSite.status).toBe(403);
      expect(await crossSite.json()).toEqual({ error: { code: "forbidden", message: "Authorization can only be started from Herald's own OAuth2 page." } });
    });

    it("an admin is sent to the provider with the binding cookie; a callback with an unknown state is a 400 page", async () => {
      await configure(mock);
      const admin = await signedInAs("admin");
      const res = await start({ cookie: admin.cookie });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(new RegExp(`^${mock.authUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\?`));
      expect(res.headers.get("set-cookie")).toMatch(/^herald_oauth_binding=[^;]+; Path=\/api\/mailer\/oauth2; .*HttpOnly; SameSite=lax/i);
      expect(res.headers.get("x-request-id")).toBeNull();
      const bad = await back({ cookie: admin.cookie, accept: "text/html" });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain("<h1>This authorization cannot be completed</h1>");
    });
  });
});
