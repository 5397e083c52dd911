// Prometheus metrics and request ids on the running server. HERALD_METRICS_TOKEN is not set here,
// so /api/metrics answers a signed-in admin and is a 404 to everyone else.
import { test, expect } from "../fixtures/test";
import { bearer, createKey } from "../sending/helpers";

test("an admin reads /api/metrics: queue depth and the API requests just made, by route pattern", async ({ adminPage }) => {
  const key = createKey("metrics e2e", "send");
  const api = adminPage.request;

  const given = await api.get("/api/v1/messages/msg_does_not_exist", { headers: { ...bearer(key), "x-request-id": "e2e-metrics-1" } });
  expect(given.status()).toBe(404);
  expect(given.headers()["x-request-id"]).toBe("e2e-metrics-1");
  const generated = await api.get("/api/v1/messages/msg_does_not_exist_either", { headers: bearer(key) });
  expect(generated.status()).toBe(404);
  expect(generated.headers()["x-request-id"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(generated.headers()["x-request-id"]).not.toBe("e2e-metrics-1");

  const res = await api.get("/api/metrics");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(res.headers()["cache-control"]).toBe("no-store");
  const body = await res.text();
  expect(body).toContain("# TYPE herald_outbox_messages gauge");
  expect(body).toMatch(/^herald_outbox_messages\{status="queued"\} \d+$/m);
  expect(body).toMatch(/^herald_api_requests_total\{route="\/api\/v1\/messages\/\[id\]",method="GET",status="404"\} ([2-9]|\d{2,})$/m);
  expect(body).toContain("# TYPE herald_api_request_duration_seconds histogram");
  expect(body).toContain("herald_process_cpu_user_seconds_total");
  // Ids never become labels; the key never appears.
  expect(body).not.toContain("msg_does_not_exist");
  expect(body).not.toContain(key);
});

test("without an admin session /api/metrics is a 404 — anonymous, an author, or an API key", async ({ playwright, baseURL, authorPage }) => {
  const anon = await playwright.request.newContext({ baseURL });
  expect((await anon.get("/api/metrics")).status()).toBe(404);
  const key = createKey("metrics e2e anon", "send");
  expect((await anon.get("/api/metrics", { headers: bearer(key) })).status()).toBe(404);
  await anon.dispose();
  const author = await authorPage.request.get("/api/metrics");
  expect(author.status()).toBe(404);
  expect(await author.text()).not.toContain("herald_");
});
