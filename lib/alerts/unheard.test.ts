// An incident that opened while no alert channel was configured must not be "resolved" to a
// receiver added afterwards: that receiver never heard it open. Found in e2e: an OAuth incident
// from an earlier spec resolved right after the webhook was configured, and the receiver's first
// message was "resolved: Re-authorization needed". Real database file, real webhook receiver.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { saveServiceConfig } from "@/lib/config/store";
import { ALERTS_PID } from "@/lib/config/services";
import { closeConnections } from "@/lib/testing/db";
import { useFreshOutboxState } from "@/lib/outbox/testing";
import { evaluateAlerts } from "./evaluator";
import { reconcile, recentIncidents } from "./incidents";
import { startWebhookReceiver, type WebhookReceiver } from "./testing";

process.env.HERALD_SECRET_KEY = "5a".repeat(32);

const DEAD = { condition: "messages-dead" as const, summary: "1 message went dead", detail: {}, link: "/outbox?status=dead" };
const HOUR = 3_600_000;

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver?.stop();
  await closeConnections();
});

describe("notices follow what the receivers heard", () => {
  it("opened with no channel configured → resolved later without a notice; one opened with the webhook → both notices", async () => {
    await useFreshOutboxState();
    await saveServiceConfig(ALERTS_PID, { "webhook.urls": "", "email.recipients": [] }, { actor: "test" });
    const t0 = new Date();
    // The condition is found once, then no more (findConditions finds nothing on a fresh outbox);
    // a long quiet period keeps the incident open through the first evaluation.
    await reconcile([DEAD], t0, HOUR);
    const first = await evaluateAlerts({ owner: "a", now: t0, quietMs: HOUR });
    expect(first.notices.map((n) => [n.condition, n.deliveries.event, n.deliveries.webhooks.length])).toEqual([["messages-dead", "opened", 0]]);

    await saveServiceConfig(ALERTS_PID, { "webhook.urls": receiver.url }, { actor: "test" });
    const second = await evaluateAlerts({ owner: "a", now: new Date(t0.getTime() + 1000), quietMs: 0 });
    expect(second.resolved).toEqual(["messages-dead"]);
    expect(receiver.bodies).toEqual([]);
    // Resolved and recorded as done: it is not sent at the next evaluation either.
    const [incident] = await recentIncidents(1);
    expect(incident?.resolvedAt).not.toBeNull();
    await evaluateAlerts({ owner: "a", now: new Date(t0.getTime() + 2000), quietMs: 0 });
    expect(receiver.bodies).toEqual([]);

    // The same condition again, now that the webhook is there: opened and resolved both arrive.
    const t1 = new Date(t0.getTime() + 3000);
    await reconcile([DEAD], t1, HOUR);
    await evaluateAlerts({ owner: "a", now: t1, quietMs: HOUR });
    await evaluateAlerts({ owner: "a", now: new Date(t1.getTime() + 1000), quietMs: 0 });
    expect(receiver.bodies.map((b) => [b.condition, b.event])).toEqual([
      ["messages-dead", "opened"],
      ["messages-dead", "resolved"],
    ]);
  }, 30_000);
});
