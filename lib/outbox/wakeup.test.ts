// PostgreSQL: mail stored by one process wakes a worker in another at once (NOTIFY/LISTEN), not at
// its next poll — here the worker polls once a minute, yet the message goes out within seconds.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { pointMailServiceAt } from "@/lib/testing/mail-service";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { startTestPostgres } from "@/lib/testing/pg";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/testing/smtp";
import { startWorker, killAll, waitFor } from "@/lib/testing/workers";
import { closeConnections, row } from "@/lib/testing/db";
import { resetEnvCache } from "@/lib/env";
import { pgTarget } from "@/lib/db/engine";
import { enqueue } from "./enqueue";
import { testMessage } from "./testing";

const pgUrl = startTestPostgres("wake");

describe("cross-process wake-up (PostgreSQL)", () => {
  let smtp: TestSmtpServer;
  let dataDir: string;
  let url: string;
  const children: ChildProcess[] = [];
  const log: string[] = [];

  beforeEach(async () => {
    dataDir = useFreshDataDir();
    url = pgUrl();
    process.env.DATABASE_URL = url;
    resetEnvCache();
    await closeConnections();
    smtp = await startTestSmtpServer();
    await pointMailServiceAt(smtp.port);
  });

  afterEach(async () => {
    await killAll(children);
    await smtp.stop();
    await closeConnections();
  });

  it("a worker polling once a minute sends new mail within seconds of the commit", { timeout: 60_000 }, async () => {
    const worker = startWorker(dataDir, log, { DATABASE_URL: url, HERALD_OUTBOX_POLL_MS: "60000" });
    children.push(worker);
    // Wait until it listens: its LISTEN is the last statement of its listening connection *and*
    // has finished (while it still runs — state 'active' — it is not yet in effect).
    const admin = new pg.Client({ connectionString: pgTarget(url).connectionString });
    await admin.connect();
    try {
      await waitFor(
        async () =>
          (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'herald-listen' AND state = 'idle' AND query LIKE 'LISTEN herald_outbox%'`)).rowCount === 1,
        30_000,
        "the worker's LISTEN",
        log,
        [worker],
      );
    } finally {
      await admin.end();
    }
    // No settling time: whether the worker is still in its first pass or already in its
    // minute-long sleep, the wake-up must not be lost (worker.test.ts holds the first case open).
    const m = testMessage(1);
    await enqueue(null, [m], { source: "test" });
    const committed = Date.now();
    await waitFor(() => smtp.messages.length === 1, 10_000, "the delivery", log, [worker]);
    console.log(`commit → delivered by another process in ${Date.now() - committed} ms (its poll interval: 60 s)`);
    expect(String(smtp.messages[0]!.parsed.subject)).toBe("Test 1");
    // The result is written shortly after (results are flushed in batches).
    await waitFor(async () => (await row<{ status: string }>(`SELECT "status" FROM "OutboxMessage" WHERE "id" = ?`, [m.id]))?.status === "sent", 10_000, "the result", log, [worker]);
  });
});
