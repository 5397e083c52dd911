// Real outbox worker processes for tests (`npm run worker`), each in its own process group so a
// SIGKILL reaches npm, sh and node alike. The database comes from the environment (DATABASE_URL
// set by useFreshDataDir on PostgreSQL, else the data folder's SQLite file).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

export function startWorker(dataDir: string, log: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn("npm", ["run", "--silent", "worker"], {
    cwd: ROOT,
    detached: true,
    env: {
      ...process.env,
      HERALD_DATA_DIR: dataDir,
      HERALD_DEV_SMTP: "0",
      HERALD_OUTBOX_LEASE_SECONDS: "3",
      HERALD_OUTBOX_POLL_MS: "100",
      HERALD_OUTBOX_BATCH: "25",
      HERALD_OUTBOX_CONNECTIONS: "3",
      HERALD_LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => log.push(d.toString()));
  child.stderr!.on("data", (d: Buffer) => log.push(d.toString()));
  return child;
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    /* already gone */
  }
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
  });
}

/** Polls fn until true; fails with the workers' output when it times out or a worker exits. */
export async function waitFor(fn: () => boolean | Promise<boolean>, timeoutMs: number, what: string, log: string[], alive: ChildProcess[] = []) {
  const start = Date.now();
  while (!(await fn())) {
    const dead = alive.find((c) => c.exitCode !== null);
    if (dead) throw new Error(`a worker exited (${dead.exitCode}) while waiting for ${what}\nworker output:\n${log.join("").slice(-3000)}`);
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}\nworker output:\n${log.join("").slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SIGKILLs every worker in the list (emptying it) and waits until each is gone. */
export async function killAll(children: ChildProcess[]) {
  for (const c of children.splice(0)) {
    killGroup(c, "SIGKILL");
    await exited(c);
  }
}
