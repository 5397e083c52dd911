import "server-only";
// GET /metrics of a standalone worker (`npm run worker` with HERALD_WORKER_METRICS_PORT): its
// counters live in its own process, so Prometheus scrapes each worker directly. Same registry as
// the console's /api/metrics. With HERALD_METRICS_TOKEN set, the bearer token is required and the
// port listens on every interface (a Prometheus on another machine can reach it); without a token
// it listens on 127.0.0.1 only and asks nothing — whoever can reach loopback is on this machine.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { bearerToken, tokenMatches } from "./access";
import { metricsText } from "./index";
import type { Logger } from "@/lib/log";

export interface MetricsServerOptions {
  port: number;
  /** Required bearer token; without one the server binds to 127.0.0.1. */
  token?: string;
  log?: Logger;
  /** How long to wait before trying a busy port again (a previous worker may still be draining). */
  retryMs?: number;
}

export interface MetricsServer {
  /** The port it listens on (once listening). */
  port(): number | null;
  host: string;
  /** Resolves once listening for the first time. */
  listening: Promise<void>;
  close(): Promise<void>;
}

export function serveMetrics(opts: MetricsServerOptions): MetricsServer {
  const host = opts.token ? "0.0.0.0" : "127.0.0.1";
  const retryMs = opts.retryMs ?? 5000;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const server = http.createServer((req, res) => {
    void answer(req, res);
  });

  async function answer(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics") return send(res, 404, "Not found: metrics are at /metrics\n");
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "Use GET\n", { allow: "GET, HEAD" });
    if (opts.token) {
      const presented = bearerToken(req.headers.authorization);
      if (presented === null || !tokenMatches(presented, opts.token)) {
        return send(res, 401, 'Send "Authorization: Bearer <HERALD_METRICS_TOKEN>"\n', { "www-authenticate": 'Bearer realm="herald-metrics"' });
      }
    }
    try {
      const { contentType, body } = await metricsText();
      send(res, 200, req.method === "HEAD" ? "" : body, { "content-type": contentType });
    } catch (e) {
      opts.log?.error({ err: e }, "metrics: scrape failed");
      send(res, 500, "Metrics are unavailable; see the worker's log\n");
    }
  }

  const listening = new Promise<void>((resolve) => {
    server.once("listening", () => {
      const a = server.address() as AddressInfo;
      opts.log?.info({ host, port: a.port, token: opts.token ? "required" : "none" }, `metrics: serving GET http://${host}:${a.port}/metrics`);
      resolve();
    });
  });
  server.on("error", (e: NodeJS.ErrnoException) => {
    // Metrics never stop the worker: report, and retry a busy port (rolling restarts).
    opts.log?.error({ err: e, port: opts.port }, `metrics: cannot listen on ${host}:${opts.port}${e.code === "EADDRINUSE" ? `; trying again every ${retryMs / 1000} s` : ""}`);
    if (e.code === "EADDRINUSE" && !closed) {
      retry = setTimeout(() => server.listen(opts.port, host), retryMs);
      retry.unref();
    }
  });
  server.listen(opts.port, host);
  // Never keep a stopping worker alive.
  server.unref();

  return {
    host,
    port: () => (server.listening ? (server.address() as AddressInfo).port : null),
    listening,
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        if (retry) clearTimeout(retry);
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(body);
}
