// GET /api/ready — readiness for load balancers: database, migrations, worker heartbeat, mail transport (public, no secrets)
import { readiness } from "@/lib/server/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const r = await readiness();
  return Response.json(r, { status: r.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
