import "server-only";
// Two-factor codes (TOTP, RFC 6238) for local accounts: enrolment with a QR code, confirmation
// with a first code, ten single-use recovery codes (stored as SHA-256), and verification that
// accepts each code once: the last accepted time step is kept per user, and a code is accepted
// only for a later step, claimed with a conditional update so two requests cannot both use it.
import crypto from "node:crypto";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { db } from "@/lib/db/client";
import { consistentTx } from "@/lib/db/tx";
import { AppError } from "@/lib/errors";
import { openSecret, sealSecret } from "@/lib/config/secret-box";
import { secretsKey } from "@/lib/config/secrets-key";

export const TOTP_ISSUER = "Herald";
export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted on either side of now: a phone clock 30 s off still works. */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

const sealContext = (userId: string) => `user#${userId}#totp`;

function totpFor(secretBase32: string, label = "user"): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: "SHA1", // what every authenticator app supports
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/**
 * The time step a code belongs to, or null when it matches none within the window. Pure: the
 * caller decides whether the step was already used.
 */
export function matchingStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const totp = totpFor(secretBase32);
  const delta = totp.validate({ token, timestamp: now, window: TOTP_WINDOW });
  if (delta === null) return null;
  return totp.counter({ timestamp: now }) + delta;
}

/** Recovery codes as shown: ten groups "abcde-fghij" of a base32 alphabet without look-alikes. */
export function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = crypto.randomBytes(10);
    const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Spaces, dashes and case do not matter when a recovery code is typed. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, "");
}

export function hashRecoveryCode(code: string): string {
  return crypto.createHash("sha256").update(normalizeRecoveryCode(code)).digest("hex");
}

function openUserSecret(userId: string, sealed: string): string {
  return openSecret(sealed, secretsKey(), sealContext(userId));
}

export interface Enrolment {
  /** The secret in base32, for typing into an app that cannot scan. */
  secret: string;
  /** otpauth://totp/… URI, what the QR code holds. */
  uri: string;
  /** The QR code as an SVG document. */
  qrSvg: string;
}

/** Starts (or restarts) enrolment: a new secret, kept sealed as pending until a code confirms it. */
export async function startTotpEnrolment(userId: string): Promise<Enrolment> {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError("not_found", "User not found");
  if (user.totpSecret) throw new AppError("conflict", "Two-factor codes are already set up for this account.");
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await db().user.update({ where: { id: userId }, data: { totpPendingSecret: sealSecret(secret, secretsKey(), sealContext(userId)) } });
  return enrolmentView(secret, user.email);
}

/** The enrolment in progress (the page shows it again after a reload), or null. */
export async function pendingTotpEnrolment(userId: string): Promise<Enrolment | null> {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user?.totpPendingSecret || user.totpSecret) return null;
  return enrolmentView(openUserSecret(userId, user.totpPendingSecret), user.email);
}

async function enrolmentView(secret: string, email: string): Promise<Enrolment> {
  const uri = totpFor(secret, email).toString();
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret, uri, qrSvg };
}

/**
 * Confirms enrolment with a first code from the app. Returns the ten recovery codes — the only
 * time they exist in clear.
 */
export async function confirmTotpEnrolment(userId: string, code: string, now = Date.now()): Promise<string[]> {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError("not_found", "User not found");
  if (user.totpSecret) throw new AppError("conflict", "Two-factor codes are already set up for this account.");
  if (!user.totpPendingSecret) throw new AppError("validation", "Start the set-up first.", { code: ["Start the set-up first."] });
  const secret = openUserSecret(userId, user.totpPendingSecret);
  const step = matchingStep(secret, code, now);
  if (step === null) {
    throw new AppError("validation", "That code is not right. Check the app's clock and type the current 6-digit code.", {
      code: ["That code is not right. Type the current 6-digit code from the app."],
    });
  }
  const codes = newRecoveryCodes();
  await consistentTx(async (tx) => {
    const claimed = await tx.user.updateMany({
      where: { id: userId, totpSecret: null, totpPendingSecret: user.totpPendingSecret },
      data: {
        totpSecret: sealSecret(secret, secretsKey(), sealContext(userId)),
        totpPendingSecret: null,
        totpEnabledAt: new Date(now),
        totpLastStep: step,
      },
    });
    if (claimed.count !== 1) throw new AppError("conflict", "The set-up changed meanwhile; start again.");
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, hash: hashRecoveryCode(c) })) });
    await tx.auditEvent.create({ data: { action: "auth.totp_enrol", actor: user.email, target: user.email, detail: null } });
  });
  return codes;
}

export type SecondFactorResult = { ok: true; method: "totp" | "recovery"; recoveryCodesLeft?: number } | { ok: false };

/**
 * Checks a code given at sign-in: a current TOTP code not used before, or an unused recovery code
 * (which is then spent). Throttling and auditing are the caller's (lib/auth/second-factor.ts).
 */
export async function verifySecondFactor(userId: string, input: string, now = Date.now()): Promise<SecondFactorResult> {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user?.totpSecret) return { ok: false };
  const compact = input.replace(/\s+/g, "");
  if (/^\d{6}$/.test(compact)) {
    const step = matchingStep(openUserSecret(userId, user.totpSecret), compact, now);
    if (step === null) return { ok: false };
    // Claim the step: only a step after the last accepted one, and only one request wins.
    const claimed = await db().user.updateMany({
      where: { id: userId, totpSecret: user.totpSecret, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return claimed.count === 1 ? { ok: true, method: "totp" } : { ok: false };
  }
  const normalized = normalizeRecoveryCode(input);
  if (!/^[a-z0-9]{10}$/.test(normalized)) return { ok: false };
  const hash = hashRecoveryCode(normalized);
  const spent = await db().recoveryCode.updateMany({ where: { userId, hash, usedAt: null }, data: { usedAt: new Date(now) } });
  if (spent.count !== 1) return { ok: false };
  const left = await db().recoveryCode.count({ where: { userId, usedAt: null } });
  return { ok: true, method: "recovery", recoveryCodesLeft: left };
}

export interface TotpStatus {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
}

export async function totpStatus(userId: string): Promise<TotpStatus> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
  const left = await db().recoveryCode.count({ where: { userId, usedAt: null } });
  return { enabled: !!user?.totpSecret, enabledAt: user?.totpEnabledAt?.toISOString() ?? null, recoveryCodesLeft: user?.totpSecret ? left : 0 };
}

/**
 * Removes a user's enrolment and recovery codes (admin reset, CLI), and ends every session of
 * the user in the same transaction (whoever held a lost phone loses what it gave). Audited.
 */
export async function resetTotp(userId: string, actor: string, via: "console" | "cli"): Promise<{ email: string; wasEnabled: boolean; sessionsEnded: number }> {
  return consistentTx(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError("not_found", "User not found");
    await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    const ended = await tx.session.deleteMany({ where: { userId } });
    await tx.auditEvent.create({
      data: { action: "auth.totp_reset", actor, target: user.email, detail: JSON.stringify({ via, wasEnabled: !!user.totpSecret, sessionsEnded: ended.count }) },
    });
    return { email: user.email, wasEnabled: !!user.totpSecret, sessionsEnded: ended.count };
  });
}

