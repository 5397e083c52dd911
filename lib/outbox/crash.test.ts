// Real worker processes (`npm run worker`) on one database (an SQLite file, or a PostgreSQL schema
// when HERALD_TEST_PG_URL is set) and a real SMTP server:
//   - a worker killed with SIGKILL in the middle of 1,000 messages, then a new one → all 1,000
//     delivered, none lost; the duplicates (messages in flight when it died) are counted;
//   - two workers at once on the same database → every message exactly once.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import type { ChildProcess } from "node:child_process";
import { pointMailServiceAt } from "@/lib/testing/mail-service";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { startWorker, killGroup, killAll, exited, waitFor } from "@/lib/testing/workers";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/testing/smtp";
import { closeConnections, row, rows } from "@/lib/testing/db";
import { enqueue } from "./enqueue";
import { testMessage } from "./testing";

const N = 1000;

const counts = async () =>
  Object.fromEntries(
    (await rows<{ status: string; n: number }>(`SELECT "status", COUNT(*) AS "n" FROM "OutboxMessage" GROUP BY "status"`)).map((r) => [r.status, r.n]),
  ) as Record<string, number>;

function deliveries(smtp: TestSmtpServer) {
  const ids = smtp.messages.map((m) => String(m.parsed.headers.get("x-herald-message")));
  return { received: ids.length, unique: new Set(ids).size };
}

describe("worker processes", () => {
  let dataDir: string;
  let smtp: TestSmtpServer;
  const children: ChildProcess[] = [];
  const log: string[] = [];

  beforeEach(async () => {
    dataDir = useFreshDataDir();
    await closeConnections();
    smtp = await startTestSmtpServer();
    await pointMailServiceAt(smtp.port);
    await enqueue(null, Array.from({ length: N }, (_, i) => testMessage(i)), { source: "test" });
    log.length = 0;
  });

  afterEach(async () => {
    await killAll(children);
    await smtp.stop();
    await closeConnections();
  });

  it("SIGKILL in the middle of 1,000 messages, then a restart: all delivered, none lost", { timeout: 60_000 }, async () => {
    const first = startWorker(dataDir, log);
    children.push(first);
    await waitFor(() => smtp.messages.length >= 300, 30_000, "300 deliveries", log, [first]);
    killGroup(first, "SIGKILL");
    await exited(first);
    const atKill = deliveries(smtp).received;
    const heldByDead = (await counts()).sending ?? 0;
    expect(atKill).toBeLessThan(N);

    const second = startWorker(dataDir, log);
    children.push(second);
    await waitFor(async () => ((await counts()).sent ?? 0) === N, 45_000, "all 1000 sent", log, [second]);

    const { received, unique } = deliveries(smtp);
    const duplicates = received - unique;
    console.log(`SIGKILL test: ${atKill} delivered before the kill, ${heldByDead} held by the killed worker, ${received} deliveries in all, ${unique} distinct, ${duplicates} duplicate(s)`);
    expect(unique).toBe(N);
    expect(await counts()).toEqual({ sent: N });
    // At most the messages the killed worker had in flight or unrecorded can come twice.
    expect(duplicates).toBeLessThanOrEqual(heldByDead);
    // The recovery went through lease expiry: those messages show two attempts.
    const retaken = (await row<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "OutboxMessage" WHERE "attempts" = 2`))!.n;
    expect(retaken).toBe(heldByDead);
    // SIGTERM: the worker finishes what it holds, says so and exits.
    killGroup(second, "SIGTERM");
    await waitFor(() => log.join("").includes("herald worker: stopped"), 10_000, "graceful stop", log);
    // Only the killed worker's heartbeat row is left (it stops being shown once it is stale).
    expect(await row(`SELECT COUNT(*) AS "n" FROM "OutboxWorker"`)).toEqual({ n: 1 });
  });

  it("two workers on one database send every message exactly once", { timeout: 60_000 }, async () => {
    const a = startWorker(dataDir, log);
    const b = startWorker(dataDir, log);
    children.push(a, b);
    await waitFor(async () => ((await counts()).sent ?? 0) === N, 45_000, "all 1000 sent", log, [a, b]);
    const { received, unique } = deliveries(smtp);
    expect(unique).toBe(N);
    expect(received).toBe(N);
    // Both did a share of the work.
    const perWorker = await rows<{ worker: string; n: number }>(`SELECT "worker", COUNT(*) AS "n" FROM "OutboxAttempt" GROUP BY "worker"`);
    expect(perWorker).toHaveLength(2);
    expect(perWorker.every((w) => w.n > 0)).toBe(true);
  });
});
