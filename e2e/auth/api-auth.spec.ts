// Every API route handler on disk, called without a session or key, answers 401 — so a new route
// that forgets its check fails here. Public routes are listed with the reason.
import fs from "node:fs";
import path from "node:path";
import { test, expect } from "../fixtures/test";

const PUBLIC: Record<string, string> = {
  "/api/auth/[...nextauth]": "next-auth's own endpoints (sign-in, CSRF, session)",
  "/api/v1/openapi.json": "the API description holds no data",
  "/api/health": "liveness for load balancers, no data",
  "/api/ready": "readiness for load balancers, states only",
};
// AEM keeps the OAuth2 endpoints as disabled components until a provider is configured: 404
// then, and 401 for authorize once enabled. The token callback answers 400 without a valid state.
const OAUTH = ["/api/mailer/oauth2/authorize", "/api/mailer/oauth2/token"];
// Prometheus metrics: with HERALD_METRICS_TOKEN the bearer token is required (401); without it (as
// in these tests) a 404 to everyone but a signed-in admin (e2e/ops/metrics.spec.ts).
const HIDDEN = ["/api/metrics"];

function routes(dir = "app/api"): { route: string; methods: string[] }[] {
  const out: { route: string; methods: string[] }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...routes(p));
    else if (entry.name === "route.ts") {
      const text = fs.readFileSync(p, "utf8");
      const methods = [...text.matchAll(/export\s+(?:async\s+function|const|function)\s+(GET|POST|PUT|PATCH|DELETE)\b|as\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => (m[1] ?? m[2])!);
      out.push({ route: "/" + path.relative("app", path.dirname(p)).split(path.sep).join("/"), methods: [...new Set(methods)] });
    }
  }
  return out;
}

test("every API route answers 401 without a session or API key", async ({ playwright, baseURL }) => {
  const anon = await playwright.request.newContext({ baseURL });
  const found = routes();
  expect(found.length).toBeGreaterThan(5);
  const checked: string[] = [];
  for (const { route, methods } of found) {
    if (PUBLIC[route]) continue;
    expect(methods.length, `${route} exports no handler`).toBeGreaterThan(0);
    const url = route.replace(/\[\.\.\.[^\]]+\]/g, "x").replace(/\[[^\]]+\]/g, "does-not-exist");
    for (const method of methods) {
      const res = await anon.fetch(url, { method, data: method === "GET" || method === "DELETE" ? undefined : {}, maxRedirects: 0 });
      if (OAUTH.includes(route)) expect([400, 401, 404], `${method} ${url}`).toContain(res.status());
      else if (HIDDEN.includes(route)) expect(res.status(), `${method} ${url}`).toBe(404);
      else expect(res.status(), `${method} ${url}`).toBe(401);
      checked.push(`${method} ${url}`);
    }
  }
  expect(checked.length).toBeGreaterThan(10);
  // A wrong key is no better than none.
  const wrong = await anon.fetch("/api/v1/mail", { method: "POST", headers: { authorization: "Bearer hk_wrong" }, data: {} });
  expect(wrong.status()).toBe(401);
  await anon.dispose();
});

test("health and readiness answer without a session, with no secrets", async ({ playwright, baseURL }) => {
  const anon = await playwright.request.newContext({ baseURL });
  const health = await anon.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
  const ready = await anon.get("/api/ready");
  const body = await ready.json();
  // The public answer: status and which check failed, no details (those could help an attacker).
  expect(body).toMatchObject({ ready: true, status: "ready", checks: { database: { ok: true }, migrations: { ok: true }, worker: { ok: true } } });
  expect(Object.values(body.checks).every((c) => Object.keys(c as object).join() === "ok")).toBe(true);
  expect(body.failed).toEqual(body.checks.mailTransport.ok ? [] : ["mailTransport"]);
  expect(ready.status()).toBe(200);
  await anon.dispose();
});

test("an admin session sees the readiness details", async ({ adminPage }) => {
  const ready = await adminPage.request.get("/api/ready");
  const body = await ready.json();
  expect(body.checks.database).toEqual({ ok: true, detail: "reachable" });
  expect(body.checks.migrations).toEqual({ ok: true, detail: "current" });
  expect(body.checks.worker.detail).toMatch(/alive/);
  expect(typeof body.checks.mailTransport.detail).toBe("string");
});
