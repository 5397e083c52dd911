import { describe, it, expect, beforeEach } from "vitest";
import * as OTPAuth from "otpauth";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { db } from "@/lib/db/client";
import { createUser } from "@/lib/auth/users";
import { row } from "@/lib/testing/db";
import {
  confirmTotpEnrolment,
  matchingStep,
  pendingTotpEnrolment,
  resetTotp,
  startTotpEnrolment,
  totpStatus,
  verifySecondFactor,
} from "./totp";

/** What the user's phone shows: the same library, the same secret. */
function codeAt(secret: string, at: number) {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: at });
}

async function newUser() {
  return createUser({ email: `u${Math.random().toString(36).slice(2)}@example.com`, name: "U", password: "irrelevant-passphrase-1", role: "author" }, { actor: "test" });
}

describe("TOTP", () => {
  beforeEach(() => {
    useFreshDataDir();
  });

  it("matches a code within one step either side, not beyond, and not malformed input", () => {
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    const t = 1_800_000_000_000;
    const step = Math.floor(t / 30_000);
    expect(matchingStep(secret, codeAt(secret, t), t)).toBe(step);
    expect(matchingStep(secret, codeAt(secret, t - 30_000), t)).toBe(step - 1);
    expect(matchingStep(secret, codeAt(secret, t + 30_000), t)).toBe(step + 1);
    expect(matchingStep(secret, codeAt(secret, t - 90_000), t)).toBeNull();
    expect(matchingStep(secret, "12345", t)).toBeNull();
    expect(matchingStep(secret, "abcdef", t)).toBeNull();
  });

  it("enrols with a QR code and the secret, confirmed by a first code; the secret is stored sealed", async () => {
    const user = await newUser();
    const e = await startTotpEnrolment(user.id);
    expect(e.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(e.uri).toMatch(/^otpauth:\/\/totp\/Herald:.*secret=/);
    expect(e.qrSvg).toContain("<svg");
    expect(await pendingTotpEnrolment(user.id)).toMatchObject({ secret: e.secret });
    const stored = await db().user.findUnique({ where: { id: user.id } });
    expect(stored?.totpPendingSecret).toMatch(/^enc:v1:/);
    expect(JSON.stringify(stored)).not.toContain(e.secret);

    const now = Date.now();
    await expect(confirmTotpEnrolment(user.id, "000000", now)).rejects.toThrow(/not right/);
    const codes = await confirmTotpEnrolment(user.id, codeAt(e.secret, now), now);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(await totpStatus(user.id)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    // Only hashes are stored.
    const hashes = await db().recoveryCode.findMany({ where: { userId: user.id } });
    expect(hashes.map((h) => h.hash).join()).not.toContain(codes[0]!.replace("-", ""));
    await expect(startTotpEnrolment(user.id)).rejects.toThrow(/already set up/);
    const audit = await row<{ action: string }>(`SELECT action FROM "AuditEvent" WHERE action = 'auth.totp_enrol'`);
    expect(audit?.action).toBe("auth.totp_enrol");
  });

  it("accepts a code once (no replay), and not an older one after a newer was used", async () => {
    const user = await newUser();
    const { secret } = await startTotpEnrolment(user.id);
    const t0 = Date.now();
    await confirmTotpEnrolment(user.id, codeAt(secret, t0), t0);
    // The confirming code itself was used.
    expect(await verifySecondFactor(user.id, codeAt(secret, t0), t0)).toEqual({ ok: false });
    const t1 = t0 + 30_000;
    const code = codeAt(secret, t1);
    const [a, b] = await Promise.all([verifySecondFactor(user.id, code, t1), verifySecondFactor(user.id, code, t1)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(await verifySecondFactor(user.id, code, t1 + 5_000)).toEqual({ ok: false });
    // A code of an earlier step, still inside the window, is refused after a later one was used.
    const t2 = t1 + 60_000;
    expect(await verifySecondFactor(user.id, codeAt(secret, t2), t2)).toEqual({ ok: true, method: "totp" });
    expect(await verifySecondFactor(user.id, codeAt(secret, t2 - 30_000), t2)).toEqual({ ok: false });
  });

  it("a recovery code works once, typed in any case and spacing", async () => {
    const user = await newUser();
    const { secret } = await startTotpEnrolment(user.id);
    const codes = await confirmTotpEnrolment(user.id, codeAt(secret, Date.now()));
    const typed = ` ${codes[3]!.toUpperCase().replace("-", " ")} `;
    expect(await verifySecondFactor(user.id, typed)).toEqual({ ok: true, method: "recovery", recoveryCodesLeft: 9 });
    expect(await verifySecondFactor(user.id, codes[3]!)).toEqual({ ok: false });
    expect(await verifySecondFactor(user.id, "aaaaa-bbbbb")).toEqual({ ok: false });
  });

  it("reset removes the enrolment and the recovery codes, audited", async () => {
    const user = await newUser();
    const { secret } = await startTotpEnrolment(user.id);
    const codes = await confirmTotpEnrolment(user.id, codeAt(secret, Date.now()));
    const { createSession, validateSession } = await import("./sessions");
    const sid = await createSession({ userId: user.id });
    expect(await resetTotp(user.id, "admin@example.com", "console")).toEqual({ email: user.email, wasEnabled: true, sessionsEnded: 1 });
    expect(await validateSession(sid)).toBeNull();
    expect(await totpStatus(user.id)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await verifySecondFactor(user.id, codes[0]!)).toEqual({ ok: false });
    expect(await db().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    const audit = await row<{ actor: string; target: string; detail: string }>(`SELECT actor, target, detail FROM "AuditEvent" WHERE action = 'auth.totp_reset'`);
    expect(audit).toMatchObject({ actor: "admin@example.com", target: user.email });
    expect(JSON.parse(audit!.detail)).toEqual({ via: "console", wasEnabled: true, sessionsEnded: 1 });
  });
});
