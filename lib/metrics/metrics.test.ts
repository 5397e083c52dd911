// The Prometheus metrics from real parts: the queue-depth gauge read from a real database, the
// worker's counters and SMTP histogram from a real worker against a real SMTP server, token
// refreshes against a real OAuth2 server, the access rule, the standalone worker's /metrics
// port (an in-process server and a real `npm run worker` process).
import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach } from "vitest";
import { pointMailServiceAt } from "@/lib/testing/mail-service";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { startTestSmtpServer, closedPort, type TestSmtpServer } from "@/lib/testing/smtp";
import { startWorker, killGroup, exited, waitFor as waitForWorker } from "@/lib/testing/workers";
import { closeConnections, exec, row } from "@/lib/testing/db";
import type { NewMessage } from "@/lib/outbox/store";
import { enqueue as enqueueMessages } from "@/lib/outbox/enqueue";
import { useFreshOutboxState, testMessage } from "@/lib/outbox/testing";
import { OutboxWorker } from "@/lib/outbox/worker";
import { setRetryPolicy } from "@/lib/outbox/settings";
import { db } from "@/lib/db/client";
import { getAccessToken } from "@/lib/oauth/tokens";
import { startMockProvider, type MockProvider } from "@/lib/oauth/testing/mock-provider";
import { authorize, configure } from "@/lib/oauth/testing/setup";
import { metricsRegistry, metricsText, OUTBOX_STATUSES } from "./index";
import { metricsAccess, tokenMatches } from "./access";
import { serveMetrics } from "./server";

// One secrets key for this process and the worker process it starts.
process.env.HERALD_SECRET_KEY ??= "5e".repeat(32);

async function value(name: string, labels: Record<string, string>, sample = name): Promise<number> {
  const m = metricsRegistry().getSingleMetric(name);
  if (!m) throw new Error(`no metric ${name}`);
  // Histogram samples carry their own name (…_count, …_bucket); counter samples do not.
  const values = (await m.get()).values as { labels: Record<string, string | number>; value: number; metricName?: string }[];
  const v = values.find((x) => (x.metricName ?? name) === sample && Object.entries(labels).every(([k, want]) => x.labels[k] === want));
  return v?.value ?? 0;
}

async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs: number, what: string): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function enqueue(messages: NewMessage[]) {
  await enqueueMessages(null, messages, { source: "test" });
  return messages;
}

const status = (id: string) => row<{ status: string }>(`SELECT "status" FROM "OutboxMessage" WHERE "id" = ?`, [id]).then((r) => r?.status);

describe("herald_outbox_messages (queue depth from the database)", () => {
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
  });
  afterEach(() => closeConnections());

  it("reports every status, counted at scrape time", async () => {
    const msgs = await enqueue([1, 2, 3, 4, 5].map((n) => testMessage(n)));
    await exec(`UPDATE "OutboxMessage" SET "status" = 'dead' WHERE "id" = ?`, [msgs[0]!.id]);
    await exec(`UPDATE "OutboxMessage" SET "status" = 'cancelled' WHERE "id" IN (?, ?)`, [msgs[1]!.id, msgs[2]!.id]);
    const { body } = await metricsText();
    expect(body).toContain("# TYPE herald_outbox_messages gauge");
    expect(body).toContain('herald_outbox_messages{status="queued"} 2');
    expect(body).toContain('herald_outbox_messages{status="dead"} 1');
    expect(body).toContain('herald_outbox_messages{status="cancelled"} 2');
    for (const s of ["sending", "sent", "failed"]) expect(body).toContain(`herald_outbox_messages{status="${s}"} 0`);
    expect(OUTBOX_STATUSES).toHaveLength(6);
    // Numbers of now, not of the last scrape.
    await exec(`UPDATE "OutboxMessage" SET "status" = 'sent' WHERE "status" = 'queued'`);
    expect((await metricsText()).body).toContain('herald_outbox_messages{status="sent"} 2');
  });

  it("the same registry carries prom-client's process metrics, prefixed herald_", async () => {
    const { body } = await metricsText();
    expect(body).toContain("herald_process_cpu_user_seconds_total");
    expect(body).toContain("herald_process_resident_memory_bytes");
    expect(body).toContain("herald_nodejs_eventloop_lag_seconds");
    expect(body).toContain("herald_nodejs_heap_size_used_bytes");
  });
});

