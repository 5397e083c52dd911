import "server-only";
import crypto from "node:crypto";
import { consistentTx } from "@/lib/db/tx";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/validations/user";

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  language: string;
  mustChangePassword: boolean;
  createdAt: string;
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

export async function createUser(input: {
  email: string;
  name: string;
  password: string;
  role: Role;
  language?: string;
  mustChangePassword?: boolean;
}): Promise<UserView> {
  const email = input.email.trim().toLowerCase();
  if (await findUserByEmail(email)) throw new AppError("conflict", "A user with this email already exists", { email: ["A user with this email already exists"] });
  const row = await db().user.create({
    data: {
      id: crypto.randomUUID(),
      email,
      name: input.name.trim(),
      passwordHash: await hashPassword(input.password),
      role: input.role,
      language: input.language ?? "en",
      mustChangePassword: input.mustChangePassword ?? false,
    },
  });
  return toUserView(row);
}

/**
 * Creates the first admin only while no user exists. The check and the insert run in one
 * transaction so two visitors of /setup cannot both become admin.
 */
export async function createFirstAdmin(input: { email: string; name: string; password: string }): Promise<UserView | null> {
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
    return toUserView(row);
  });
}

/** Changes a role; refuses to leave the console without any admin. */
export async function changeUserRole(id: string, role: Role): Promise<UserView> {
  return consistentTx(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw new AppError("not_found", "User not found");
    if (user.role === "admin" && role !== "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1) {
      throw new AppError("conflict", "Herald needs at least one admin; make someone else admin first.");
    }
    return toUserView(await tx.user.update({ where: { id }, data: { role } }));
  });
}

export async function deleteUser(id: string): Promise<UserView> {
  return consistentTx(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw new AppError("not_found", "User not found");
    if (user.role === "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1) {
      throw new AppError("conflict", "Herald needs at least one admin; the last admin cannot be removed.");
    }
    await tx.user.delete({ where: { id } });
    return toUserView(user);
  });
}

export async function setUserPassword(id: string, password: string, mustChange = false) {
  await db().user.update({ where: { id }, data: { passwordHash: await hashPassword(password), mustChangePassword: mustChange } });
}
