import { describe, it, expect, beforeEach } from "vitest";
import { resetRateLimits, takeToken } from "./rate-limit";

describe("per-key rate limit (token bucket)", () => {
  beforeEach(() => resetRateLimits());

  it("allows a burst up to the limit, then answers with the seconds until the next request fits", () => {
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) expect(takeToken("k", 3, t0).ok).toBe(true);
    const refused = takeToken("k", 3, t0);
    // 3 a minute: one token every 20 s.
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 20 });
    expect(takeToken("k", 3, t0 + 19_000).ok).toBe(false);
    expect(takeToken("k", 3, t0 + 20_001).ok).toBe(true);
  });

  it("counts each key on its own", () => {
    const t0 = 5_000;
    expect(takeToken("a", 1, t0).ok).toBe(true);
    expect(takeToken("a", 1, t0).ok).toBe(false);
    expect(takeToken("b", 1, t0).ok).toBe(true);
  });

  it("never stores more than the limit however long the key was idle", () => {
    const t0 = 0;
    takeToken("k", 2, t0);
    const later = t0 + 3_600_000;
    expect(takeToken("k", 2, later).ok).toBe(true);
    expect(takeToken("k", 2, later).ok).toBe(true);
    expect(takeToken("k", 2, later).ok).toBe(false);
  });
});