describe("worker metrics (a real worker, a real SMTP server)", () => {
  let smtp: TestSmtpServer;
  let worker: OutboxWorker | null = null;

  beforeEach(async () => {
    await useFreshOutboxState();
    smtp = await startTestSmtpServer({ rejectRecipients: (a) => (a.startsWith("bounce") ? "550 5.1.1 no such user" : a.startsWith("busy") ? "451 4.3.0 try again later" : null) });
    await pointMailServiceAt(smtp.port);
    await setRetryPolicy({ maxAttempts: 2, baseDelaySeconds: 0.1, maxDelaySeconds: 1, maxAgeSeconds: 60 }, "test");
  });
  afterEach(async () => {
    await worker?.stop();
    worker = null;
    await smtp.stop();
    await closeConnections();
  });

  it("counts deliveries per family and result, and times each SMTP attempt", async () => {
    const d = (family: string, result: string) => value("herald_outbox_deliveries_total", { family, result });
    const smtpCount = (result: string) => value("herald_smtp_send_duration_seconds", { result }, "herald_smtp_send_duration_seconds_count");
    const before = {
      pageSent: await d("page", "sent"),
      noneSent: await d("none", "sent"),
      dead: await d("none", "dead"),
      failed: await d("forum", "failed"),
      forumDead: await d("forum", "dead"),
      retried: await d("forum", "retried"),
      okTimed: await smtpCount("sent"),
      failTimed: await smtpCount("failed"),
    };
    const [page, plain, bounce, busy] = await enqueue([
      testMessage(1, { family: "page" }),
      testMessage(2),
      testMessage(3, { to: ["bounce@example.com"] }),
      testMessage(4, { family: "forum", to: ["busy@example.com"] }),
    ]);
    worker = new OutboxWorker({ pollMs: 30, leaseMs: 5000, connections: 1, batchSize: 10, log: () => undefined });
    void worker.start();
    await waitFor(async () => (await status(page!.id)) === "sent" && (await status(plain!.id)) === "sent" && (await status(bounce!.id)) === "dead" && (await status(busy!.id)) === "dead", 10_000, "all settled");

    expect(await d("page", "sent")).toBe(before.pageSent + 1);
    expect(await d("none", "sent")).toBe(before.noneSent + 1);
    expect(await d("none", "dead")).toBe(before.dead + 1);
    // busy@: a 451 (failed, will be retried), then the second and last attempt → dead; that one was a retry.
    expect(await d("forum", "failed")).toBe(before.failed + 1);
    expect(await d("forum", "dead")).toBe(before.forumDead + 1);
    expect(await d("forum", "retried")).toBe(before.retried + 1);
    expect(await smtpCount("sent")).toBe(before.okTimed + 2);
    expect(await smtpCount("failed")).toBe(before.failTimed + 3);

    const { body } = await metricsText();
    expect(body).toContain("# TYPE herald_outbox_deliveries_total counter");
    expect(body).toMatch(/herald_outbox_deliveries_total\{family="page",result="sent"\} \d+/);
    expect(body).toContain("# TYPE herald_smtp_send_duration_seconds histogram");
    expect(body).toMatch(/herald_smtp_send_duration_seconds_bucket\{le="0\.01",result="sent"\} \d+/);
    expect(body).toMatch(/herald_smtp_send_duration_seconds_bucket\{le="30",result="sent"\} \d+/);
  });
});

describe("herald_oauth_token_refreshes_total (a real OAuth2 server)", () => {
  let mock: MockProvider;
  beforeAll(async () => {
    mock = await startMockProvider({ accessTtl: 600 });
  });
  afterAll(async () => mock?.stop());
  beforeEach(async () => {
    useFreshDataDir();
    mock.reset();
    mock.failRefreshes(false);
    await configure(mock);
    await authorize();
  });

  const expire = () =>
    db().oAuthConnection.update({ where: { id: "mail" }, data: { accessTokenIssuedAt: new Date(Date.now() - 700_000), accessTokenExpiresAt: new Date(Date.now() - 100_000) } });
  const refreshes = (result: string) => value("herald_oauth_token_refreshes_total", { result });

  it("counts a refresh at the provider as ok, a refused one as failed, a stored token as nothing", async () => {
    const ok = await refreshes("ok");
    const failed = await refreshes("failed");
    await getAccessToken(); // fresh: no refresh
    expect(await refreshes("ok")).toBe(ok);
    await expire();
    expect((await getAccessToken()).refreshed).toBe(true);
    expect(await refreshes("ok")).toBe(ok + 1);
    await expire();
    mock.failRefreshes({ error: "temporarily_unavailable" });
    await expect(getAccessToken()).rejects.toThrow();
    expect(await refreshes("failed")).toBe(failed + 1);
    expect((await metricsText()).body).toMatch(/herald_oauth_token_refreshes_total\{result="ok"\} \d+/);
  });
});

