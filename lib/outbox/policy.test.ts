import { describe, it, expect } from "vitest";
import { backoffMs, classifyError, decideRetry, DEFAULT_RETRY_POLICY } from "./policy";

const policy = { maxAttempts: 5, baseDelaySeconds: 10, maxDelaySeconds: 100, maxAgeSeconds: 3600 };

describe("backoff", () => {
  it("doubles per attempt, between half and all of the nominal delay", () => {
    expect(backoffMs(1, policy, () => 0)).toBe(5_000);
    expect(backoffMs(1, policy, () => 1)).toBe(10_000);
    expect(backoffMs(2, policy, () => 0)).toBe(10_000);
    expect(backoffMs(3, policy, () => 1)).toBe(40_000);
  });
  it("is capped at the maximum delay, even for absurd attempt numbers", () => {
    expect(backoffMs(5, policy, () => 1)).toBe(100_000);
    expect(backoffMs(10_000, policy, () => 1)).toBe(100_000);
    expect(Number.isFinite(backoffMs(Number.MAX_SAFE_INTEGER, DEFAULT_RETRY_POLICY))).toBe(true);
  });
  it("spreads workers that failed together (jitter)", () => {
    const seen = new Set(Array.from({ length: 50 }, () => backoffMs(3, policy)));
    expect(seen.size).toBeGreaterThan(10);
    for (const v of seen) {
      expect(v).toBeGreaterThanOrEqual(20_000);
      expect(v).toBeLessThanOrEqual(40_000);
    }
  });
});

describe("classifyError", () => {
  it("5xx to a message is permanent, 4xx transient", () => {
    expect(classifyError({ code: "EENVELOPE", responseCode: 550, response: "550 5.1.1 no such user", command: "RCPT TO" }).kind).toBe("permanent");
    expect(classifyError({ code: "EMESSAGE", responseCode: 554, command: "DATA" }).kind).toBe("permanent");
    expect(classifyError({ code: "EENVELOPE", responseCode: 452, command: "RCPT TO" }).kind).toBe("transient");
    expect(classifyError({ code: "EMESSAGE", responseCode: 451, command: "DATA" }).kind).toBe("transient");
  });
  it("reads the first rejected recipient when all were rejected", () => {
    const f = classifyError({ code: "EENVELOPE", rejectedErrors: [{ responseCode: 550, response: "550 5.1.1 gone", command: "RCPT TO" }] });
    expect(f).toMatchObject({ kind: "permanent", responseCode: 550, reply: "550 5.1.1 gone" });
  });
  it("connection, timeout, TLS and login problems are the server's, not the message's", () => {
    for (const e of [
      { code: "ECONNECTION", message: "connect ECONNREFUSED 127.0.0.1:1" },
      { code: "ETIMEDOUT", message: "Greeting never received" },
      { code: "ESOCKET", message: "self-signed certificate" },
      { code: "EAUTH", responseCode: 535, command: "AUTH PLAIN" },
      { responseCode: 554, command: "CONN" },
      { responseCode: 421, command: "MAIL FROM" },
    ]) {
      expect(classifyError(e).kind).toBe("server");
    }
  });
});

describe("decideRetry", () => {
  const queuedAt = new Date("2026-01-01T00:00:00Z");
  it("a permanent failure is dead at once", () => {
    expect(decideRetry({ kind: "permanent" }, 1, queuedAt, policy, queuedAt).action).toBe("dead");
  });
  it("retries with backoff until the attempt limit", () => {
    const d = decideRetry({ kind: "transient" }, 2, queuedAt, policy, new Date(queuedAt.getTime() + 1000), () => 1);
    expect(d).toMatchObject({ action: "retry" });
    expect(d.nextAttemptAt!.getTime() - queuedAt.getTime()).toBe(1000 + 20_000);
    expect(decideRetry({ kind: "server" }, 5, queuedAt, policy, queuedAt)).toMatchObject({ action: "dead", reason: expect.stringContaining("after 5 attempts") });
  });
  it("gives up after the maximum age, and never schedules past it", () => {
    const late = new Date(queuedAt.getTime() + 3600_000);
    expect(decideRetry({ kind: "transient" }, 1, queuedAt, policy, late)).toMatchObject({ action: "dead", reason: expect.stringContaining("1 hour") });
    const near = new Date(queuedAt.getTime() + 3595_000);
    const d = decideRetry({ kind: "transient" }, 4, queuedAt, policy, near, () => 1);
    expect(d.nextAttemptAt!.getTime()).toBe(queuedAt.getTime() + 3600_000);
  });
});
