"use server";
// Two-factor codes: the code after the password, and enrolment (voluntary on the account page, or
// required by the policy right after sign-in). Each action names the pending stage it may serve.
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { AppError } from "@/lib/errors";
import { completeSecondFactor, confirmEnrolment } from "@/lib/auth/second-factor";
import { startTotpEnrolment } from "@/lib/auth/totp";

// Its length and format are judged where the code is checked.
const oneCode = z.tuple([z.string()]);
const codeInvalid = () => new AppError("validation", CODE_HINT, { code: [CODE_HINT] });
const CODE_HINT = "Type the 6-digit code from your app.";

export const verifyCodeAction = action(
  "any",
  oneCode,
  async (me, [code]) => {
    const r = await completeSecondFactor(me, code);
    return { ok: true as const, recoveryCodesLeft: r.recoveryCodesLeft ?? null };
  },
  { allowStage: "second-factor", allowPasswordChange: true, invalid: codeInvalid },
);

export const startEnrolmentAction = action(
  "any",
  z.tuple([]),
  async (me) => {
    const e = await startTotpEnrolment(me.id);
    return { ok: true as const, enrolment: e };
  },
  { allowStage: "enrol" },
);

export const confirmEnrolmentAction = action(
  "any",
  oneCode,
  async (me, [code]) => {
    const recoveryCodes = await confirmEnrolment(me, code);
    return { ok: true as const, recoveryCodes };
  },
  { allowStage: "enrol", invalid: codeInvalid },
);
