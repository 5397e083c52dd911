import "server-only";
// The only way console pages, server actions and route handlers learn who is calling.
// Each of them calls one of these itself; the proxy and layouts only redirect.
// A user with a temporary password (mustChangePassword) reaches nothing but the change-password
// page and its action: every helper here refuses them unless the caller opts in. The same holds
// for a sign-in that still owes a two-factor code (stage "second-factor": only the code page) or
// an enrolment the policy requires (stage "enrol": only the enrolment page).
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect, forbidden, unauthorized } from "next/navigation";
import { authOptions, type ValidatedSession } from "@/lib/auth/options";
import type { SessionStage } from "@/lib/auth/sessions";
import { toUserView, type UserView } from "@/lib/auth/users";
import { AppError, type ActionFailure } from "@/lib/errors";
import type { Role } from "@/lib/validations/user";
import { logger } from "@/lib/log";

export type SessionUser = UserView & { sessionId: string; sessionStage: SessionStage; sessionMethod: string };
export type PendingStage = Exclude<SessionStage, "active">;

/** Where a sign-in that owes a two-factor code goes; the only page it may open. */
export const SECOND_FACTOR_PATH = "/login/two-factor";
/** Where a user the policy requires to enrol goes; the only page they may open. */
export const ENROL_PATH = "/login/two-factor/setup";
const STAGE_PATH: Record<PendingStage, string> = { "second-factor": SECOND_FACTOR_PATH, enrol: ENROL_PATH };

/** Where a user with a temporary password is sent; the only page they may open. */
export const CHANGE_PASSWORD_PATH = "/change-password";

async function readSession(): Promise<SessionUser | null> {
  let valid: ValidatedSession | null = null;
  await getServerSession(authOptions({ onSession: (s) => (valid = s) }));
  const v = valid as ValidatedSession | null;
  if (!v) return null;
  return { ...toUserView(v.user), sessionId: v.session.id, sessionStage: v.session.stage, sessionMethod: v.session.method };
}

/**
 * The signed-in user of this request, re-read from the database through their server-side
 * session (a removed user, ended session or changed role applies at once). Includes users who
 * still must change their temporary password — use the helpers below unless you handle that.
 */
export const signedInUser = cache(readSession);

/** The signed-in user, or null — also null while they must change a temporary password or finish a second factor. */
export async function currentUser(): Promise<SessionUser | null> {
  const user = await signedInUser();
  return user && !user.mustChangePassword && user.sessionStage === "active" ? user : null;
}

/** For API route handlers and server actions: throws AppError 401/403. */
export async function requireRole(role?: Role): Promise<SessionUser> {
  const user = await signedInUser();
  if (!user) throw new AppError("unauthenticated", "Sign in first.");
  if (user.sessionStage !== "active") throw new AppError("forbidden", "Finish signing in first (two-factor code).");
  if (user.mustChangePassword) throw new AppError("forbidden", "Change your temporary password first.");
  if (role === "admin" && user.role !== "admin") throw new AppError("forbidden", "Only admins may do this.");
  return user;
}

/** For pages: redirects to /login without a session (or to the change-password page), 403 without the role. */
export async function requirePageRole(role?: Role, opts: { allowPasswordChange?: boolean; allowStage?: PendingStage } = {}): Promise<SessionUser> {
  const user = await signedInUser();
  if (!user) redirect("/login");
  if (user.sessionStage !== "active" && user.sessionStage !== opts.allowStage) redirect(STAGE_PATH[user.sessionStage]);
  if (user.mustChangePassword && !opts.allowPasswordChange) redirect(CHANGE_PASSWORD_PATH);
  if (role === "admin" && user.role !== "admin") forbidden();
  return user;
}

/**
 * Wraps a server action: checks the session and role, maps AppError to an ActionResult, and never
 * leaks internals. Every server action in app/ goes through this. Only actions created with
 * `allowPasswordChange` run for a user who must still change a temporary password.
 */
export function action<Args extends unknown[], R extends { ok: boolean }>(
  role: Role | "any",
  fn: (user: SessionUser, ...args: Args) => Promise<R>,
  opts: { allowPasswordChange?: boolean; allowStage?: PendingStage } = {},
): (...args: Args) => Promise<R | ActionFailure> {
  return async (...args: Args) => {
    // Without a session or the role, the request itself fails with 401 / 403 (Next's auth
    // interrupts), so no caller can mistake it for an ordinary validation result.
    const user = await signedInUser();
    if (!user) unauthorized();
    if (user.sessionStage !== "active" && user.sessionStage !== opts.allowStage) forbidden();
    if (user.mustChangePassword && !opts.allowPasswordChange) forbidden();
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
