// Real worker processes (`npm run worker`) on one SQLite file and a real SMTP server:
//   - a worker killed with SIGKILL in the middle of 1,000 messages, then a new one → all 1,000
//     delivered, none lost; the duplicates (messages in flight when it died) are counted;
//   - two workers at once on the same database → every message exactly once.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/testing/smtp";
import { saveServiceConfig } from "@/lib/config/store";
import { MAIL_SERVICE_PID } from "@/lib/config/services";
import { closeSqlite, runImmediate, sqlite } from "./sqlite";
import { enqueueIn } from "./store";
import { testMessage } from "./testing";

const ROOT = path.resolve(__dirname, "../..");
const N = 1000;

function startWorker(dataDir: string, log: string[]): ChildProcess {
  const child = spawn("npm", ["run", "--silent", "worker"], {
    cwd: ROOT,
    detached: true, // its own process group: SIGKILL reaches npm, sh and node alike
    env: {
      ...process.env,
      HERALD_DATA_DIR: dataDir,
      HERALD_DEV_SMTP: "0",
      HERALD_OUTBOX_LEASE_SECONDS: "3",
      HERALD_OUTBOX_POLL_MS: "100",
      HERALD_OUTBOX_BATCH: "25",
      HERALD_OUTBOX_CONNECTIONS: "3",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => log.push(d.toString()));
  child.stderr!.on("data", (d: Buffer) => log.push(d.toString()));
  return child;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    /* already gone */
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
  });
}

async function waitFor(fn: () => boolean, timeoutMs: number, what: string, log: string[], alive: ChildProcess[] = []) {
  const start = Date.now();
  while (!fn()) {
    const dead = alive.find((c) => c.exitCode !== null);
    if (dead) throw new Error(`a worker exited (${dead.exitCode}) while waiting for ${what}\nworker output:\n${log.join("").slice(-3000)}`);
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}\nworker output:\n${log.join("").slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const counts = () =>
  Object.fromEntries(
    (sqlite().prepare(`SELECT status, COUNT(*) AS n FROM OutboxMessage GROUP BY status`).all() as { status: string; n: number }[]).map((r) => [r.status, r.n]),
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
    closeSqlite();
    smtp = await startTestSmtpServer();
    await saveServiceConfig(MAIL_SERVICE_PID, { "smtp.host": "127.0.0.1", "smtp.port": smtp.port, "from.address": "herald@example.com" }, { actor: "test" });
    runImmediate((d) => enqueueIn(d, Array.from({ length: N }, (_, i) => testMessage(i)), { source: "test" }));
    log.length = 0;
  });

  afterEach(async () => {
    for (const c of children.splice(0)) {
      killGroup(c, "SIGKILL");
      await exited(c);
    }
    await smtp.stop();
    closeSqlite();
  });

  it("SIGKILL in the middle of 1,000 messages, then a restart: all delivered, none lost", { timeout: 60_000 }, async () => {
    const first = startWorker(dataDir, log);
    children.push(first);
    await waitFor(() => smtp.messages.length >= 300, 30_000, "300 deliveries", log, [first]);
    killGroup(first, "SIGKILL");
    await exited(first);
    const atKill = deliveries(smtp).received;
    const heldByDead = counts().sending ?? 0;
    expect(atKill).toBeLessThan(N);

    const second = startWorker(dataDir, log);
    children.push(second);
    await waitFor(() => (counts().sent ?? 0) === N, 45_000, "all 1000 sent", log, [second]);

    const { received, unique } = deliveries(smtp);
    const duplicates = received - unique;
    console.log(`SIGKILL test: ${atKill} delivered before the kill, ${heldByDead} held by the killed worker, ${received} deliveries in all, ${unique} distinct, ${duplicates} duplicate(s)`);
    expect(unique).toBe(N);
    expect(counts()).toEqual({ sent: N });
    // At most the messages the killed worker had in flight or unrecorded can come twice.
    expect(duplicates).toBeLessThanOrEqual(heldByDead);
    // The recovery went through lease expiry: those messages show two attempts.
    const retaken = (sqlite().prepare(`SELECT COUNT(*) AS n FROM OutboxMessage WHERE attempts = 2`).get() as { n: number }).n;
    expect(retaken).toBe(heldByDead);
    // SIGTERM: the worker finishes what it holds, says so and exits.
    killGroup(second, "SIGTERM");
    await waitFor(() => log.join("").includes("herald worker: stopped"), 10_000, "graceful stop", log);
    // Only the killed worker's heartbeat row is left (it stops being shown once it is stale).
    expect(sqlite().prepare(`SELECT COUNT(*) AS n FROM OutboxWorker`).get()).toEqual({ n: 1 });
  });

  it("two workers on one database send every message exactly once", { timeout: 60_000 }, async () => {
    const a = startWorker(dataDir, log);
    const b = startWorker(dataDir, log);
    children.push(a, b);
    await waitFor(() => (counts().sent ?? 0) === N, 45_000, "all 1000 sent", log, [a, b]);
    const { received, unique } = deliveries(smtp);
    expect(unique).toBe(N);
    expect(received).toBe(N);
    // Both did a share of the work.
    const perWorker = sqlite().prepare(`SELECT worker, COUNT(*) AS n FROM OutboxAttempt GROUP BY worker`).all() as { worker: string; n: number }[];
    expect(perWorker).toHaveLength(2);
    expect(perWorker.every((w) => w.n > 0)).toBe(true);
  });
});
