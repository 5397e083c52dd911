import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { findUserByEmail } from "@/lib/auth/users";
import { verifyPassword, DUMMY_HASH } from "@/lib/auth/password";
import { throttleKeys, secondsUntilAllowed, recordFailure, clearFailures } from "@/lib/auth/throttle";
import { clientAddress, trustedProxies } from "@/lib/auth/client-address";
import { createSession, validateSession, endSessionById, pruneSessions } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/db/audit";
import { authSecret } from "@/lib/auth/secret";
import { currentSignInPolicy, mayUsePassword, totpRequiredFor } from "@/lib/auth/sign-in-policy";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { VALIDATION, fill } from "@/lib/validations/messages";

// The sign-in refusals reach the login form as next-auth's error text (and the ?error= of its
// JSON answer), which is the English of VALIDATION; the form maps it back to its key
// (localizeError) and shows it in the reader's language. One table, so the two cannot drift.
export const GENERIC_LOGIN_ERROR = VALIDATION.wrongPassword;
export const LOCAL_PASSWORDS_OFF = VALIDATION.passwordsOff;
export const tooManySignIns = (seconds: number) => fill(VALIDATION.tooManySignIns, { seconds });

export type ValidatedSession = NonNullable<Awaited<ReturnType<typeof validateSession>>>;

/** Thrown in the jwt callback when the cookie's session no longer exists; next-auth then clears the cookie. */
class SessionEnded extends Error {
  constructor() {
    super("session ended");
  }
}

function headerGetter(headers: Record<string, unknown> | undefined) {
  const h = headers ?? {};
  return (name: string) => {
    const v = h[name] ?? h[name.toLowerCase()];
    return Array.isArray(v) ? String(v[0]) : typeof v === "string" ? v : null;
  };
}

/** The address of a request to next-auth's handler, as the throttle and the session list see it. */
export function requestAddress(headers: Record<string, unknown> | undefined): string | null {
  return clientAddress(headerGetter(headers), trustedProxies(env().HERALD_TRUSTED_PROXIES));
}

/**
 * next-auth's options. `onSession` receives the validated session (with its user) of the request
 * being handled, so lib/auth/session.ts learns who is calling from one database read.
 */
export function authOptions(hooks: { onSession?: (s: ValidatedSession) => void } = {}): NextAuthOptions {
  return {
    secret: authSecret(),
    // The cookie may outlive the server-side session; the row decides (idle and absolute limits).
    session: { strategy: "jwt", maxAge: Math.ceil(env().HERALD_SESSION_MAX_HOURS * 3600) },
    pages: { signIn: "/login" },
    logger: {
      error(code, meta) {
        // An ended, expired or forged session cookie is routine, not a server error.
        if (code === "JWT_SESSION_ERROR") return logger().debug({ code }, "auth: session cookie refused");
        logger().error({ code, err: meta instanceof Error ? meta : undefined }, `next-auth: ${code}`);
      },
      warn(code) {
        logger().warn({ code }, `next-auth: ${code}`);
      },
      debug() {},
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const email = String(credentials?.email ?? "").trim().toLowerCase();
          const password = String(credentials?.password ?? "");
          if (!email || !password) throw new Error(GENERIC_LOGIN_ERROR);
          const headers = req?.headers as Record<string, unknown> | undefined;
          const address = requestAddress(headers);
          const keys = throttleKeys(email, address);
          const wait = await secondsUntilAllowed(keys);
          if (wait > 0) {
            throw new Error(tooManySignIns(wait));
          }
          const user = await findUserByEmail(email);
          // Users created by single sign-on have no password (""): compare against the dummy.
          const ok = await verifyPassword(password, user?.passwordHash || DUMMY_HASH);
          if (!user || !ok) {
            await recordFailure(keys);
            await recordAudit("auth.signin_failed", email, address ?? undefined);
            throw new Error(GENERIC_LOGIN_ERROR);
          }
          await clearFailures(keys);
          // Checked after the password, so the answer tells nothing to someone who does not know it.
          const policy = await currentSignInPolicy();
          if (!mayUsePassword(policy, user)) {
            await recordAudit("auth.signin_refused", user.email, address ?? undefined, { method: "password", reason: "local passwords are off" });
            throw new Error(LOCAL_PASSWORDS_OFF);
          }
          // A password alone does not finish the sign-in of a user with two-factor codes (the
          // session reaches only the code page), nor of one the policy requires to enrol (only
          // the enrolment page). lib/auth/session.ts enforces the stage on every request.
          const stage = user.totpSecret ? "second-factor" : totpRequiredFor(policy, user.role) ? "enrol" : "active";
          const sid = await createSession({ userId: user.id, address, userAgent: headerGetter(headers)("user-agent"), method: "password", stage });
          // Sessions nobody came back to are only found by age; a sign-in is a good moment to drop them.
          await pruneSessions();
          if (stage === "second-factor") await recordAudit("auth.password_ok", user.email, address ?? undefined, { awaiting: "two-factor code" });
          else await recordAudit("auth.signin", user.email, address ?? undefined, { method: "password", ...(stage === "enrol" ? { then: "two-factor enrolment required" } : {}) });
          return { id: user.id, email: user.email, name: user.name, sid };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        // The cookie carries the session id only; who and what role is read from the database.
        if (user) return { sid: (user as { sid?: string }).sid, sub: user.id };
        const valid = typeof token.sid === "string" ? await validateSession(token.sid) : null;
        if (!valid) throw new SessionEnded();
        hooks.onSession?.(valid);
        return token;
      },
      async session({ session }) {
        // Nothing but a name for next-auth's client; role and the rest come from lib/auth/session.ts.
        return { expires: session.expires, user: { name: session.user?.name ?? null, email: session.user?.email ?? null } };
      },
    },
    events: {
      async signOut({ token }) {
        const sid = typeof token?.sid === "string" ? token.sid : null;
        if (!sid) return;
        const ended = await endSessionById(sid);
        if (ended) await recordAudit("auth.signout", ended.email);
      },
    },
  };
}
