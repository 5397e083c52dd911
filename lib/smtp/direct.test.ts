// sendDirect / checkDirect against real SMTP servers on 127.0.0.1: the warnings a direct send
// shares with the step-by-step check (one function), the per-user limit, and the mail-log entry.
import { describe, it, expect, beforeEach, afterAll, beforeAll } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections } from "@/lib/testing/db";
import { mailSettingsFor, startTestSmtpServer, type TestSmtpServer } from "@/lib/testing/smtp";
import { db } from "@/lib/db/client";
import { resetRateLimits } from "@/lib/api/rate-limit";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { checkDirect, sendDirect } from "./direct";
import { probe } from "./session";

let bare: TestSmtpServer;
let good: TestSmtpServer;

beforeAll(async () => {
  // Offers neither AUTH nor STARTTLS: a login and encryption were asked for, neither happens.
  bare = await startTestSmtpServer();
  good = await startTestSmtpServer({ starttls: true, users: { mailer: "pw" }, requireAuth: true });
});
afterAll(async () => {
  await bare.stop();
  await good.stop();
});
beforeEach(async () => {
  useFreshDataDir();
  await closeConnections();
  resetRateLimits();
});

const wanting = (s: TestSmtpServer) => ({ ...mailSettingsFor(s), "smtp.user": "mailer", "smtp.password": "pw", "smtp.starttls": true, "from.address": "herald@example.com" });

describe("sendDirect", () => {
  it("warns that the credentials were not used and the connection was not encrypted — the same words as the step-by-step check", async () => {
    const settings = wanting(bare);
    const r = await sendDirect(settings, { to: "ops@example.com", subject: "t", text: "x" }, { kind: "test", actor: "u1" });
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.code).sort()).toEqual(["credentials_not_used", "not_encrypted"]);
    expect(r.warnings.find((w) => w.code === "credentials_not_used")!.text).toMatch(/credentials are not used/);
    expect(r.warnings.find((w) => w.code === "not_encrypted")!.text).toMatch(/connection is not encrypted/);
    const check = await probe(settings, {});
    const stepWarnings = check.steps.map((s) => s.warning).filter(Boolean);
    expect(stepWarnings.sort()).toEqual(r.warnings.map((w) => w.text).sort());
    const log = await db().mailLog.findMany();
    expect(log).toMatchObject([{ kind: "test", result: "ok", recipients: "ops@example.com" }]);
  });

  it("no warning when the session logged in over STARTTLS", async () => {
    const r = await sendDirect(wanting(good), { to: "ops@example.com", subject: "t", text: "x", tls: { ca: [good.cert] } }, { kind: "preview", actor: "u1" });
    expect(r.error).toBeUndefined();
    expect(r.warnings).toEqual([]);
  });

  it("limits each user (test, preview and checks together), with a clear message; other users are not affected", async () => {
    const limit = env().HERALD_DIRECT_MAIL_PER_MINUTE;
    expect(limit).toBe(10);
    const settings = wanting(bare);
    const before = bare.messages.length;
    for (let i = 0; i < limit - 1; i++) await sendDirect(settings, { to: "ops@example.com", subject: `n${i}`, text: "x" }, { kind: i % 2 ? "preview" : "test", actor: "author-1" });
    await checkDirect(settings, { kind: "check", actor: "author-1" });
    const refused = await sendDirect(settings, { to: "ops@example.com", subject: "one too many", text: "x" }, { kind: "preview", actor: "author-1" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("rate_limited");
    expect((refused as AppError).message).toMatch(/^Too many preview emails: each user may send 10 .* a minute\. Try again in \d+ s\.$/);
    expect((refused as AppError).retryAfterSeconds).toBeGreaterThan(0);
    expect(bare.messages.length - before).toBe(limit - 1);
    // Nothing was sent or logged for the refused one.
    expect(await db().mailLog.count()).toBe(limit);
    const other = await sendDirect(settings, { to: "ops@example.com", subject: "other user", text: "x" }, { kind: "test", actor: "author-2" });
    expect(other.ok).toBe(true);
  });
});
