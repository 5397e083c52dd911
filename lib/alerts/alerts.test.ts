// Alerts end to end against real parts: a webhook receiver on 127.0.0.1, oauth2-mock-server
// revoking the refresh token, a real SMTP server stopped and started, real `npm run worker`
// processes evaluating side by side, and a real database (SQLite file, or a PostgreSQL schema
// when HERALD_TEST_PG_URL is set).
import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach } from "vitest";
import type { ChildProcess } from "node:child_process";
import { db } from "@/lib/db/client";
import { saveServiceConfig } from "@/lib/config/store";
import { ALERTS_PID } from "@/lib/config/services";
import { closeConnections, row as dbRow } from "@/lib/testing/db";
import { pointMailServiceAt } from "@/lib/testing/mail-service";
import { closedPort, startTestSmtpServer, type TestSmtpServer } from "@/lib/testing/smtp";
import { killAll, startWorker, waitFor as waitForWorkers } from "@/lib/testing/workers";
import { startMockProvider, type MockProvider } from "@/lib/oauth/testing/mock-provider";
import { authorize, configure } from "@/lib/oauth/testing/setup";
import { getAccessToken } from "@/lib/oauth/tokens";
import { ReauthorizationNeededError } from "@/lib/oauth/errors";
import { enqueue } from "@/lib/outbox/enqueue";
import { setRetryPolicy } from "@/lib/outbox/settings";
import { testMessage, useFreshOutboxState } from "@/lib/outbox/testing";
import { OutboxWorker } from "@/lib/outbox/worker";
import { evaluateAlerts } from "./evaluator";
import { openIncidents, recentIncidents } from "./incidents";
import { startWebhookReceiver, type WebhookReceiver } from "./testing";

// One secrets key for this process and the worker processes (the webhook URLs are sealed).
process.env.HERALD_SECRET_KEY = "5a".repeat(32);

async function waitFor<T>(fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 10_000, what = "condition"): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const events = (r: WebhookReceiver, condition: string) => r.bodies.filter((b) => b.condition === condition).map((b) => b.event);

async function configureAlerts(values: Record<string, unknown>) {
  await saveServiceConfig(ALERTS_PID, values, { actor: "test" });
}

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => receiver?.stop());
beforeEach(() => {
  receiver.bodies.length = 0;
  receiver.setMode("ok");
});

describe("re-authorization needed (oauth2-mock-server revokes the refresh token)", () => {
  let mock: MockProvider;
  beforeAll(async () => {
    mock = await startMockProvider({ accessTtl: 600 });
  });
  afterAll(async () => mock?.stop());
  afterEach(async () => closeConnections());

  it("one alert, one resolved after Authorize, whatever the number of evaluations; no token in any payload", async () => {
    await useFreshOutboxState();
    mock.reset();
    mock.failRefreshes(false);
    await configure(mock);
    await authorize();
    await configureAlerts({ "webhook.urls": receiver.url, "stalled.threshold": 3600 });

    expect((await evaluateAlerts({ owner: "a", quietMs: 0 })).findings).toEqual([]);

    mock.revokeAll();
    await db().oAuthConnection.update({ where: { id: "mail" }, data: { accessTokenExpiresAt: new Date(Date.now() - 1000) } });
    await expect(getAccessToken()).rejects.toBeInstanceOf(ReauthorizationNeededError);

    // Two evaluators at once, then more passes: the incident opens once, the alert goes once.
    const [a, b] = await Promise.all([evaluateAlerts({ owner: "a", quietMs: 0 }), evaluateAlerts({ owner: "b", quietMs: 0 })]);
    expect([...a.opened, ...b.opened]).toEqual(["reauthorization"]);
    for (let i = 0; i < 3; i++) await evaluateAlerts({ owner: i % 2 ? "a" : "b", quietMs: 0 });
    expect(events(receiver, "reauthorization")).toEqual(["opened"]);
    const alert = receiver.bodies[0];
    expect(alert).toMatchObject({ source: "herald", event: "opened", condition: "reauthorization", title: "Re-authorization needed", resolvedAt: null });
    expect(String(alert!.url)).toMatch(/\/configuration\/oauth$/);
    expect(String(alert!.summary)).toMatch(/authorized again/);
    expect((await openIncidents()).map((i) => i.condition)).toEqual(["reauthorization"]);

    // Authorize again: resolved, once.
    await authorize();
    await Promise.all([evaluateAlerts({ owner: "a", quietMs: 0 }), evaluateAlerts({ owner: "b", quietMs: 0 })]);
    for (let i = 0; i < 3; i++) await evaluateAlerts({ owner: "a", quietMs: 0 });
    expect(events(receiver, "reauthorization")).toEqual(["opened", "resolved"]);
    expect(receiver.bodies[1]).toMatchObject({ incident: alert!.incident, resolvedAt: expect.any(String) });
    expect(await openIncidents()).toEqual([]);

    const all = JSON.stringify(receiver.bodies);
    for (const t of [...mock.issued.accessTokens, ...mock.issued.refreshTokens, mock.clientSecret]) expect(all).not.toContain(t);
  }, 60_000);
});

