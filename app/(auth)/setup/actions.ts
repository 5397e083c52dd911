"use server";
import { setupSchema, type SetupInput } from "@/lib/validations/user";
import { createFirstAdmin } from "@/lib/db/users";
import type { ActionResult } from "@/lib/errors";

// Public by design, but only while no user exists: createFirstAdmin checks that in a transaction.
export async function createFirstAdminAction(input: SetupInput): Promise<ActionResult> {
  const parsed = await setupSchema.safeParseAsync(input);
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: parsed.error.flatten().fieldErrors as Record<string, string[]> };
  }
  const user = await createFirstAdmin(parsed.data, { via: "setup" });
  if (!user) return { ok: false, message: "Herald is already set up. Sign in instead." };
  return { ok: true };
}
