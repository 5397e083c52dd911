// The built-in mailbox: a real SMTP session into it, what it stores, its bound, and the worker
// routing mail there while the sandbox is on (even with a real server configured).
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import nodemailer from "nodemailer";
import { pointMailServiceAt } from "@/lib/testing/mail-service";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/testing/smtp";
import { closeConnections, row } from "@/lib/testing/db";
import { enqueue } from "@/lib/outbox/enqueue";
import { testMessage } from "@/lib/outbox/testing";
import { OutboxWorker } from "@/lib/outbox/worker";
import { invalidateSendingSettings, setSandbox } from "@/lib/outbox/settings";
import { resetTargetCache, resolveTarget } from "@/lib/outbox/target";
import { startDevMailbox, stopDevMailbox, storeMailboxMessage } from "./server";
import { mailboxAddress } from "./registry";
import { getMailboxMessage, listMailbox } from "./store";

describe("built-in mailbox", () => {
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
    invalidateSendingSettings();
    resetTargetCache();
  });
  afterEach(async () => {
    await stopDevMailbox();
    await closeConnections();
  });

  it("catches a mail over SMTP and shows it as the recipient sees it", async () => {
    const running = await startDevMailbox(0);
    expect(running).not.toBeNull();
    expect(mailboxAddress()).toMatchObject({ port: running!.port, pid: process.pid });
    const t = nodemailer.createTransport({ host: "127.0.0.1", port: running!.port, secure: false, ignoreTLS: true });
    await t.sendMail({
      from: "Herald <herald@example.com>",
      to: "Ada <ada@example.com>",
      subject: "Grüße aus Herald",
      text: "plain body",
      html: "<p>html <b>body</b></p><script>alert(1)</script>",
    });
    const { rows, total } = await listMailbox();
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({ subject: "Grüße aus Herald", envelopeTo: "ada@example.com" });
    const m = await getMailboxMessage(rows[0]!.id);
    expect(m!.text).toBe("plain body");
    expect(m!.html).toContain("<b>body</b>");
    expect(m!.headers.find(([k]) => k === "subject")?.[1]).toBe("=?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_Herald?=");
    expect(m!.from).toContain("herald@example.com");
  });

  it("keeps only the newest mails", async () => {
    for (let i = 0; i < 15; i++) {
      await storeMailboxMessage(Buffer.from(`Subject: m${i}\r\nFrom: a@example.com\r\nTo: b@example.com\r\n\r\nbody ${i}\r\n`), { from: "a@example.com", to: ["b@example.com"] }, 10);
    }
    const { rows, total } = await listMailbox({ take: 100 });
    expect(total).toBe(10);
    expect(rows.map((r) => r.subject)).toEqual(Array.from({ length: 10 }, (_, i) => `m${14 - i}`));
  });

  it("searches subject and addresses whatever the case, on every engine", async () => {
    const store = (subject: string, from: string, to: string) =>
      storeMailboxMessage(Buffer.from(`Subject: ${subject}\r\nFrom: ${from}\r\nTo: ${to}\r\n\r\nbody\r\n`), { from, to: [to] }, 10);
    await store("Weekly Digest", "news@example.com", "Ada.Lovelace@Example.com");
    await store("Password reset", "Security@Example.org", "grace@example.com");
    const subjects = async (q: string) => (await listMailbox({ q })).rows.map((r) => r.subject);
    expect(await subjects("weekly DIGEST")).toEqual(["Weekly Digest"]);
    expect(await subjects("ada.lovelace@example.com")).toEqual(["Weekly Digest"]);
    expect(await subjects("security@EXAMPLE")).toEqual(["Password reset"]);
    expect((await listMailbox({ q: "EXAMPLE" })).total).toBe(2);
  });

  it("with the sandbox on, the worker delivers to the mailbox even though a real server is configured", async () => {
    const real: TestSmtpServer = await startTestSmtpServer();
    const running = await startDevMailbox(0);
    await pointMailServiceAt(real.port);
    expect((await resolveTarget()).kind).toBe("smtp");
    await setSandbox(true, "test");
    expect(await resolveTarget()).toMatchObject({ kind: "mailbox", port: running!.port, why: "sandbox" });
    const [m] = [testMessage(1, { subject: "sandboxed" })];
    await enqueue(null, [m], { source: "test" });
    const w = new OutboxWorker({ pollMs: 50, log: () => undefined });
    void w.start();
    try {
      for (let i = 0; i < 100 && (await listMailbox()).total === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect((await listMailbox()).rows.map((r) => r.subject)).toEqual(["sandboxed"]);
      expect(real.messages).toHaveLength(0);
    } finally {
      await w.stop();
      await real.stop();
    }
    expect(await row(`SELECT "status" FROM "OutboxMessage"`)).toEqual({ status: "sent" });
  });

  it("with no SMTP host configured, mail goes to the mailbox; with it switched off, the reason is shown", async () => {
    const running = await startDevMailbox(0);
    expect(await resolveTarget()).toMatchObject({ kind: "mailbox", why: "unconfigured", label: `built-in mailbox (127.0.0.1:${running!.port})` });
    await stopDevMailbox();
    resetTargetCache();
    process.env.HERALD_DEV_SMTP = "0";
    const { resetEnvCache } = await import("@/lib/env");
    resetEnvCache();
    try {
      expect(await resolveTarget()).toMatchObject({ kind: "unavailable", reason: expect.stringContaining("HERALD_DEV_SMTP=0") });
    } finally {
      delete process.env.HERALD_DEV_SMTP;
      resetEnvCache();
    }
  });
});

describe("built-in mailbox on a taken port", () => {
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
  });
  afterEach(async () => {
    await stopDevMailbox();
    await closeConnections();
  });

  it("listens on a free port instead, and says where", async () => {
    const net = await import("node:net");
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const running = await startDevMailbox(taken);
      expect(running).not.toBeNull();
      expect(running!.port).not.toBe(taken);
      expect(mailboxAddress()?.port).toBe(running!.port);
    } finally {
      blocker.close();
    }
  });
});
