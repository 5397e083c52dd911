import "server-only";
// The second step of a password sign-in: the code page's check (throttled like passwords, every
// outcome audited) and the enrolment that the policy can require right after sign-in. Both end by
// turning the pending session into an active one.
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/db/audit";
import { throttleKeys, secondsUntilAllowed, recordFailure, clearFailures } from "@/lib/auth/throttle";
import { activateSession } from "@/lib/auth/sessions";
import { callerAddress } from "@/lib/auth/caller-address";
import { confirmTotpEnrolment, verifySecondFactor } from "@/lib/auth/totp";
import type { SessionUser } from "@/lib/auth/session";

export const WRONG_CODE = "That code is not right, or it was already used. Type the current code from your app, or a recovery code.";

/** Checks the code of a sign-in in stage "second-factor"; on success the session becomes active. */
export async function completeSecondFactor(me: SessionUser, code: string): Promise<{ recoveryCodesLeft?: number }> {
  if (me.sessionStage !== "second-factor") throw new AppError("conflict", "This sign-in does not wait for a code.");
  const trimmed = typeof code === "string" ? code.trim() : "";
  if (!trimmed || trimmed.length > 40) throw new AppError("validation", "Type the 6-digit code from your app.", { code: ["Type the 6-digit code from your app."] });
  const address = await callerAddress();
  // The same keys as the password: guessing codes is slowed down per account and per address.
  const keys = throttleKeys(me.email, address);
  const wait = await secondsUntilAllowed(keys);
  if (wait > 0) throw new AppError("rate_limited", `Too many wrong codes. Wait ${wait} seconds and try again.`, undefined, wait);
  const r = await verifySecondFactor(me.id, trimmed);
  if (!r.ok) {
    await recordFailure(keys);
    await recordAudit("auth.totp_failed", me.email, address);
    throw new AppError("validation", WRONG_CODE, { code: [WRONG_CODE] });
  }
  await clearFailures(keys);
  const method = r.method === "totp" ? "password+totp" : "password+recovery";
  if (!(await activateSession(me.sessionId, "second-factor", method))) throw new AppError("conflict", "This sign-in has ended; sign in again.");
  await recordAudit("auth.signin", me.email, address, { method, ...(r.method === "recovery" ? { recoveryCodesLeft: r.recoveryCodesLeft } : {}) });
  return { recoveryCodesLeft: r.recoveryCodesLeft };
}

/** Confirms enrolment; a sign-in held in stage "enrol" by the policy becomes active. */
export async function confirmEnrolment(me: SessionUser, code: string): Promise<string[]> {
  if (typeof code !== "string" || code.length > 40) throw new AppError("validation", "Type the 6-digit code from your app.", { code: ["Type the 6-digit code from your app."] });
  const address = await callerAddress();
  const keys = throttleKeys(me.email, address);
  const wait = await secondsUntilAllowed(keys);
  if (wait > 0) throw new AppError("rate_limited", `Too many wrong codes. Wait ${wait} seconds and try again.`, undefined, wait);
  let codes: string[];
  try {
    codes = await confirmTotpEnrolment(me.id, code);
  } catch (e) {
    if (e instanceof AppError && e.code === "validation") await recordFailure(keys);
    throw e;
  }
  if (me.sessionStage === "enrol") await activateSession(me.sessionId, "enrol", "password+totp");
  return codes;
}
