// "Held" — why waiting mail is not moving — from real workers' heartbeats: re-authorization needed
// (a token provider that says so), the SMTP server down (nothing listening on the port), and the
// API's GET /api/v1/messages/{id} reporting it with reason, since when and the last error.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { pointMailServiceAt } from "@/lib/testing/mail-service";
import { closedPort, startTestSmtpServer } from "@/lib/testing/smtp";
import { closeConnections } from "@/lib/testing/db";
import { saveServiceConfig } from "@/lib/config/store";
import { OAUTH_PROVIDER_PID } from "@/lib/config/services";
import { createApiKey } from "@/lib/apikeys/store";
import { resetRateLimits } from "@/lib/api/rate-limit";
import { ReauthorizationNeededError } from "@/lib/oauth/errors";
import { GET as getMessageRoute } from "@/app/api/v1/messages/[id]/route";
import { enqueue } from "./enqueue";
import { useFreshOutboxState, testMessage } from "./testing";
import { OutboxWorker } from "./worker";
import { setRetryPolicy } from "./settings";
import { currentHold, holdFrom } from "./held";

async function waitFor<T>(fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs: number, what: string): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("holdFrom", () => {
  const alive = (state: Record<string, unknown>) => ({ alive: true, seenAt: new Date().toISOString(), state });
  it("no live worker: held, no_worker", () => {
    expect(holdFrom([{ alive: false, seenAt: "2026-12-04T10:00:00.000Z", state: {} }])).toMatchObject({ reason: "no_worker", since: "2026-12-04T10:00:00.000Z" });
    expect(holdFrom([])).toMatchObject({ reason: "no_worker", since: null });
  });
  it("one healthy worker moves the mail: not held", () => {
    expect(holdFrom([alive({ transport: { state: "down", since: "x", lastError: "e" } }), alive({ transport: { state: "up" } })])).toBeNull();
  });
  it("re-authorization comes before a down transport", () => {
    const h = holdFrom([alive({ token: { state: "reauthorization-needed", since: "2026-12-04T10:00:00.000Z", message: "invalid_grant" }, transport: { state: "down" } })]);
    expect(h).toMatchObject({ reason: "reauthorization_needed", since: "2026-12-04T10:00:00.000Z", lastError: "invalid_grant" });
  });
});

describe("held messages", () => {
  let worker: OutboxWorker | null = null;
  let auth: Record<string, string>;

  beforeEach(async () => {
    await useFreshOutboxState();
    resetRateLimits();
    await setRetryPolicy({ maxAttempts: 10, baseDelaySeconds: 60, maxDelaySeconds: 600, maxAgeSeconds: 3600 }, "test");
    const { key } = await createApiKey({ name: "held", scopes: ["send"] }, "test");
    auth = { authorization: `Bearer ${key}` };
  });
  afterEach(async () => {
    await worker?.stop();
    worker = null;
    await closeConnections();
  });

  async function apiStatus(id: string) {
    const res = await getMessageRoute(new Request(`http://herald.test/api/v1/messages/${id}`, { headers: auth }), { params: Promise.resolve({ id }) });
    expect(res.status).toBe(200);
    return (await res.json()) as { status: string; queueStatus: string; attempts: number; held: { reason: string; since: string | null; lastError: string | null; message: string } | null };
  }

  it("re-authorization needed: the API says held, since when, and why — not a healthy 'queued'", async () => {
    const smtp = await startTestSmtpServer({ xoauth2: () => true, requireAuth: true });
    try {
      await saveServiceConfig(
        OAUTH_PROVIDER_PID,
        { authUrl: "https://login.example.com/auth", tokenUrl: "https://login.example.com/token", clientId: "client", scopes: ["https://mail.example.com/"] },
        { actor: "test" },
      );
      await pointMailServiceAt(smtp.port, { "oauth.flow": true, "smtp.user": "mailbox@example.com" });
      const [m] = [testMessage(1)];
      await enqueue(null, [m], { source: "test" });
      const before = Date.now();
      worker = new OutboxWorker({
        pollMs: 50,
        connections: 1,
        log: () => undefined,
        tokens: async () => {
          throw new ReauthorizationNeededError("the refresh token was revoked (invalid_grant).");
        },
      });
      void worker.start();
      const body = await waitFor(async () => {
        const b = await apiStatus(m.id);
        return b.status === "held" && b;
      }, 10_000, "held in the API");
      expect(body).toMatchObject({ queueStatus: "queued", attempts: 0, held: { reason: "reauthorization_needed", lastError: expect.stringContaining("invalid_grant") } });
      expect(Date.parse(body.held!.since!)).toBeGreaterThanOrEqual(before - 1000);
      // The "since" stays put while the worker keeps asking (it is when the hold began).
      const since = body.held!.since;
      // "Stays put" is a claim about time passing: nothing to wait for but the clock.
      await new Promise((r) => setTimeout(r, 300));
      expect((await currentHold())?.since).toBe(since);
    } finally {
      await worker?.stop();
      worker = null;
      await smtp.stop();
    }
  });

  it("SMTP server down: held (transport_down) with the connection error; once it is back, sent and no longer held", async () => {
    const port = await closedPort();
    await pointMailServiceAt(port);
    const m = testMessage(1);
    await enqueue(null, [m], { source: "test" });
    worker = new OutboxWorker({ pollMs: 50, connections: 1, log: () => undefined });
    void worker.start();
    const body = await waitFor(async () => {
      const b = await apiStatus(m.id);
      return b.status === "held" && b.held?.reason === "transport_down" && b;
    }, 10_000, "held: transport down");
    expect(body.held).toMatchObject({ since: expect.any(String), lastError: expect.stringMatching(/refused|connect/i) });
    const back = await startTestSmtpServer({ port });
    try {
      await waitFor(async () => (await apiStatus(m.id)).status === "sent", 15_000, "sent after the server came back");
      expect((await apiStatus(m.id)).held).toBeNull();
    } finally {
      await worker.stop();
      worker = null;
      await back.stop();
    }
  });
});
