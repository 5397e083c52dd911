// Herald's password policy: ONE rule for setup, invitations and resets (the generated temporary
// passwords are checked by a test), the account page, the forced change and the CLI. Shared by
// the browser (zodResolver, asynchronous; length and name/email only) and the server, which
// always re-checks, with the strength estimator too.
// At least 12 characters; not containing the account's email or name; and strong enough for a
// maintained estimator (zxcvbn-ts with common-password and English dictionaries), which refuses
// common passwords, keyboard walks, dates, l33t spellings and the like.
import { z } from "zod";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

export const passwordField = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`);

/** The parts of an identity a password must not contain: the email, its local part, the name's words. */
export function identityParts(identity: { email?: string | null; name?: string | null }): string[] {
  const parts = new Set<string>();
  const email = (identity.email ?? "").trim().toLowerCase();
  if (email) {
    parts.add(email);
    const [local = ""] = email.split("@");
    if (local) parts.add(local);
    for (const w of local.split(/[^a-z0-9]+/)) parts.add(w);
  }
  const name = (identity.name ?? "").trim().toLowerCase();
  if (name) {
    parts.add(name.replace(/\s+/g, ""));
    for (const w of name.split(/[^\p{L}\p{N}]+/u)) parts.add(w);
  }
  // Very short words ("al", "jo") occur in many good passwords by chance.
  return [...parts].filter((p) => p.length >= 3);
}

/** Why `password` is refused for this identity, or null when it may be used. */
export async function passwordProblem(password: string, identity: { email?: string | null; name?: string | null }): Promise<string | null> {
  const r = passwordField.safeParse(password);
  if (!r.success) return r.error.issues[0]?.message ?? "Not a valid password";
  const lower = password.toLowerCase();
  const inputs = identityParts(identity);
  const email = (identity.email ?? "").trim().toLowerCase();
  if (inputs.some((p) => lower.includes(p))) {
    return email && lower.includes(email.split("@")[0] ?? email) ? "Must not contain your email address" : "Must not contain your name or email address";
  }
  // The estimator's dictionaries are several MB: the browser leaves that part to the server,
  // whose answer is shown on the same field.
  if (typeof window !== "undefined") return null;
  const { passwordWeakness } = await import("./password-strength");
  return passwordWeakness(password, inputs);
}

/**
 * The policy as a zod refinement for any object with `password` (and the account's `email` /
 * `name`, when the form knows them); the issue is reported on `password` so the form shows why.
 */
export async function passwordPolicy(v: { password: string; email?: string; name?: string }, ctx: z.RefinementCtx) {
  if (typeof v.password !== "string" || v.password.length < PASSWORD_MIN || v.password.length > PASSWORD_MAX) return; // passwordField reported it
  const problem = await passwordProblem(v.password, v);
  if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
}

/** A new password for an existing account: the CLI's `user passwd` and the change forms. */
export const newPasswordSchema = z
  .object({ email: z.string(), name: z.string(), password: passwordField })
  .superRefine(passwordPolicy);
