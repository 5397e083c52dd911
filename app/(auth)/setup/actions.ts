"use server";
import { setupSchema, type SetupInput } from "@/lib/validations/user";
import { createFirstAdmin } from "@/lib/auth/users";
import { fieldErrors, type ActionResult } from "@/lib/errors";

// Public by design, but only while no user exists: createFirstAdmin checks that in a transaction.
// The one action without action(): there is no session or role to check before the first user.
export async function createFirstAdminAction(input: SetupInput): Promise<ActionResult> {
  const parsed = await setupSchema.safeParseAsync(input);
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrors(parsed.error, { top: true }) };
  }
  const user = await createFirstAdmin(parsed.data, { via: "setup" });
  if (!user) return { ok: false, message: "Herald is already set up. Sign in instead." };
  return { ok: true };
}
