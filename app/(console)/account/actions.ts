"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/session";
import { changePasswordSchema, idSchema, type ChangePasswordInput } from "@/lib/validations/user";
import { changeOwnPassword } from "@/lib/db/users";
import { endSession, endUserSessions } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";

// The one action a user with a temporary password may run (allowPasswordChange).
export const changePasswordAction = action(
  "any",
  async (me, input: ChangePasswordInput) => {
    const given = input && typeof input === "object" ? input : ({} as ChangePasswordInput);
    // The policy checks against the account's own email and name, never what the browser sent.
    const parsed = await changePasswordSchema.safeParseAsync({ ...given, email: me.email, name: me.name });
    if (!parsed.success) throw new AppError("validation", "Check the highlighted fields.", parsed.error.flatten().fieldErrors as Record<string, string[]>);
    const { sessionsEnded } = await changeOwnPassword(me.id, parsed.data.current, parsed.data.password, me.sessionId);
    revalidatePath("/account");
    return { ok: true as const, data: { sessionsEnded } };
  },
  { allowPasswordChange: true },
);

export const endSessionAction = action("any", async (me, id: string) => {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) throw new AppError("validation", "No session given.");
  if (parsed.data === me.sessionId) throw new AppError("validation", "This is the session you are using; sign out instead.");
  if (!(await endSession(me.id, parsed.data))) throw new AppError("not_found", "That session has already ended.");
  revalidatePath("/account");
  return { ok: true as const };
});

export const endOtherSessionsAction = action("any", async (me) => {
  const count = await endUserSessions(me.id, { actor: me.email, keep: me.sessionId });
  revalidatePath("/account");
  return { ok: true as const, data: { count } };
});
