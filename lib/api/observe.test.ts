// Observability of the HTTP API through the real apiRoute wrapper, with real API keys on a fresh
// database: the x-request-id header, one log line per request (with the key's id, never the
// key), and the request counter and latency histogram labelled by route pattern.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { Writable } from "node:stream";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections } from "@/lib/testing/db";
import { createApiKey } from "@/lib/apikeys/store";
import { AppError } from "@/lib/errors";
import { createLogger, setRootLogger } from "@/lib/log";
import { metricsRegistry, metricsText } from "@/lib/metrics";
import { apiRoute } from "./handler";
import { resetRateLimits } from "./rate-limit";
import { routePattern } from "./observe";

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    for (const l of chunk.toString().split("\n")) if (l) lines.push(JSON.parse(l));
    done();
  },
});

// Shaped like app/api/v1/messages/[id]/route.ts, without the outbox behind it.
const getMessage = apiRoute({ scope: "send" }, async ({ params }) => {
  if (params.id === "boom") throw new Error("database exploded at /secret/path");
  throw new AppError("not_found", `There is no message "${params.id}".`);
});
const listThings = apiRoute({ scope: "send" }, async () => ({ status: 200, body: { ok: true } }));

function call(handler: typeof getMessage, path: string, params: Record<string, string>, headers: Record<string, string> = {}) {
  return handler(new Request(`http://herald.test${path}`, { headers }), { params: Promise.resolve(params) });
}

async function counter(labels: Record<string, string>): Promise<number> {
  const m = metricsRegistry().getSingleMetric("herald_api_requests_total")!;
  const v = (await m.get()).values.find((x) => Object.entries(labels).every(([k, want]) => x.labels[k] === want));
  return v?.value ?? 0;
}

async function histogramCount(labels: Record<string, string>): Promise<number> {
  const m = metricsRegistry().getSingleMetric("herald_api_request_duration_seconds")!;
  const values = (await m.get()).values as { labels: Record<string, string | number>; value: number; metricName?: string }[];
  const v = values.find((x) => x.metricName === "herald_api_request_duration_seconds_count" && Object.entries(labels).every(([k, want]) => x.labels[k] === want));
  return v?.value ?? 0;
}

describe("API observability", () => {
  let key: string;
  let keyId: string;
  let auth: Record<string, string>;

  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
    resetRateLimits();
    const created = await createApiKey({ name: "observe", scopes: ["send"] }, "test");
    key = created.key;
    keyId = created.view.id;
    auth = { authorization: `Bearer ${key}` };
    lines.length = 0;
    setRootLogger(createLogger({ destination: sink }));
  });
  afterEach(async () => {
    setRootLogger(null);
    await closeConnections();
  });

  it("echoes a safe X-Request-Id and generates one otherwise — on success and on errors", async () => {
    const given = await call(listThings, "/api/v1/things", {}, { ...auth, "x-request-id": "trace-77" });
    expect(given.status).toBe(200);
    expect(given.headers.get("x-request-id")).toBe("trace-77");
    const made = await call(listThings, "/api/v1/things", {}, auth);
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const unauth = await call(listThings, "/api/v1/things", {}, { "x-request-id": "bad id with spaces" });
    expect(unauth.status).toBe(401);
    expect(unauth.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(unauth.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("logs one line per request with method, route pattern, status, duration and the key's id — never the key", async () => {
    const res = await call(getMessage, "/api/v1/messages/msg_0123", { id: "msg_0123" }, { ...auth, "x-request-id": "req-1" });
    expect(res.status).toBe(404);
    await call(getMessage, "/api/v1/messages/msg_0123", { id: "msg_0123" });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: "info", requestId: "req-1", method: "GET", route: "/api/v1/messages/[id]", status: 404, apiKeyId: keyId, msg: "GET /api/v1/messages/[id] 404" });
    expect(typeof lines[0]!.durationMs).toBe("number");
    expect(lines[1]).toMatchObject({ status: 401, apiKeyId: null, route: "/api/v1/messages/[id]" });
    expect(JSON.stringify(lines)).not.toContain(key);
  });

  it("counts requests by route pattern, method and status, and times them; ids never become labels", async () => {
    const labels = { route: "/api/v1/messages/[id]", method: "GET" };
    const before404 = await counter({ ...labels, status: "404" });
    const before401 = await counter({ ...labels, status: "401" });
    const beforeTimed = await histogramCount(labels);
    await call(getMessage, "/api/v1/messages/msg_a", { id: "msg_a" }, auth);
    await call(getMessage, "/api/v1/messages/msg_b", { id: "msg_b" }, auth);
    await call(getMessage, "/api/v1/messages/msg_c", { id: "msg_c" });
    expect(await counter({ ...labels, status: "404" })).toBe(before404 + 2);
    expect(await counter({ ...labels, status: "401" })).toBe(before401 + 1);
    expect(await histogramCount(labels)).toBe(beforeTimed + 3);
    const { body, contentType } = await metricsText();
    expect(contentType).toMatch(/^text\/plain/);
    expect(body).toContain('herald_api_requests_total{route="/api/v1/messages/[id]",method="GET",status="404"}');
    expect(body).toContain("# TYPE herald_api_request_duration_seconds histogram");
    expect(body).not.toMatch(/msg_[abc]/);
  });

  it("an unexpected error answers 500 without internals and is logged with the request id and stack", async () => {
    const res = await call(getMessage, "/api/v1/messages/boom", { id: "boom" }, { ...auth, "x-request-id": "req-boom" });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("exploded");
    expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: "Something went wrong on the server." } });
    const error = lines.find((l) => l.level === "error")!;
    expect(error).toMatchObject({ requestId: "req-boom", msg: "api: unexpected error" });
    expect((error.err as { stack: string }).stack).toContain("database exploded");
    expect(lines.find((l) => l.level === "info")).toMatchObject({ requestId: "req-boom", status: 500, route: "/api/v1/messages/[id]" });
  });
});

describe("routePattern", () => {
  it("replaces dynamic segments by their names, from the end", () => {
    expect(routePattern("/api/v1/mail")).toBe("/api/v1/mail");
    expect(routePattern("/api/v1/messages/abc", { id: "abc" })).toBe("/api/v1/messages/[id]");
    expect(routePattern("/api/v1/recipients/recipients", { id: "recipients" })).toBe("/api/v1/recipients/[id]");
    expect(routePattern("/api/v1/recipients/a%40b.com", { id: "a@b.com" })).toBe("/api/v1/recipients/[id]");
    expect(routePattern("/api/v1/files/a/b/c", { path: ["a", "b", "c"] })).toBe("/api/v1/files/[...path]");
    expect(routePattern("/api/v1/t/x/y", { a: "x", b: "y" })).toBe("/api/v1/t/[a]/[b]");
  });
});
