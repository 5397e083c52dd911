import "server-only";
import crypto from "node:crypto";
import { consistentTx } from "@/lib/db/tx";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { VALIDATION as V } from "@/lib/validations/messages";
import { hashPassword, verifyPassword, temporaryPassword } from "@/lib/auth/password";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/validations/user";
import { auditIn, recordAudit, type AuditAction } from "@/lib/db/audit";
import { throttleKeys, secondsUntilAllowed, recordFailure, clearFailures } from "@/lib/auth/throttle";

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  language: string;
  mustChangePassword: boolean;
  createdAt: string;
  /** Two-factor codes are set up (never the secret itself). */
  twoFactor: boolean;
  /** Linked to an account at the single sign-on provider. */
  singleSignOn: boolean;
  /** The console's language and time zone the user chose; null: not chosen (issue 17). */
  locale: string | null;
  timeZone: string | null;
}

type Row = Awaited<ReturnType<ReturnType<typeof db>["user"]["findFirstOrThrow"]>>;

export function toUserView(u: Row): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as Role,
    language: u.language,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt.toISOString(),
    twoFactor: !!u.totpSecret,
    singleSignOn: !!u.oidcSubject,
    locale: u.locale,
    timeZone: u.timeZone,
  };
}

export async function countUsers(): Promise<number> {
  return db().user.count();
}

export async function findUserByEmail(email: string) {
  return db().user.findUnique({ where: { email: email.trim().toLowerCase() } });
}

export async function findUserById(id: string) {
  return db().user.findUnique({ where: { id } });
}

export async function listUsers(): Promise<UserView[]> {
  return (await db().user.findMany({ orderBy: { email: "asc" } })).map(toUserView);
}

/** Creates a user, with the audit row naming who created it (`by.actor`: an email, "cli"). */
export async function createUser(
  input: {
    email: string;
    name: string;
    password: string;
    role: Role;
    language?: string;
    mustChangePassword?: boolean;
  },
  by: { actor: string },
): Promise<UserView> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return consistentTx(async (tx) => {
    if (await tx.user.findUnique({ where: { email } })) throw new AppError("conflict", V.userExists, { email: [V.userExists] });
    const row = await tx.user.create({
      data: {
        id: crypto.randomUUID(),
        email,
        name: input.name.trim(),
        passwordHash,
        role: input.role,
        language: input.language ?? "en",
        mustChangePassword: input.mustChangePassword ?? false,
      },
    });
    await audit(tx, "user.create", by.actor, row.email, { role: row.role });
    return toUserView(row);
  });
}

/**
 * Creates the first admin only while no user exists. The check, the insert and the audit row run
 * in one transaction so two visitors of /setup cannot both become admin. `by.via` says how (the
 * setup page, the environment); `by.actor` defaults to the new admin (who set themselves up).
 */
export async function createFirstAdmin(
  input: { email: string; name: string; password: string },
  by: { via: "setup" | "HERALD_ADMIN_EMAIL"; actor?: string },
): Promise<UserView | null> {
  const passwordHash = await hashPassword(input.password);
  return consistentTx(async (tx) => {
    if ((await tx.user.count()) > 0) return null;
    const row = await tx.user.create({
      data: {
        id: crypto.randomUUID(),
        email: input.email.trim().toLowerCase(),
        name: input.name.trim(),
        passwordHash,
        role: "admin",
      },
    });
    await audit(tx, "user.create", by.actor ?? row.email, row.email, { role: "admin", via: by.via });
    return toUserView(row);
  });
}

/** Changes a role; refuses to leave the console without any admin. */
export async function changeUserRole(id: string, role: Role, actor: string): Promise<UserView> {
  return consistentTx(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw new AppError("not_found", V.userNotFound);
    if (user.role === "admin" && role !== "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1) {
      throw new AppError("conflict", V.lastAdminRole);
    }
    const updated = await tx.user.update({ where: { id }, data: { role } });
    await audit(tx, "user.role", actor, updated.email, { role: updated.role });
    return toUserView(updated);
  });
}

export async function deleteUser(id: string, actor: string): Promise<UserView> {
  return consistentTx(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw new AppError("not_found", V.userNotFound);
    if (user.role === "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1) {
      throw new AppError("conflict", V.lastAdminRemove);
    }
    // Its sessions go with it (the foreign key cascades too); the next request of any of them fails.
    await tx.session.deleteMany({ where: { userId: id } });
    await tx.user.delete({ where: { id } });
    await audit(tx, "user.delete", actor, user.email);
    return toUserView(user);
  });
}

function audit(tx: Prisma.TransactionClient, action: AuditAction, actor: string, target: string, detail?: unknown) {
  return auditIn(tx, { action, actor, target, detail });
}

/**
 * Sets a user's password (already checked against the policy) and ends their sessions — all of
 * them, or all but `keepSessionId` (the caller's own on a self-service change) — with the audit
 * entry in the same transaction.
 */
export async function setUserPassword(
  id: string,
  password: string,
  opts: { mustChange: boolean; keepSessionId?: string; actor: string; action: "user.password" | "user.password_reset"; detail?: unknown },
): Promise<{ user: UserView; sessionsEnded: number }> {
  const passwordHash = await hashPassword(password);
  return consistentTx(async (tx) => {
    const row = await tx.user.findUnique({ where: { id } });
    if (!row) throw new AppError("not_found", V.userNotFound);
    const user = await tx.user.update({ where: { id }, data: { passwordHash, mustChangePassword: opts.mustChange } });
    const ended = await tx.session.deleteMany({ where: opts.keepSessionId ? { userId: id, id: { not: opts.keepSessionId } } : { userId: id } });
    await audit(tx, opts.action, opts.actor, user.email, { ...(opts.detail as object), sessionsEnded: ended.count });
    return { user: toUserView(user), sessionsEnded: ended.count };
  });
}

/**
 * A self-service change: the current password must be right; the caller's own session stays.
 * Wrong current passwords count with the sign-in failures of the account and of the caller's
 * address (lib/auth/throttle.ts): someone holding a stolen session cannot guess the password
 * here faster than at the sign-in page.
 */
export async function changeOwnPassword(id: string, current: string, password: string, keepSessionId: string, address: string | null = null) {
  const row = await findUserById(id);
  if (!row) throw new AppError("not_found", V.userNotFound);
  const keys = throttleKeys(row.email, address);
  const wait = await secondsUntilAllowed(keys);
  if (wait > 0) {
    const message = `Too many wrong passwords. Wait ${wait} seconds and try again.`;
    throw new AppError("rate_limited", message, { current: [message] }, wait);
  }
  if (!(await verifyPassword(current, row.passwordHash))) {
    await recordFailure(keys);
    await recordAudit("user.password_failed", row.email, row.email, address ? { address } : undefined);
    throw new AppError("validation", "The current password is not right.", { current: ["The current password is not right."] });
  }
  await clearFailures(keys);
  return setUserPassword(id, password, { mustChange: false, keepSessionId, actor: row.email, action: "user.password" });
}

/**
 * An admin's (or the CLI's) reset: a new temporary password, shown once to the caller; the user
 * must change it at the next sign-in, and every session of theirs ends now.
 */
export async function resetUserPassword(id: string, actor: string) {
  const password = temporaryPassword();
  const { user, sessionsEnded } = await setUserPassword(id, password, { mustChange: true, actor, action: "user.password_reset" });
  return { user, password, sessionsEnded };
}
