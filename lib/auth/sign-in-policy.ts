import "server-only";
// The sign-in policy in force: whether a local password may be used (single sign-on can turn
// them off for everyone but the break-glass admins named in HERALD_BREAK_GLASS_ADMINS), and who
// must give a two-factor code after their password.
import { env } from "@/lib/env";
import { storedValues } from "@/lib/config/store";
import { withDefaults } from "@/lib/config/define";
import { signInPolicy, type TotpPolicy } from "@/lib/config/services/sign-in-policy";

export interface SignInPolicy {
  localPasswords: boolean;
  totpRequired: TotpPolicy;
}

export async function currentSignInPolicy(): Promise<SignInPolicy> {
  const v = withDefaults(signInPolicy, await storedValues(signInPolicy.pid));
  const t = v["totp.required"];
  return { localPasswords: v["local.passwords"] !== false, totpRequired: t === "admins" || t === "everyone" ? t : "off" };
}

/** The operator's break-glass admins (lower-case emails), from the environment only. */
export function breakGlassAdmins(): string[] {
  return (env().HERALD_BREAK_GLASS_ADMINS ?? "")
    .split(",")
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
}

/** Whether this user may sign in with a local password under the policy. */
export function mayUsePassword(policy: SignInPolicy, user: { email: string; role: string }): boolean {
  if (policy.localPasswords) return true;
  return user.role === "admin" && breakGlassAdmins().includes(user.email.toLowerCase());
}

/** Whether the policy requires a two-factor code from a user with this role. */
export function totpRequiredFor(policy: SignInPolicy, role: string): boolean {
  if (policy.totpRequired === "everyone") return true;
  return policy.totpRequired === "admins" && role === "admin";
}
