// The console's sending switches and the mailbox's "Clear": each change and its audit row commit
// together, on a real database.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections, failInserts, rows } from "@/lib/testing/db";
import { storeMailboxMessage } from "@/lib/mailbox/server";
import { clearMailbox, listMailbox } from "@/lib/mailbox/store";
import { invalidateSendingSettings, sendingSettings, setRetryPolicy, setSandbox } from "./settings";

const auditRows = () => rows<{ action: string; actor: string; detail: string }>(`SELECT "action", "actor", "detail" FROM "AuditEvent" ORDER BY "id"`);

describe("sending settings and the mailbox, audited", () => {
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
    invalidateSendingSettings();
  });
  afterEach(() => closeConnections());

  it("records the sandbox switch, the retry policy and its reset with the change", async () => {
    await setSandbox(true, "ada@example.com");
    const policy = await setRetryPolicy({ maxAttempts: 3, baseDelaySeconds: 10, maxDelaySeconds: 60, maxAgeSeconds: 3600 }, "ada@example.com");
    await setRetryPolicy(null, "bo@example.com");
    expect((await auditRows()).map((a) => [a.action, a.actor, JSON.parse(a.detail)])).toEqual([
      ["sending.sandbox", "ada@example.com", { on: true }],
      ["sending.retry_policy", "ada@example.com", policy],
      ["sending.retry_policy", "bo@example.com", { reset: true }],
    ]);
  });

  it("keeps the sandbox as it was when its audit row cannot be written", async () => {
    await failInserts("AuditEvent", "actor", "mallory");
    await expect(setSandbox(true, "mallory")).rejects.toThrow(/simulated failure/);
    invalidateSendingSettings();
    expect((await sendingSettings()).sandbox).toBe(false);
  });

  it("clears the mailbox with the count on record, or not at all", async () => {
    for (let i = 0; i < 2; i++) await storeMailboxMessage(Buffer.from(`Subject: m${i}\r\nFrom: a@example.com\r\nTo: b@example.com\r\n\r\nbody\r\n`), { from: "a@example.com", to: ["b@example.com"] }, 10);
    await failInserts("AuditEvent", "actor", "mallory");
    await expect(clearMailbox("mallory")).rejects.toThrow(/simulated failure/);
    expect((await listMailbox()).total).toBe(2);
    expect(await clearMailbox("ada@example.com")).toBe(2);
    expect((await auditRows()).map((a) => [a.action, a.actor, JSON.parse(a.detail)])).toEqual([["mailbox.clear", "ada@example.com", { count: 2 }]]);
  });
});
