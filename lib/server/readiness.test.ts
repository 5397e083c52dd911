import { describe, expect, it } from "vitest";
import { publicReadiness, type Readiness } from "./readiness";
import { operatorDetailsAllowed } from "@/lib/metrics/access";

const failing: Readiness = {
  ready: false,
  checks: {
    database: { ok: false, detail: 'connect ECONNREFUSED 10.0.0.5:5432 (password authentication failed for user "herald")' },
    migrations: { ok: false, detail: "connect ECONNREFUSED" },
    worker: { ok: false, detail: "unknown" },
    mailTransport: { ok: true, detail: "smtp.internal.example:587 (STARTTLS)" },
  },
};

describe("/api/ready's public answer tells anonymous callers no internals", () => {
  it("says which checks failed and nothing of their details", () => {
    const p = publicReadiness(failing);
    expect(p).toEqual({
      ready: false,
      status: "not ready",
      failed: ["database", "migrations", "worker"],
      checks: { database: { ok: false }, migrations: { ok: false }, worker: { ok: false }, mailTransport: { ok: true } },
    });
    const text = JSON.stringify(p);
    for (const leak of ["ECONNREFUSED", "10.0.0.5", "smtp.internal.example", "587", "herald\\\""]) expect(text).not.toContain(leak);
  });

  it("gives the details to the metrics token or an admin, never to a wrong token", async () => {
    const token = "t0ken-of-sixteen-chars";
    const no = async () => false;
    const yes = async () => true;
    expect(await operatorDetailsAllowed(`Bearer ${token}`, no, token)).toBe(true);
    expect(await operatorDetailsAllowed("Bearer wrong-token-value", no, token)).toBe(false);
    expect(await operatorDetailsAllowed(null, no, token)).toBe(false);
    expect(await operatorDetailsAllowed(null, yes, token)).toBe(true);
    expect(await operatorDetailsAllowed(`Bearer ${token}`, no, undefined)).toBe(false);
    expect(await operatorDetailsAllowed(null, yes, undefined)).toBe(true);
  });
});
