import "server-only";
// The API rate limit as every console instance sees it. With PostgreSQL (several instances behind
// a load balancer) the token bucket lives in the ApiRateBucket table and is refilled, checked and
// taken in one INSERT … ON CONFLICT DO UPDATE — the row lock makes concurrent requests of one key
// on different instances queue up, so the limit holds across instances. With SQLite (one console
// process) the in-memory buckets of rate-limit.ts are exact and cost no write lock.
import { currentEngine, writeTx } from "@/lib/db/sql";
import { takeToken, type RateDecision } from "./rate-limit";

const TAKE = `
INSERT INTO "ApiRateBucket" AS b ("key", "tokens", "updatedMs", "lastOk")
VALUES (@key, CAST(@cap AS double precision) - 1, CAST(@now AS double precision), true)
ON CONFLICT ("key") DO UPDATE SET
  "tokens" = CASE WHEN LEAST(CAST(@cap AS double precision), b."tokens" + GREATEST(CAST(@now AS double precision) - b."updatedMs", 0) * CAST(@rate AS double precision)) >= 1
                  THEN LEAST(CAST(@cap AS double precision), b."tokens" + GREATEST(CAST(@now AS double precision) - b."updatedMs", 0) * CAST(@rate AS double precision)) - 1
                  ELSE LEAST(CAST(@cap AS double precision), b."tokens" + GREATEST(CAST(@now AS double precision) - b."updatedMs", 0) * CAST(@rate AS double precision)) END,
  "lastOk" = LEAST(CAST(@cap AS double precision), b."tokens" + GREATEST(CAST(@now AS double precision) - b."updatedMs", 0) * CAST(@rate AS double precision)) >= 1,
  "updatedMs" = GREATEST(CAST(@now AS double precision), b."updatedMs")
RETURNING "tokens", "lastOk"`;

/** Takes one request from the key's bucket, across every instance sharing the database. */
export async function takeSharedToken(key: string, perMinute: number, now = Date.now()): Promise<RateDecision> {
  const rate = perMinute / 60_000; // tokens per ms
  const row = await writeTx((tx) => tx.get<{ tokens: number; lastOk: boolean | number }>(TAKE, { key, cap: perMinute, now, rate }));
  const tokens = Number(row!.tokens);
  if (row!.lastOk === true || row!.lastOk === 1) return { ok: true, remaining: Math.floor(tokens) };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / rate / 1000)) };
}

/** The API's rate limit: shared through the database on PostgreSQL, in memory on SQLite. */
export function takeApiToken(key: string, perMinute: number): Promise<RateDecision> {
  return currentEngine() === "postgresql" ? takeSharedToken(key, perMinute) : Promise.resolve(takeToken(key, perMinute));
}
