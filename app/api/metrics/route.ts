// GET /api/metrics — Prometheus metrics: "Authorization: Bearer <HERALD_METRICS_TOKEN>" when that is set (401 otherwise); without it, signed-in admins only (404 to anyone else)
import { apiRoute } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { metricsText } from "@/lib/metrics";
import { requestLogger } from "@/lib/log";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

// Not observed: a scrape is no API request, and counting it would skew the API's own counter.
export const GET = apiRoute(
  {
    auth: "metrics",
    observe: false,
    refused: (_req, e) => {
      if (!(e instanceof AppError)) return undefined;
      if (e.code === "unauthenticated") {
        return Response.json({ error: { code: e.code, message: e.message } }, { status: 401, headers: { ...NO_STORE, "www-authenticate": 'Bearer realm="herald-metrics"' } });
      }
      return Response.json({ error: { code: "not_found", message: "Not found." } }, { status: 404, headers: NO_STORE });
    },
  },
  async ({ req }) => {
    try {
      const { contentType, body } = await metricsText();
      return new Response(body, { headers: { ...NO_STORE, "content-type": contentType } });
    } catch (e) {
      requestLogger(req).error({ err: e }, "metrics: scrape failed");
      return Response.json({ error: { code: "internal", message: "Metrics are unavailable; see the server log." } }, { status: 500, headers: NO_STORE });
    }
  },
);
