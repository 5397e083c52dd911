import "server-only";
// The only way console pages, server actions and route handlers learn who is calling.
// Each of them calls one of these itself; the proxy and layouts only redirect.
import { getServerSession } from "next-auth";
import { redirect, forbidden, unauthorized } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { findUserById, toUserView, type UserView } from "@/lib/db/users";
import { AppError, type ActionFailure } from "@/lib/errors";
import type { Role } from "@/lib/validations/user";
import { logger } from "@/lib/log";

export type SessionUser = UserView;

/** The signed-in user, re-read from the database (a removed user or changed role applies at once). */
export async function currentUser(): Promise<SessionUser | null> {
  const session = (await getServerSession(authOptions())) as { uid?: string } | null;
  if (!session?.uid) return null;
  const row = await findUserById(session.uid);
  return row ? toUserView(row) : null;
}

/** For API route handlers and server actions: throws AppError 401/403. */
export async function requireRole(role?: Role): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthenticated", "Sign in first.");
  if (role === "admin" && user.role !== "admin") throw new AppError("forbidden", "Only admins may do this.");
  return user;
}

/** For pages: redirects to /login without a session, renders the 403 page without the role. */
export async function requirePageRole(role?: Role): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (role === "admin" && user.role !== "admin") forbidden();
  return user;
}

/**
 * Wraps a server action: checks the session and role, maps AppError to an ActionResult, and never
 * leaks internals. Every server action in app/ goes through this.
 */
export function action<Args extends unknown[], R extends { ok: boolean }>(
  role: Role | "any",
  fn: (user: SessionUser, ...args: Args) => Promise<R>,
): (...args: Args) => Promise<R | ActionFailure> {
  return async (...args: Args) => {
    // Without a session or the role, the request itself fails with 401 / 403 (Next's auth
    // interrupts), so no caller can mistake it for an ordinary validation result.
    const user = await currentUser();
    if (!user) unauthorized();
    if (role === "admin" && user.role !== "admin") forbidden();
    try {
      return await fn(user, ...args);
    } catch (e) {
      if (e instanceof AppError) return { ok: false, message: e.message, fieldErrors: e.fields };
      if (isNextControlFlow(e)) throw e;
      logger().error({ err: e, userId: user.id }, "server action failed");
      return { ok: false, message: "Something went wrong on the server." };
    }
  };
}

function isNextControlFlow(e: unknown): boolean {
  const digest = (e as { digest?: unknown })?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK"));
}
