// Whether the worker's SMTP server can be reached, as one state for the whole transport: an
// outage is one event however many pooled connections notice it. After the first connection-level
// failure the worker stops sending and probes with a single connection at 1 s, 2 s, 4 s … (capped
// at 30 s); the first probe that gets through ends the outage. Pure (clock passed in): no I/O.

export type TransportStateName = "up" | "down" | "probing";

/** What the heartbeat, /api/ready's detailed view and the metrics show. */
export interface TransportState {
  state: TransportStateName;
  /** ISO time the current state began; for "probing", when the outage began. */
  since: string | null;
  /** The failure that began the outage, then the latest probe's failure. Null while up. */
  lastError: string | null;
}

export const FIRST_PROBE_MS = 1000;
export const MAX_PROBE_MS = 30_000;

/** Delay before probe number n + 1 (n probes have failed): 1 s, 2 s, 4 s … capped at 30 s. */
export function probeDelayMs(failedProbes: number): number {
  return Math.min(FIRST_PROBE_MS * 2 ** Math.max(0, failedProbes), MAX_PROBE_MS);
}

export class TransportHealth {
  private name: TransportStateName = "up";
  private sinceMs: number;
  private error: string | null = null;
  private failedProbes = 0;
  /** When the next probe may run (only meaningful while down). */
  nextProbeAt = 0;

  constructor(private readonly now: () => number = Date.now) {
    this.sinceMs = now();
  }

  get state(): TransportStateName {
    return this.name;
  }

  get down(): boolean {
    return this.name !== "up";
  }

  /** A connection-level failure. True when it began an outage; false when one was already known. */
  fail(error: string): boolean {
    if (this.name !== "up") {
      // Another connection noticing the same outage: it changes nothing, not even the probe time.
      return false;
    }
    this.name = "down";
    this.error = error;
    this.sinceMs = this.now();
    this.failedProbes = 0;
    this.nextProbeAt = this.sinceMs + probeDelayMs(0);
    return true;
  }

  probeDue(): boolean {
    return this.name === "down" && this.now() >= this.nextProbeAt;
  }

  startProbe() {
    if (this.name === "down") this.name = "probing";
  }

  probeFailed(error: string) {
    if (this.name === "up") return;
    this.name = "down";
    this.error = error;
    this.failedProbes++;
    this.nextProbeAt = this.now() + probeDelayMs(this.failedProbes);
  }

  /** The server answered (a probe, or any successful send): the outage, if any, is over. Returns its start. */
  recovered(): number | null {
    if (this.name === "up") return null;
    const began = this.sinceMs;
    this.name = "up";
    this.error = null;
    this.failedProbes = 0;
    this.sinceMs = this.now();
    return began;
  }

  /**
   * A send that succeeded ends the outage only when it began after the outage was noticed: one
   * begun before may still finish on a connection the server had accepted before it went away,
   * and taking that for recovery would let the next failing connection start a second outage.
   */
  sendSucceeded(startedAtMs: number): number | null {
    if (this.name === "up" || startedAtMs < this.sinceMs) return null;
    return this.recovered();
  }

  snapshot(): TransportState {
    return { state: this.name, since: new Date(this.sinceMs).toISOString(), lastError: this.error };
  }
}
