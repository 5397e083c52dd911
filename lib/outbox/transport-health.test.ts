import { describe, it, expect } from "vitest";
import { TransportHealth, probeDelayMs } from "./transport-health";

describe("transport health", () => {
  it("probes at 1, 2, 4 … s, capped at 30 s", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(probeDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it("an outage noticed by many connections is one failure: the first probe time does not move", () => {
    let now = 1_000_000;
    const h = new TransportHealth(() => now);
    expect(h.fail("ECONNREFUSED")).toBe(true);
    const next = h.nextProbeAt;
    for (let i = 0; i < 31; i++) {
      now += 10;
      expect(h.fail("ECONNREFUSED")).toBe(false);
    }
    expect(h.nextProbeAt).toBe(next);
    expect(h.snapshot()).toEqual({ state: "down", since: new Date(1_000_000).toISOString(), lastError: "ECONNREFUSED" });
  });

  it("a send that began before the outage was noticed and still succeeded does not end it; one begun after does", () => {
    let now = 1000;
    const h = new TransportHealth(() => now);
    expect(h.fail("ECONNREFUSED")).toBe(true);
    now = 1200;
    expect(h.sendSucceeded(900)).toBeNull();
    expect(h.state).toBe("down");
    // So the next connection that fails is the same outage, not a second one.
    expect(h.fail("ECONNREFUSED")).toBe(false);
    expect(h.sendSucceeded(1100)).toBe(1000);
    expect(h.state).toBe("up");
  });

  it("down → probing → down (later) → up", () => {
    let now = 0;
    const h = new TransportHealth(() => now);
    h.fail("refused");
    expect(h.probeDue()).toBe(false);
    now = 1000;
    expect(h.probeDue()).toBe(true);
    h.startProbe();
    expect(h.state).toBe("probing");
    expect(h.snapshot().since).toBe(new Date(0).toISOString());
    h.probeFailed("still refused");
    expect(h.nextProbeAt).toBe(3000);
    expect(h.snapshot().lastError).toBe("still refused");
    now = 3000;
    h.startProbe();
    expect(h.recovered()).toBe(0);
    expect(h.snapshot()).toEqual({ state: "up", since: new Date(3000).toISOString(), lastError: null });
    expect(h.recovered()).toBeNull();
  });
});
