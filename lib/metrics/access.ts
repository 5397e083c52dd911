import "server-only";
// Who may read the metrics. With HERALD_METRICS_TOKEN set, a scraper sends it as
// "Authorization: Bearer <token>" and nothing else is accepted (401 otherwise). Without it,
// /api/metrics answers only a signed-in admin (to look at it from the browser) and is a 404 to
// everyone else, so an unconfigured installation does not even reveal that it has the endpoint.
// (Trusting "the request comes from loopback" is not an option behind a reverse proxy on the
// same machine: every request would look local.)
import crypto from "node:crypto";
import { env } from "@/lib/env";

export type MetricsAccess = { ok: true } | { ok: false; status: 401 | 404 };

/** Constant-time comparison of a presented token with the configured one. */
export function tokenMatches(presented: string, expected: string): boolean {
  // Hash both first: equal lengths for timingSafeEqual, and no early exit on the length.
  const a = crypto.createHash("sha256").update(presented).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** The bearer token of an Authorization header value, if it has one. */
export function bearerToken(header: string | null | undefined): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1] ?? null;
}

/** Checks the bearer token when one is configured; without one, asks `isAdmin` (the session). */
export async function metricsAccess(authorization: string | null, isAdmin: () => Promise<boolean>, token = env().HERALD_METRICS_TOKEN): Promise<MetricsAccess> {
  if (token) {
    const presented = bearerToken(authorization);
    return presented !== null && tokenMatches(presented, token) ? { ok: true } : { ok: false, status: 401 };
  }
  return (await isAdmin()) ? { ok: true } : { ok: false, status: 404 };
}

/**
 * For operator details on otherwise public endpoints (/api/ready): the metrics token when one is
 * configured, or a signed-in admin either way. Never throws; a wrong token is simply "no".
 */
export async function operatorDetailsAllowed(authorization: string | null, isAdmin: () => Promise<boolean>, token = env().HERALD_METRICS_TOKEN): Promise<boolean> {
  const presented = bearerToken(authorization);
  if (token && presented !== null && tokenMatches(presented, token)) return true;
  return isAdmin();
}
