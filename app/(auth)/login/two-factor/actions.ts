"use server";
// Two-factor codes: the code after the password, and enrolment (voluntary on the account page, or
// required by the policy right after sign-in). Each action names the pending stage it may serve.
import { action } from "@/lib/auth/session";
import { completeSecondFactor, confirmEnrolment } from "@/lib/auth/second-factor";
import { startTotpEnrolment } from "@/lib/auth/totp";

export const verifyCodeAction = action(
  "any",
  async (me, code: string) => {
    const r = await completeSecondFactor(me, code);
    return { ok: true as const, recoveryCodesLeft: r.recoveryCodesLeft ?? null };
  },
  { allowStage: "second-factor", allowPasswordChange: true },
);

export const startEnrolmentAction = action(
  "any",
  async (me) => {
    const e = await startTotpEnrolment(me.id);
    return { ok: true as const, enrolment: e };
  },
  { allowStage: "enrol" },
);

export const confirmEnrolmentAction = action(
  "any",
  async (me, code: string) => {
    const recoveryCodes = await confirmEnrolment(me, code);
    return { ok: true as const, recoveryCodes };
  },
  { allowStage: "enrol" },
);
