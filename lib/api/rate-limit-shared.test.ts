// The rate limit shared by console instances through PostgreSQL: the same token bucket as the
// in-memory one, and exact under concurrency — requests arriving at once on different connections
// (as from different instances) never get more than the limit.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { startTestPostgres } from "@/lib/testing/pg";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections } from "@/lib/testing/db";
import { resetEnvCache } from "@/lib/env";
import { takeSharedToken } from "./rate-limit-shared";

const pgUrl = startTestPostgres("rate");

describe("shared rate limit (PostgreSQL token bucket)", () => {
  beforeEach(() => {
    useFreshDataDir();
    process.env.DATABASE_URL = pgUrl();
    resetEnvCache();
  });
  afterEach(() => closeConnections());

  it("allows a burst up to the limit, then answers with the seconds until the next request fits", async () => {
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) expect((await takeSharedToken("k", 3, t0)).ok).toBe(true);
    expect(await takeSharedToken("k", 3, t0)).toEqual({ ok: false, retryAfterSeconds: 20 });
    expect((await takeSharedToken("k", 3, t0 + 19_000)).ok).toBe(false);
    expect((await takeSharedToken("k", 3, t0 + 20_001)).ok).toBe(true);
    // Refused requests do not use tokens up: the next one fits 20 s after the last success.
    expect((await takeSharedToken("k", 3, t0 + 20_002)).ok).toBe(false);
    expect((await takeSharedToken("k", 3, t0 + 40_010)).ok).toBe(true);
  });

  it("counts each key on its own and never stores more than the limit", async () => {
    expect((await takeSharedToken("a", 1, 0)).ok).toBe(true);
    expect((await takeSharedToken("a", 1, 0)).ok).toBe(false);
    expect((await takeSharedToken("b", 1, 0)).ok).toBe(true);
    const later = 3_600_000;
    expect((await takeSharedToken("a", 1, later)).ok).toBe(true);
    expect((await takeSharedToken("a", 1, later)).ok).toBe(false);
  });

  it("gives exactly the limit to 40 requests racing on separate connections", async () => {
    const now = 5_000_000;
    const results = await Promise.all(Array.from({ length: 40 }, () => takeSharedToken("race", 25, now)));
    expect(results.filter((r) => r.ok)).toHaveLength(25);
    expect(results.filter((r) => !r.ok)).toHaveLength(15);
  });
});
