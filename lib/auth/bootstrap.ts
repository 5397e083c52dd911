import "server-only";
import { env } from "@/lib/env";
import { countUsers, createFirstAdmin } from "@/lib/auth/users";
import { passwordProblem } from "@/lib/validations/password";

/** Creates the first admin from HERALD_ADMIN_EMAIL / HERALD_ADMIN_PASSWORD when no user exists. */
export async function ensureBootstrapAdmin(): Promise<"created" | "exists" | "not-configured"> {
  const { HERALD_ADMIN_EMAIL: email, HERALD_ADMIN_PASSWORD: password } = env();
  if (!email || !password) return "not-configured";
  if ((await countUsers()) > 0) return "exists";
  // The same password policy as the setup page: a weak bootstrap password stops start-up.
  const [name = email] = email.split("@");
  const problem = await passwordProblem(password, { email, name });
  if (problem) throw new Error(`HERALD_ADMIN_PASSWORD is refused: ${problem}`);
  const user = await createFirstAdmin({ email, name, password }, { via: "HERALD_ADMIN_EMAIL", actor: "environment" });
  return user ? "created" : "exists";
}
