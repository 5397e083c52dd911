// An SMTP outage as an operator sees one: a real SMTP server on 127.0.0.1 stopped while the worker
// sends through many pooled connections, and started again on the same port. One outage is one
// failure however many connections notice it; the worker probes with one connection at 1 s, 2 s,
// 4 s … (capped at 30 s) and delivers again within seconds of the server's return. The outage
// itself is a fixed time (it is the scenario); everything else waits on conditions.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { pointMailServiceAt } from "@/lib/testing/mail-service";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/testing/smtp";
import { closeConnections, row as dbRow, rows } from "@/lib/testing/db";
import { metricsText } from "@/lib/metrics";
import { readiness } from "@/lib/server/readiness";
import { enqueue } from "./enqueue";
import { useFreshOutboxState, testMessage } from "./testing";
import { OutboxWorker } from "./worker";
import { setRetryPolicy } from "./settings";

async function waitFor<T>(fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs: number, what: string): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function countByStatus(): Promise<Record<string, number>> {
  const r = await rows<{ status: string; n: number }>(`SELECT "status", COUNT(*) AS "n" FROM "OutboxMessage" GROUP BY "status"`);
  return Object.fromEntries(r.map((x) => [x.status, Number(x.n)]));
}

async function heartbeatTransport(id: string): Promise<{ state: string; since: string | null; lastError: string | null } | undefined> {
  const r = await dbRow<{ state: string }>(`SELECT "state" FROM "OutboxWorker" WHERE "id" = ?`, [id]);
  return r ? (JSON.parse(r.state) as { transport: { state: string; since: string | null; lastError: string | null } }).transport : undefined;
}

describe("SMTP outage and recovery", () => {
  let server: TestSmtpServer | null = null;
  let worker: OutboxWorker | null = null;
  const lines: string[] = [];

  beforeEach(async () => {
    await useFreshOutboxState();
    // A long retry back-off: messages that failed during the outage are sent again on recovery
    // only because the worker cuts it short, not because their retry came due.
    await setRetryPolicy({ maxAttempts: 10, baseDelaySeconds: 120, maxDelaySeconds: 600, maxAgeSeconds: 3600 }, "test");
    lines.length = 0;
  });

  afterEach(async () => {
    await worker?.stop();
    worker = null;
    await server?.stop();
    server = null;
    await closeConnections();
  });

  async function outage(opts: { messages: number; connections: number; downMs: number; resumeWithinMs: number }) {
    server = await startTestSmtpServer();
    const port = server.port;
    await pointMailServiceAt(port);
    const msgs = Array.from({ length: opts.messages }, (_, i) => testMessage(i));
    await enqueue(null, msgs, { source: "test" });
    worker = new OutboxWorker({ pollMs: 50, leaseMs: 10_000, connections: opts.connections, batchSize: 200, log: (l) => lines.push(l) });
    void worker.start();
    // Mid-stream: every connection is busy when the server goes away.
    await server.waitForMessages(Math.min(50, Math.floor(opts.messages / 10)), 30_000);
    const before = server.messages.length;
    await server.stop();
    server = null;
    const w = worker;
    await waitFor(() => w.state.transport.state !== "up", 10_000, "the worker to notice the outage");
    expect(await waitFor(() => heartbeatTransport(w.id).then((t) => t && t.state !== "up" && t), 5000, "the heartbeat to say so")).toMatchObject({
      since: expect.any(String),
      lastError: expect.stringMatching(/.+/),
    });
    expect((await metricsText()).body).toMatch(new RegExp(`herald_smtp_transport_down_since_seconds\\{worker="${w.id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"\\} [1-9]`));
    // /api/ready's detailed view no longer says the transport is fine.
    const ready = await readiness();
    expect(ready.checks.mailTransport).toMatchObject({ ok: false, transport: { state: expect.stringMatching(/^(down|probing)$/) } });
    await sleep(opts.downMs);
    server = await startTestSmtpServer({ port });
    const backAt = Date.now();
    await server.waitForMessages(1, opts.resumeWithinMs + 5000);
    const resumedAfter = Date.now() - backAt;
    // Everything arrives, including the messages that failed during the outage (their 2-minute
    // retry back-off was cut short), with nothing lost.
    await waitFor(async () => (await countByStatus()).sent === opts.messages, 60_000, "every message sent");
    await waitFor(() => w.state.transport.state === "up", 5000, "transport up");
    return { resumedAfter, before, port };
  }

  it("a 2-second outage noticed by 32 connections is one outage; delivery resumes ≤ 5 s after the server is back", async () => {
    const { resumedAfter } = await outage({ messages: 1500, connections: 32, downMs: 2000, resumeWithinMs: 5000 });
    expect(resumedAfter).toBeLessThanOrEqual(5000);
    // One outage: paused once, however many of the 32 connections failed.
    expect(lines.filter((l) => l.startsWith("pausing"))).toHaveLength(1);
    expect(lines.some((l) => l.startsWith("the server answers again"))).toBe(true);
    expect(worker!.state.transport).toMatchObject({ state: "up", lastError: null });
  }, 120_000);

  it("a 60-second outage: probes back off to at most 30 s, and delivery resumes ≤ 35 s after the server is back", async () => {
    const { resumedAfter } = await outage({ messages: 200, connections: 2, downMs: 60_000, resumeWithinMs: 35_000 });
    expect(resumedAfter).toBeLessThanOrEqual(35_000);
    expect(lines.filter((l) => l.startsWith("pausing"))).toHaveLength(1);
    // 1, 2, 4, 8, 16, then 30 s between probes — never the old 5-minute pause.
    const waits = lines.map((l) => /^probe failed, next in ([\d.]+)s/.exec(l)?.[1]).filter(Boolean).map(Number);
    expect(waits.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...waits)).toBeLessThanOrEqual(30);
    expect(waits.slice(0, 4).map(Math.round)).toEqual([2, 4, 8, 16]);
  }, 180_000);
});
