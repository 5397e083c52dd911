// GET /api/ready — readiness for load balancers: public answer = status and which check failed; the details (database, migrations, worker heartbeat, mail transport) with "Authorization: Bearer <HERALD_METRICS_TOKEN>" or an admin session
import { currentUser } from "@/lib/auth/session";
import { operatorDetailsAllowed } from "@/lib/metrics/access";
import { publicReadiness, readiness } from "@/lib/server/readiness";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const r = await readiness();
  const details = await operatorDetailsAllowed(req.headers.get("authorization"), async () => (await currentUser())?.role === "admin");
  return Response.json(details ? r : publicReadiness(r), { status: r.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
