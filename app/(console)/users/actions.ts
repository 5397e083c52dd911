"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { inviteSchema, roleChangeSchema, idSchema } from "@/lib/validations/user";
import { createUser, changeUserRole, deleteUser, resetUserPassword, findUserById } from "@/lib/auth/users";
import { endUserSessions } from "@/lib/auth/sessions";
import { temporaryPassword } from "@/lib/auth/password";
import { resetTotp } from "@/lib/auth/totp";
import { AppError } from "@/lib/errors";
import { VALIDATION as V } from "@/lib/validations/messages";

const userId = z.tuple([idSchema]);
const noUser = { invalid: V.noUser };

export const inviteUserAction = action("admin", z.tuple([inviteSchema]), async (me, [input]) => {
  const password = temporaryPassword();
  const user = await createUser({ ...input, password, mustChangePassword: true }, { actor: me.email });
  revalidatePath("/users");
  // The temporary password is shown once to the inviting admin and never stored in clear.
  return { ok: true as const, data: { email: user.email, password } };
});

export const changeRoleAction = action(
  "admin",
  z.tuple([roleChangeSchema.shape.id, roleChangeSchema.shape.role]),
  async (me, [id, role]) => {
    await changeUserRole(id, role, me.email);
    revalidatePath("/users");
    return { ok: true as const };
  },
  { invalid: V.chooseRole },
);

export const removeUserAction = action(
  "admin",
  z.tuple([z.string().min(1)]),
  async (me, [id]) => {
    if (id === me.id) throw new AppError("conflict", V.removeSelf);
    await deleteUser(id, me.email);
    revalidatePath("/users");
    return { ok: true as const };
  },
  noUser,
);

// A new temporary password, shown once to this admin; the user's sessions end and they must
// choose their own password at the next sign-in.
export const resetPasswordAction = action(
  "admin",
  userId,
  async (me, [id]) => {
    if (id === me.id) throw new AppError("conflict", V.resetOwnPassword);
    const { user, password, sessionsEnded } = await resetUserPassword(id, me.email);
    revalidatePath("/users");
    return { ok: true as const, data: { email: user.email, password, sessionsEnded } };
  },
  noUser,
);

export const endSessionsAction = action(
  "admin",
  userId,
  async (me, [id]) => {
    if (id === me.id) throw new AppError("conflict", V.endOwnSessions);
    const user = await findUserById(id);
    if (!user) throw new AppError("not_found", V.userNotFound);
    const count = await endUserSessions(user.id, { actor: me.email });
    return { ok: true as const, data: { email: user.email, count } };
  },
  noUser,
);

// Removes the user's two-factor enrolment (lost phone): audited, and their sessions end; they set
// it up again after their next password sign-in (at once, when the policy requires it).
export const resetTwoFactorAction = action(
  "admin",
  userId,
  async (me, [id]) => {
    if (id === me.id) throw new AppError("conflict", V.resetOwnTwoFactor);
    const r = await resetTotp(id, me.email, "console");
    revalidatePath("/users");
    return { ok: true as const, data: { email: r.email, sessionsEnded: r.sessionsEnded } };
  },
  noUser,
);
