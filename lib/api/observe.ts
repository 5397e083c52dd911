import "server-only";
// Around every /api/v1 handler (apiRoute in handler.ts): a request id (the caller's X-Request-Id
// when it is safe to echo, else a new one) in the `x-request-id` response header and on every log
// line written while the request is served; one log line per request (method, route, status,
// duration, API key id — never the key); and the request counter and latency histogram.
//
// Routes are labelled by their pattern (/api/v1/messages/[id]), never the raw path: ids in
// labels would make a new time series per message.
import { errorBody } from "@/lib/errors";
import { requestLogger, withLogger } from "@/lib/log";
import { recordApiRequest } from "@/lib/metrics";

type RouteArgs = { params?: Promise<Record<string, string | string[]>> };
type Handler<A extends RouteArgs> = (req: Request, args?: A) => Promise<Response>;

const apiKeys = new WeakMap<Request, string>();

/** Remembers which API key made the request (its id, for the request's log line). */
export function noteApiKey(req: Request, apiKeyId: string) {
  apiKeys.set(req, apiKeyId);
}

/**
 * The route pattern of `pathname`: each dynamic segment's value replaced by its [name]
 * ([...name] for a catch-all), matched from the end, where Next's dynamic segments are.
 */
export function routePattern(pathname: string, params: Record<string, string | string[]> = {}): string {
  const segments = pathname.split("/");
  const decoded = segments.map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const out: (string | null)[] = [...segments];
  const taken = new Set<number>();
  for (const [name, value] of Object.entries(params)) {
    const parts = Array.isArray(value) ? value : [value];
    if (!parts.length) continue;
    for (let i = segments.length - parts.length; i >= 1; i--) {
      if (!parts.every((p, j) => !taken.has(i + j) && decoded[i + j] === p)) continue;
      out[i] = Array.isArray(value) ? `[...${name}]` : `[${name}]`;
      for (let j = 0; j < parts.length; j++) {
        taken.add(i + j);
        if (j > 0) out[i + j] = null;
      }
      break;
    }
  }
  return out.filter((s): s is string => s !== null).join("/") || "/";
}

/** Wraps an API handler with the request id, the request log line and the metrics. */
export function observeApi<A extends RouteArgs>(handler: Handler<A>): Handler<A> {
  return async (req, args) => {
    const started = performance.now();
    const log = requestLogger(req);
    let res: Response;
    try {
      res = await withLogger(log, () => handler(req, args));
    } catch (e) {
      // apiRoute answers every error itself; this is the last line of defence.
      log.error({ err: e }, "api: unexpected error");
      const { status, body } = errorBody(e);
      res = Response.json(body, { status });
    }
    const seconds = (performance.now() - started) / 1000;
    let params: Record<string, string | string[]> = {};
    try {
      params = (await args?.params) ?? {};
    } catch {
      /* no params */
    }
    const route = routePattern(new URL(req.url).pathname, params);
    recordApiRequest(route, req.method, res.status, seconds);
    log.info(
      { method: req.method, route, status: res.status, durationMs: Math.round(seconds * 10_000) / 10, apiKeyId: apiKeys.get(req) ?? null },
      `${req.method} ${route} ${res.status}`,
    );
    return withRequestId(res, log.requestId);
  };
}

function withRequestId(res: Response, id: string): Response {
  try {
    res.headers.set("x-request-id", id);
    return res;
  } catch {
    // Immutable headers (a fetched or redirect response): copy.
    const headers = new Headers(res.headers);
    headers.set("x-request-id", id);
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  }
}
