import "server-only";
// Where the built-in mailbox of this data folder listens. The process that runs it writes
// <data>/dev-smtp.json ({port, pid}); a worker in another process reads it to deliver there.
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/env";
import { ensurePrivateDataDir } from "@/lib/data-files";

export interface MailboxAddress {
  host: "127.0.0.1";
  port: number;
  pid: number;
  startedAt: string;
}

function file() {
  return path.join(dataDir(), "dev-smtp.json");
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

let cache: { at: number; value: MailboxAddress | null } | null = null;

/** The running mailbox of this data folder, or null when none runs. Cached for a second. */
export function mailboxAddress(): MailboxAddress | null {
  if (cache && Date.now() - cache.at < 1000) return cache.value;
  let value: MailboxAddress | null = null;
  try {
    const v = JSON.parse(fs.readFileSync(file(), "utf8")) as MailboxAddress;
    if (typeof v.port === "number" && typeof v.pid === "number" && alive(v.pid)) value = { ...v, host: "127.0.0.1" };
  } catch {
    value = null;
  }
  cache = { at: Date.now(), value };
  return value;
}

export function writeMailboxAddress(port: number) {
  const v: MailboxAddress = { host: "127.0.0.1", port, pid: process.pid, startedAt: new Date().toISOString() };
  ensurePrivateDataDir();
  fs.writeFileSync(file(), JSON.stringify(v) + "\n", { mode: 0o600 });
  cache = null;
}

export function clearMailboxAddress() {
  try {
    const v = JSON.parse(fs.readFileSync(file(), "utf8")) as MailboxAddress;
    if (v.pid === process.pid) fs.rmSync(file(), { force: true });
  } catch {
    /* nothing to clear */
  }
  cache = null;
}
