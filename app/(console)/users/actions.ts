"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/session";
import { inviteSchema, roleChangeSchema, idSchema, type InviteInput } from "@/lib/validations/user";
import { createUser, changeUserRole, deleteUser, resetUserPassword, findUserById } from "@/lib/db/users";
import { endUserSessions } from "@/lib/auth/sessions";
import { temporaryPassword } from "@/lib/auth/password";
import { resetTotp } from "@/lib/auth/totp";
import { AppError } from "@/lib/errors";

export const inviteUserAction = action("admin", async (me, input: InviteInput) => {
  const parsed = inviteSchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", "Check the highlighted fields.", parsed.error.flatten().fieldErrors as Record<string, string[]>);
  const password = temporaryPassword();
  const user = await createUser({ ...parsed.data, password, mustChangePassword: true }, { actor: me.email });
  revalidatePath("/users");
  // The temporary password is shown once to the inviting admin and never stored in clear.
  return { ok: true as const, data: { email: user.email, password } };
});

export const changeRoleAction = action("admin", async (me, id: string, role: string) => {
  const parsed = roleChangeSchema.safeParse({ id, role });
  if (!parsed.success) throw new AppError("validation", "Choose admin or author.");
  await changeUserRole(parsed.data.id, parsed.data.role, me.email);
  revalidatePath("/users");
  return { ok: true as const };
});

export const removeUserAction = action("admin", async (me, id: string) => {
  if (typeof id !== "string" || !id) throw new AppError("validation", "No user given.");
  if (id === me.id) throw new AppError("conflict", "You cannot remove yourself.");
  await deleteUser(id, me.email);
  revalidatePath("/users");
  return { ok: true as const };
});

// A new temporary password, shown once to this admin; the user's sessions end and they must
// choose their own password at the next sign-in.
export const resetPasswordAction = action("admin", async (me, id: string) => {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) throw new AppError("validation", "No user given.");
  if (parsed.data === me.id) throw new AppError("conflict", "Change your own password on your account page.");
  const { user, password, sessionsEnded } = await resetUserPassword(parsed.data, me.email);
  revalidatePath("/users");
  return { ok: true as const, data: { email: user.email, password, sessionsEnded } };
});

export const endSessionsAction = action("admin", async (me, id: string) => {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) throw new AppError("validation", "No user given.");
  if (parsed.data === me.id) throw new AppError("conflict", "End your own sessions on your account page.");
  const user = await findUserById(parsed.data);
  if (!user) throw new AppError("not_found", "User not found");
  const count = await endUserSessions(user.id, { actor: me.email });
  return { ok: true as const, data: { email: user.email, count } };
});

// Removes the user's two-factor enrolment (lost phone): audited, and their sessions end; they set
// it up again after their next password sign-in (at once, when the policy requires it).
export const resetTwoFactorAction = action("admin", async (me, id: string) => {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) throw new AppError("validation", "No user given.");
  if (parsed.data === me.id) throw new AppError("conflict", "Another admin must reset your two-factor codes.");
  const r = await resetTotp(parsed.data, me.email, "console");
  revalidatePath("/users");
  return { ok: true as const, data: { email: r.email, sessionsEnded: r.sessionsEnded } };
});
