// Several worker processes on one database (an SQLite file, or PostgreSQL with HERALD_TEST_PG_URL)
// follow a configuration change made elsewhere (the console) within seconds: after the Mail
// Service is pointed at another SMTP server, every worker sends there and nothing more goes to
// the old one.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import type { ChildProcess } from "node:child_process";
import { pointMailServiceAt } from "@/lib/testing/mail-service";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/testing/smtp";
import { startWorker, killAll, waitFor } from "@/lib/testing/workers";
import { closeConnections, rows } from "@/lib/testing/db";
import { enqueue } from "./enqueue";
import { testMessage } from "./testing";

const sentCount = async () =>
  (await rows<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "OutboxMessage" WHERE "status" = 'sent'`))[0]!.n;

describe("configuration changes reach every worker", () => {
  let dataDir: string;
  let a: TestSmtpServer;
  let b: TestSmtpServer;
  const children: ChildProcess[] = [];
  const log: string[] = [];

  beforeEach(async () => {
    dataDir = useFreshDataDir();
    await closeConnections();
    a = await startTestSmtpServer();
    b = await startTestSmtpServer();
    log.length = 0;
  });

  afterEach(async () => {
    await killAll(children);
    await a.stop();
    await b.stop();
    await closeConnections();
  });

  it("two workers switch to the new SMTP server within seconds of the change", { timeout: 60_000 }, async () => {
    await pointMailServiceAt(a.port);
    const env = { HERALD_OUTBOX_BATCH: "4", HERALD_OUTBOX_CONNECTIONS: "1" };
    children.push(startWorker(dataDir, log, env), startWorker(dataDir, log, env));
    await enqueue(null, Array.from({ length: 40 }, (_, i) => testMessage(i)), { source: "before" });
    await waitFor(async () => (await sentCount()) === 40, 30_000, "40 sent to server A", log, children);
    expect(a.messages).toHaveLength(40);

    // The console changes the configuration; the workers are told nothing.
    await pointMailServiceAt(b.port);
    const changedAt = Date.now();
    await enqueue(null, Array.from({ length: 40 }, (_, i) => testMessage(100 + i)), { source: "after" });
    // "Within seconds": all 40 at B well inside 10 s (a worker looks at the configuration version
    // four times a second).
    await waitFor(async () => (await sentCount()) === 80, 10_000, "40 more sent to server B", log, children);
    const took = Date.now() - changedAt;
    console.log(`configuration change → 40 messages delivered through the new server by 2 workers in ${took} ms`);
    expect(b.messages).toHaveLength(40);
    expect(a.messages).toHaveLength(40);
    expect(b.messages.every((m) => /^Test 1\d\d$/.test(String(m.parsed.subject)))).toBe(true);
    // Both workers sent through the new server.
    const perWorker = await rows<{ worker: string; n: number }>(
      `SELECT a."worker", COUNT(*) AS "n" FROM "OutboxAttempt" a JOIN "OutboxMessage" m ON m."id" = a."messageId"
        WHERE m."source" = 'after' AND a."result" = 'sent' GROUP BY a."worker"`,
    );
    expect(perWorker).toHaveLength(2);
  });
});