describe("sending stalled: a real SMTP outage, two worker processes evaluating side by side", () => {
  const children: ChildProcess[] = [];
  const log: string[] = [];
  let smtp: TestSmtpServer | null = null;
  afterEach(async () => {
    await killAll(children);
    await smtp?.stop();
    smtp = null;
    await closeConnections();
  });

  it("exactly one alert while the server is down and one resolved once mail flows again", async () => {
    const dir = await useFreshOutboxState();
    const port = await closedPort();
    await pointMailServiceAt(port);
    await setRetryPolicy({ maxAttempts: 50, baseDelaySeconds: 0.2, maxDelaySeconds: 1, maxAgeSeconds: 600 }, "test");
    await configureAlerts({ "webhook.urls": receiver.url, "webhook.format": "json", "stalled.threshold": 1 });
    const env = { HERALD_ALERTS_CHECK_SECONDS: "0.2", HERALD_ALERTS_QUIET_SECONDS: "0.5" };
    children.push(startWorker(dir, log, env), startWorker(dir, log, env));
    const heartbeats = async () => Number((await dbRow<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "OutboxWorker"`))?.n) === 2;
    await waitForWorkers(heartbeats, 60_000, "both workers", log, children);
    await enqueue(null, [testMessage(1), testMessage(2), testMessage(3)], { source: "test" });
    await waitForWorkers(() => events(receiver, "sending-stalled").length > 0, 60_000, "the stalled alert", log, children);
    const alert = receiver.bodies.find((b) => b.condition === "sending-stalled")!;
    expect(alert).toMatchObject({ event: "opened", title: "Sending paused or failing" });
    // Either head is right, depending on which the first evaluation saw first: the messages waiting
    // past the threshold, or a worker that had already found the server down.
    expect(String(alert.summary)).toMatch(/3 messages have been waiting|The SMTP server has been unreachable/);
    // The open incident (what the banner shows) is kept current: it soon says why.
    await waitForWorkers(async () => /refused|connect/i.test((await openIncidents())[0]?.summary ?? ""), 30_000, "the reason in the incident", log, children);

    smtp = await startTestSmtpServer({ port });
    await smtp.waitForMessages(3, 30_000);
    await waitForWorkers(() => events(receiver, "sending-stalled").includes("resolved"), 30_000, "the resolved notice", log, children);
    // Both workers keep evaluating; a few more passes of our own on top change nothing.
    for (let i = 0; i < 5; i++) await evaluateAlerts({ owner: `test-${i}` });
    expect(events(receiver, "sending-stalled")).toEqual(["opened", "resolved"]);
    expect((await recentIncidents()).filter((i) => i.condition === "sending-stalled")).toHaveLength(1);
  }, 150_000);
});

describe("email alert through the Mail Service, with a hanging webhook beside it", () => {
  let smtp: TestSmtpServer;
  let worker: OutboxWorker | null = null;
  let hanging: WebhookReceiver;
  afterEach(async () => {
    await worker?.stop();
    worker = null;
    await smtp?.stop();
    await hanging?.stop();
    await closeConnections();
  });

  it("a dead message is reported by email to the admins; a webhook that never answers holds up neither the email nor sending", async () => {
    await useFreshOutboxState();
    smtp = await startTestSmtpServer({ rejectRecipients: (a) => (a.startsWith("bounce") ? "550 5.1.1 no such user" : null) });
    await pointMailServiceAt(smtp.port, { "from.address": "Herald <herald@example.com>" });
    hanging = await startWebhookReceiver();
    hanging.setMode("hang");
    await configureAlerts({ "webhook.urls": `${hanging.url} ${receiver.url}`, "webhook.format": "text", "email.recipients": ["ops@example.com"], "stalled.threshold": 60 });
    worker = new OutboxWorker({ pollMs: 50, leaseMs: 5000, connections: 2, batchSize: 10, log: () => undefined });
    void worker.start();
    const [bad] = [testMessage(1, { to: ["bounce@example.com"] })];
    await enqueue(null, [bad], { source: "test" });
    await waitFor(async () => (await dbRow<{ status: string }>(`SELECT "status" FROM "OutboxMessage" WHERE "id" = ?`, [bad.id]))?.status === "dead", 10_000, "dead");

    const evaluation = evaluateAlerts({ owner: "a", webhook: { timeoutMs: 3000, attempts: 2, retryDelayMs: 100 } });
    // While the hanging webhook is still being waited for, the alert email is queued and delivered.
    const [mail] = await smtp.waitForMessages(1, 10_000);
    expect(hanging.hits()).toBeGreaterThan(0);
    expect(mail!.to).toEqual(["ops@example.com"]);
    expect(mail!.parsed.subject).toBe("[Herald] ALERT: Messages went dead");
    expect(mail!.parsed.text).toMatch(/1 message went dead/);
    expect(mail!.parsed.text).toMatch(/no such user/);
    expect(mail!.parsed.text).toMatch(/\/outbox\?status=dead/);
    const result = await evaluation;
    const webhooks = result.notices[0]!.deliveries.webhooks;
    expect(webhooks.map((w) => [w.ok, w.attempts])).toEqual([
      [false, 2],
      [true, 1],
    ]);
    expect(webhooks[0]!.error).toMatch(/no answer within 3000 ms/);
    // The failure names the receiver by host only: the URL is a secret.
    expect(JSON.stringify(result.notices)).not.toContain("/hook");
    // The Slack/Teams payload: one text.
    expect(Object.keys(receiver.bodies[0]!)).toEqual(["text"]);
    expect(String(receiver.bodies[0]!.text)).toMatch(/^\[Herald\] ALERT: Messages went dead\n/);
  }, 30_000);
});