describe("who may read the metrics", () => {
  const admin = async () => true;
  const nobody = async () => false;

  it("without HERALD_METRICS_TOKEN: admins only, 404 for everyone else", async () => {
    expect(await metricsAccess(null, admin, undefined)).toEqual({ ok: true });
    expect(await metricsAccess(null, nobody, undefined)).toEqual({ ok: false, status: 404 });
    expect(await metricsAccess("Bearer anything-at-all-here", nobody, undefined)).toEqual({ ok: false, status: 404 });
  });

  it("with HERALD_METRICS_TOKEN: the bearer token and nothing else (not even an admin session)", async () => {
    const token = "m3trics-t0ken-0123456789";
    expect(await metricsAccess(`Bearer ${token}`, nobody, token)).toEqual({ ok: true });
    expect(await metricsAccess(`bearer ${token}`, nobody, token)).toEqual({ ok: true });
    expect(await metricsAccess(null, admin, token)).toEqual({ ok: false, status: 401 });
    expect(await metricsAccess(`Bearer ${token}x`, admin, token)).toEqual({ ok: false, status: 401 });
    expect(await metricsAccess(`Basic ${token}`, admin, token)).toEqual({ ok: false, status: 401 });
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token.slice(0, -1), token)).toBe(false);
    expect(tokenMatches("", token)).toBe(false);
  });
});

describe("the standalone worker's /metrics port", () => {
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
  });
  afterEach(() => closeConnections());

  it("with a token: 401 without it, the registry with it, 404 elsewhere", async () => {
    const token = "w0rker-metrics-token-xyz";
    const server = serveMetrics({ port: 0, token });
    await server.listening;
    expect(server.host).toBe("0.0.0.0");
    const url = `http://127.0.0.1:${server.port()}`;
    try {
      const none = await fetch(`${url}/metrics`);
      expect(none.status).toBe(401);
      expect(none.headers.get("www-authenticate")).toContain("Bearer");
      expect((await fetch(`${url}/metrics`, { headers: { authorization: "Bearer wrong-token-0000000" } })).status).toBe(401);
      const ok = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      const body = await ok.text();
      expect(body).toContain("herald_outbox_messages");
      expect(body).toContain("herald_process_cpu_user_seconds_total");
      expect((await fetch(`${url}/other`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
      expect((await fetch(`${url}/metrics`, { method: "POST", headers: { authorization: `Bearer ${token}` } })).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it("without a token: loopback only, no credentials asked", async () => {
    const server = serveMetrics({ port: 0 });
    await server.listening;
    expect(server.host).toBe("127.0.0.1");
    try {
      const res = await fetch(`http://127.0.0.1:${server.port()}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("# TYPE herald_outbox_messages gauge");
    } finally {
      await server.close();
    }
  });

  it("`npm run worker` with HERALD_WORKER_METRICS_PORT serves its own counters; its log lines are JSON with its worker id", async () => {
    const dir = useFreshDataDir();
    await closeConnections();
    const smtp = await startTestSmtpServer();
    const log: string[] = [];
    const port = await closedPort();
    const token = "standalone-metrics-token";
    let child: ReturnType<typeof startWorker> | null = null;
    try {
      await pointMailServiceAt(smtp.port);
      await enqueue([testMessage(1, { family: "workflow" }), testMessage(2, { family: "workflow" })]);
      child = startWorker(dir, log, { HERALD_WORKER_METRICS_PORT: String(port), HERALD_METRICS_TOKEN: token });
      // Not smtp.waitForMessages' 5 s from the spawn: starting npm, node and tsx alone can take
      // longer than that on a busy machine (this is what failed under load). Wait for the
      // deliveries themselves, failing early with the worker's output if it dies.
      await waitForWorker(() => smtp.messages.length >= 2, 45_000, "the two deliveries", log, [child]);
      let body = "";
      await waitForWorker(
        async () => {
          const res = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
          body = res?.ok ? await res.text() : "";
          return body.includes('herald_outbox_deliveries_total{family="workflow",result="sent"} 2');
        },
        45_000,
        "the worker's metrics",
        log,
        [child],
      );
      expect(body).toMatch(/herald_smtp_send_duration_seconds_count\{result="sent"\} 2/);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
      killGroup(child, "SIGTERM");
      await waitForWorker(() => log.join("").includes("herald worker: stopped"), 10_000, "graceful stop", log);
      const lines = log.join("").split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
      const started = lines.find((l) => String(l.msg).includes("started (batch"));
      expect(started).toMatchObject({ level: "info", name: "herald", component: "worker" });
      expect(typeof started!.workerId).toBe("string");
      expect(lines.find((l) => String(l.msg).startsWith("metrics: serving"))).toMatchObject({ workerId: started!.workerId, port });
      expect(lines.find((l) => l.msg === "herald worker: stopped")).toMatchObject({ workerId: started!.workerId });
      expect(log.join("")).not.toContain(token);
    } finally {
      if (child && child.exitCode === null) {
        killGroup(child, "SIGKILL");
        await exited(child);
      }
      await smtp.stop();
    }
  }, 120_000);
});
