// Requests per minute per API key: a token bucket per key (capacity = the key's limit, refilled
// continuously at limit/60 per second), so a burst up to the limit is fine and a steady rate
// above it is not. In memory, per process: with several console processes each counts its own.
// Kept on globalThis so every route bundle of the server shares one set of buckets.

interface Bucket {
  tokens: number;
  updated: number;
  capacity: number;
}

const KEY = Symbol.for("herald.rateLimitBuckets");

function buckets(): Map<string, Bucket> {
  const g = globalThis as { [KEY]?: Map<string, Bucket> };
  return (g[KEY] ??= new Map());
}

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/** Takes one request from the key's bucket. */
export function takeToken(key: string, perMinute: number, now = Date.now()): RateDecision {
  const all = buckets();
  let b = all.get(key);
  if (!b || b.capacity !== perMinute) {
    b = { tokens: perMinute, updated: now, capacity: perMinute };
    all.set(key, b);
  }
  const rate = perMinute / 60_000; // tokens per ms
  b.tokens = Math.min(b.capacity, b.tokens + (now - b.updated) * rate);
  b.updated = now;
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return { ok: true, remaining: Math.floor(b.tokens) };
  }
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000)) };
}

/** Forgets every bucket (tests). */
export function resetRateLimits() {
  buckets().clear();
}
