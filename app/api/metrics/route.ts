// GET /api/metrics — Prometheus metrics: "Authorization: Bearer <HERALD_METRICS_TOKEN>" when that is set (401 otherwise); without it, signed-in admins only (404 to anyone else)
import { currentUser } from "@/lib/auth/session";
import { metricsText } from "@/lib/metrics";
import { metricsAccess } from "@/lib/metrics/access";
import { requestLogger } from "@/lib/log";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

export async function GET(req: Request) {
  const access = await metricsAccess(req.headers.get("authorization"), async () => (await currentUser())?.role === "admin");
  if (!access.ok) {
    if (access.status === 401) {
      return Response.json(
        { error: { code: "unauthenticated", message: 'Send "Authorization: Bearer <HERALD_METRICS_TOKEN>".' } },
        { status: 401, headers: { ...NO_STORE, "www-authenticate": 'Bearer realm="herald-metrics"' } },
      );
    }
    return Response.json({ error: { code: "not_found", message: "Not found." } }, { status: 404, headers: NO_STORE });
  }
  try {
    const { contentType, body } = await metricsText();
    return new Response(body, { headers: { ...NO_STORE, "content-type": contentType } });
  } catch (e) {
    requestLogger(req).error({ err: e }, "metrics: scrape failed");
    return Response.json({ error: { code: "internal", message: "Metrics are unavailable; see the server log." } }, { status: 500, headers: NO_STORE });
  }
}
