import "server-only";
// The only way console pages, server actions and route handlers learn who is calling.
// Each of them calls one of these itself; the proxy and layouts only redirect.
// A user with a temporary password (mustChangePassword) reaches nothing but the change-password
// page and its action: every helper here refuses them unless the caller opts in. The same holds
// for a sign-in that still owes a two-factor code (stage "second-factor": only the code page) or
// an enrolment the policy requires (stage "enrol": only the enrolment page).
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect, forbidden } from "next/navigation";
import { authOptions, type ValidatedSession } from "@/lib/auth/options";
import { validateSession, type SessionStage } from "@/lib/auth/sessions";
import { decode } from "next-auth/jwt";
import { authSecret } from "@/lib/auth/secret";
import { toUserView, type UserView } from "@/lib/auth/users";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/validations/user";

export type SessionUser = UserView & { sessionId: string; sessionStage: SessionStage; sessionMethod: string };
export type PendingStage = Exclude<SessionStage, "active">;

/** Where a sign-in that owes a two-factor code goes; the only page it may open. */
export const SECOND_FACTOR_PATH = "/login/two-factor";
/** Where a user the policy requires to enrol goes; the only page they may open. */
export const ENROL_PATH = "/login/two-factor/setup";
const STAGE_PATH: Record<PendingStage, string> = { "second-factor": SECOND_FACTOR_PATH, enrol: ENROL_PATH };

/** Where a user with a temporary password is sent; the only page they may open. */
export const CHANGE_PASSWORD_PATH = "/change-password";

function toSessionUser(v: ValidatedSession): SessionUser {
  return { ...toUserView(v.user), sessionId: v.session.id, sessionStage: v.session.stage, sessionMethod: v.session.method };
}

async function readSession(): Promise<SessionUser | null> {
  let valid: ValidatedSession | null = null;
  await getServerSession(authOptions({ onSession: (s) => (valid = s) }));
  const v = valid as ValidatedSession | null;
  return v ? toSessionUser(v) : null;
}

// next-auth's session cookie: "__Secure-" when the console is served over https. Split into
// ".0", ".1"… chunks only past 4 KB, which Herald's token (a session id) never reaches.
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function cookieValue(header: string | null, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * The signed-in user of a route handler's request, read from its own cookie header: the same
 * cookie and the same server-side session check as signedInUser(), without Next's request
 * storage, so the API wrapper works (and is tested) the same in and outside Next.
 */
export async function sessionUserFromRequest(req: Request): Promise<SessionUser | null> {
  const cookies = req.headers.get("cookie");
  for (const name of SESSION_COOKIES) {
    const token = cookieValue(cookies, name);
    if (!token) continue;
    const payload = await decode({ token, secret: authSecret() }).catch(() => null);
    const valid = typeof payload?.sid === "string" ? await validateSession(payload.sid) : null;
    return valid ? toSessionUser(valid) : null;
  }
  return null;
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
  return checkRole(await signedInUser(), role);
}

/** requireRole's checks on a user already read (route handlers read theirs from the request). */
export function checkRole(user: SessionUser | null, role?: Role): SessionUser {
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
