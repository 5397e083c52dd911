"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { changePasswordSchema, idSchema } from "@/lib/validations/user";
import { changeOwnPassword } from "@/lib/auth/users";
import { callerAddress } from "@/lib/auth/caller-address";
import { endSession, endUserSessions } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import { preferencesSchema } from "@/lib/i18n/preferences-schema";
import { setUserPreferences } from "@/lib/auth/preferences";

// The one action a user with a temporary password may run (allowPasswordChange).
export const changePasswordAction = action(
  "any",
  // The policy checks against the account's own email and name, never what the browser sent.
  (me) => z.tuple([z.preprocess((given) => ({ ...(given && typeof given === "object" ? given : {}), email: me.email, name: me.name }), changePasswordSchema)]),
  async (me, [input]) => {
    const { sessionsEnded } = await changeOwnPassword(me.id, input.current, input.password, me.sessionId, await callerAddress());
    revalidatePath("/account");
    return { ok: true as const, data: { sessionsEnded } };
  },
  { allowPasswordChange: true },
);

export const endSessionAction = action(
  "any",
  z.tuple([idSchema]),
  async (me, [id]) => {
    if (id === me.sessionId) throw new AppError("validation", "This is the session you are using; sign out instead.");
    if (!(await endSession(me.id, id))) throw new AppError("not_found", "That session has already ended.");
    revalidatePath("/account");
    return { ok: true as const };
  },
  { invalid: "No session given." },
);

export const endOtherSessionsAction = action("any", z.tuple([]), async (me) => {
  const count = await endUserSessions(me.id, { actor: me.email, keep: me.sessionId });
  revalidatePath("/account");
  return { ok: true as const, data: { count } };
});

// The console's language and time zone; the next request renders in them (lib/i18n/request.ts).
export const savePreferencesAction = action("any", z.tuple([preferencesSchema]), async (me, [input]) => {
  await setUserPreferences(me.id, { locale: input.locale, timeZone: input.timeZone || null });
  revalidatePath("/", "layout");
  return { ok: true as const };
});
