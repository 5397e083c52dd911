import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { findUserByEmail, findUserById } from "@/lib/db/users";
import { verifyPassword, DUMMY_HASH } from "@/lib/auth/password";
import { throttleKeys, secondsUntilAllowed, recordFailure, clearFailures } from "@/lib/auth/throttle";
import { recordAudit } from "@/lib/db/audit";
import { authSecret } from "@/lib/auth/secret";
import { currentSignInPolicy, mayUsePassword } from "@/lib/auth/sign-in-policy";

export const GENERIC_LOGIN_ERROR = "Wrong email or password.";
export const LOCAL_PASSWORDS_OFF = "Sign-in with a password is turned off; use single sign-on.";

function clientAddress(headers: Record<string, unknown> | undefined): string | null {
  const h = headers ?? {};
  const fwd = (h["x-forwarded-for"] ?? h["X-Forwarded-For"]) as string | undefined;
  if (fwd) return fwd.split(",")[0].trim();
  const real = h["x-real-ip"] as string | undefined;
  return real ?? null;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const email = String(credentials?.email ?? "").trim().toLowerCase();
          const password = String(credentials?.password ?? "");
          if (!email || !password) throw new Error(GENERIC_LOGIN_ERROR);
          const address = clientAddress(req?.headers as Record<string, unknown> | undefined);
          const keys = throttleKeys(email, address);
          const wait = await secondsUntilAllowed(keys);
          if (wait > 0) {
            throw new Error(`Too many failed sign-ins. Wait ${wait} seconds and try again.`);
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
          if (!mayUsePassword(await currentSignInPolicy(), user)) {
            await recordAudit("auth.signin_refused", user.email, address ?? undefined, { method: "password", reason: "local passwords are off" });
            throw new Error(LOCAL_PASSWORDS_OFF);
          }
          await recordAudit("auth.signin", user.email, address ?? undefined, { method: "password" });
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) token.uid = user.id;
        return token;
      },
      async session({ session, token }) {
        // Role and name come from the database on every request (see lib/auth/session.ts);
        // the session only carries who signed in.
        const u = token.uid ? await findUserById(String(token.uid)) : null;
        (session as typeof session & { uid?: string }).uid = u?.id;
        if (session.user) {
          session.user.name = u?.name ?? session.user.name;
          session.user.email = u?.email ?? session.user.email;
        }
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.email) await recordAudit("auth.signout", String(token.email));
      },
    },
  };
}
