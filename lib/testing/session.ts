// A real console session for tests below HTTP: a user, a server-side session row, and the
// next-auth cookie a browser would send for it (encrypted with the instance's own secret).
import { encode } from "next-auth/jwt";
import { createUser } from "@/lib/auth/users";
import { createSession } from "@/lib/auth/sessions";
import { authSecret } from "@/lib/auth/secret";
import type { Role } from "@/lib/validations/user";

export interface TestSession {
  userId: string;
  sessionId: string;
  /** The Cookie header value. */
  cookie: string;
}

export async function signedInAs(role: Role, email = `${role}@example.com`, opts: { stage?: "active" | "second-factor" | "enrol" } = {}): Promise<TestSession> {
  const user = await createUser({ email, name: role, password: "correct-horse-battery", role }, { actor: "test" });
  const sessionId = await createSession({ userId: user.id, method: "password", stage: opts.stage ?? "active" });
  const token = await encode({ token: { sid: sessionId, sub: user.id }, secret: authSecret() });
  return { userId: user.id, sessionId, cookie: `next-auth.session-token=${token}` };
}
