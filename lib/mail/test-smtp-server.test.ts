// Tests of the shared test helpers lib/testing/smtp.ts and lib/testing/tls.ts.
import { X509Certificate } from "node:crypto";
import net from "node:net";
import { describe, expect, it } from "vitest";
import nodemailer from "nodemailer";
import { closedPort, mailSettingsFor, startTestSmtpServer } from "@/lib/testing/smtp";
import { createTestCert, getTestCert, getTestCertSync } from "@/lib/testing/tls";

describe("getTestCert", () => {
  it("issues one cached self-signed cert for localhost, 127.0.0.1 and ::1", async () => {
    const a = getTestCertSync();
    expect(await getTestCert()).toBe(a);
    const x = new X509Certificate(a.cert);
    expect(x.subject).toBe("CN=localhost");
    expect(x.issuer).toBe(x.subject);
    expect(x.checkHost("localhost")).toBe("localhost");
    expect(x.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(x.checkIP("::1")).toBe("::1");
    expect(new Date(x.validTo).getTime()).toBeGreaterThan(Date.now() + 86_400_000);
    expect(a.key).toMatch(/-----BEGIN PRIVATE KEY-----/);
  });

  it("createTestCert makes a different cert with custom names", () => {
    const c = createTestCert({ commonName: "mail.test", altNames: ["DNS:mail.test"], days: 1 });
    const x = new X509Certificate(c.cert);
    expect(x.subject).toBe("CN=mail.test");
    expect(x.checkHost("mail.test")).toBe("mail.test");
    expect(x.checkIP("127.0.0.1")).toBeUndefined();
    expect(c.cert).not.toBe(getTestCertSync().cert);
  });
});

describe("startTestSmtpServer", () => {
  it("listens on 127.0.0.1 only and records parsed messages with the envelope", async () => {
    const s = await startTestSmtpServer();
    try {
      expect(s.host).toBe("127.0.0.1");
      expect(s.port).toBeGreaterThan(0);
      // not reachable through another loopback address
      await expect(
        new Promise((resolve, reject) => {
          const sock = net.connect({ host: "127.0.0.2", port: s.port }, () => {
            sock.destroy();
            resolve("connected");
          });
          sock.on("error", reject);
        }),
      ).rejects.toMatchObject({ code: "ECONNREFUSED" });

      const t = nodemailer.createTransport({ host: s.host, port: s.port });
      const pending = s.waitForMessages(1, 2000);
      await t.sendMail({ from: "a@example.com", to: "b@example.com", cc: "c@example.com", subject: "Hi", text: "Hello", html: "<p>Hello</p>" });
      t.close();
      const [m] = await pending;
      expect(m).toMatchObject({ from: "a@example.com", to: ["b@example.com", "c@example.com"], authUser: null, secure: false });
      expect(m!.raw.toString()).toMatch(/Subject: Hi/);
      expect(m!.parsed.html).toBe("<p>Hello</p>");
      expect(s.connections()).toBe(1);
    } finally {
      await s.stop();
    }
  });

  it("onMessage sees each message before its 250; keepMessages: false keeps none (load tests); a restart reuses the port", async () => {
    const seen: { to: string[]; header: string | undefined }[] = [];
    const onMessage = (raw: Buffer, env: { to: string[] }) => seen.push({ to: env.to, header: /^X-Test:[ \t]*(\S+)/im.exec(raw.toString("latin1"))?.[1] });
    const s = await startTestSmtpServer({ keepMessages: false, onMessage });
    const send = (port: number, n: number) =>
      nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true }).sendMail({ from: "a@example.com", to: `b${n}@example.com`, subject: "s", text: "t", headers: { "X-Test": `m${n}` } });
    await send(s.port, 1);
    // Counted by the time the client has its 250.
    expect(seen).toEqual([{ to: ["b1@example.com"], header: "m1" }]);
    expect(s.messages).toEqual([]);
    await s.stop();
    await expect(send(s.port, 2)).rejects.toThrow(/ECONNREFUSED/);
    const again = await startTestSmtpServer({ port: s.port, keepMessages: false, onMessage });
    try {
      await send(again.port, 3);
      expect(again.port).toBe(s.port);
      expect(seen.map((x) => x.header)).toEqual(["m1", "m3"]);
    } finally {
      await again.stop();
    }
  });

  it("waitForMessages rejects after its timeout", async () => {
    const s = await startTestSmtpServer();
    try {
      await expect(s.waitForMessages(1, 50)).rejects.toThrow(/expected 1 message\(s\) within 50 ms, got 0/);
    } finally {
      await s.stop();
    }
  });

  it("rejectAll at connect answers the greeting with the given reply", async () => {
    const s = await startTestSmtpServer({ rejectAll: { code: 554, message: "5.7.1 No SMTP service for you", stage: "connect" } });
    const t = nodemailer.createTransport({ host: s.host, port: s.port, greetingTimeout: 1000 });
    try {
      await expect(t.sendMail({ from: "a@example.com", to: "b@example.com", text: "x" })).rejects.toMatchObject({ response: expect.stringMatching(/^554 5\.7\.1 No SMTP service for you/) });
    } finally {
      t.close();
      await s.stop();
    }
  });

  it("rejectAll at rcpt refuses every recipient", async () => {
    const s = await startTestSmtpServer({ rejectAll: { code: 450, message: "4.2.0 Greylisted, try later", stage: "rcpt" } });
    const t = nodemailer.createTransport({ host: s.host, port: s.port });
    try {
      await expect(t.sendMail({ from: "a@example.com", to: "b@example.com", text: "x" })).rejects.toMatchObject({ code: "EENVELOPE" });
      expect(s.messages).toHaveLength(0);
    } finally {
      t.close();
      await s.stop();
    }
  });

  it("records auth attempts and the authenticated user", async () => {
    const s = await startTestSmtpServer({ requireAuth: true, users: { bob: "pw" } });
    try {
      const bad = nodemailer.createTransport({ host: s.host, port: s.port, auth: { user: "bob", pass: "nope" } });
      await expect(bad.sendMail({ from: "a@example.com", to: "b@example.com", text: "x" })).rejects.toMatchObject({ code: "EAUTH", responseCode: 535 });
      bad.close();
      const good = nodemailer.createTransport({ host: s.host, port: s.port, auth: { user: "bob", pass: "pw" } });
      await good.sendMail({ from: "a@example.com", to: "b@example.com", text: "x" });
      good.close();
      expect(s.authAttempts).toEqual([
        { method: "PLAIN", user: "bob", ok: false },
        { method: "PLAIN", user: "bob", ok: true },
      ]);
      expect(s.messages[0]!.authUser).toBe("bob");
    } finally {
      await s.stop();
    }
  });

  it("hangOnConnect accepts but never greets; stop() ends hanging connections", async () => {
    const s = await startTestSmtpServer({ hangOnConnect: true });
    const sock = net.connect({ host: s.host, port: s.port });
    const received: Buffer[] = [];
    sock.on("data", (d) => received.push(d));
    const closed = new Promise((resolve) => sock.on("close", resolve));
    await new Promise((resolve) => sock.once("connect", resolve));
    // "Never greets" is a claim about time: a real server greets within milliseconds of the
    // connect, so silence for 200 ms is the behaviour under test, not a guess at a delay.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toHaveLength(0);
    expect(s.connections()).toBe(1);
    await s.stop();
    await closed;
  });

  it("mailSettingsFor and closedPort", async () => {
    const port = await closedPort();
    expect(mailSettingsFor({ host: "127.0.0.1", port }, { "smtp.ssl": true })).toMatchObject({ "smtp.host": "127.0.0.1", "smtp.port": port, "smtp.ssl": true, "smtp.starttls": false });
    await expect(
      new Promise((resolve, reject) => net.connect({ host: "127.0.0.1", port }, () => resolve("connected")).on("error", reject)),
    ).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });
});
