// Who an identity provider's user is in Herald: the domain restriction and the role mapping from
// a claim. Pure (claims and settings in, decision out), so every rule has a fast test.
import type { Role } from "@/lib/validations/user";

export interface OidcMappingSettings {
  allowedDomains: readonly string[];
  roleClaim: string;
  adminValues: readonly string[];
  authorValues: readonly string[];
  unmatched: "refuse" | "author";
}

export type OidcRefusal = "no_email" | "email_unverified" | "domain" | "no_role";

export type OidcDecision = { ok: true; email: string; role: Role; name: string } | { ok: false; reason: OidcRefusal; email?: string };

/**
 * Reads a claim by name, or by a dotted path into nested objects (Keycloak's realm_access.roles).
 * A claim whose own name contains dots (e.g. "https://example.com/roles") is found as such first.
 */
export function readClaim(claims: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(claims, name)) return claims[name];
  let cur: unknown = claims;
  for (const part of name.split(".")) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** The claim's values as strings: a list, or one string (some providers send a space-separated list). */
export function claimValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string | number => typeof v === "string" || typeof v === "number").map(String);
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

/** Role from the claim: an admin value wins over an author value; null when neither matches. */
export function roleFromClaims(claims: Record<string, unknown>, s: Pick<OidcMappingSettings, "roleClaim" | "adminValues" | "authorValues">): Role | null {
  if (!s.roleClaim.trim()) return null;
  const values = new Set(claimValues(readClaim(claims, s.roleClaim.trim())));
  if (s.adminValues.some((v) => values.has(v))) return "admin";
  if (s.authorValues.some((v) => values.has(v))) return "author";
  return null;
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

/**
 * The whole decision for one sign-in. The email must be present and, when the provider says so,
 * verified (email_verified: false is refused; providers that never send the claim, such as Entra
 * ID, are trusted for their own tenant).
 */
export function decideOidcUser(claims: Record<string, unknown>, s: OidcMappingSettings): OidcDecision {
  const rawEmail = typeof claims.email === "string" ? claims.email : typeof claims.preferred_username === "string" && claims.preferred_username.includes("@") ? claims.preferred_username : "";
  const email = rawEmail.trim().toLowerCase();
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) return { ok: false, reason: "no_email" };
  if (claims.email_verified === false || claims.email_verified === "false") return { ok: false, reason: "email_unverified", email };
  const domains = s.allowedDomains.map((d) => d.trim().replace(/^@/, "").toLowerCase()).filter(Boolean);
  if (domains.length > 0 && !domains.includes(emailDomain(email))) return { ok: false, reason: "domain", email };
  const role = roleFromClaims(claims, s) ?? (s.unmatched === "author" ? "author" : null);
  if (!role) return { ok: false, reason: "no_role", email };
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 200) : email.slice(0, email.indexOf("@"));
  return { ok: true, email, role, name };
}

/** What the refusal page says, in plain words. */
export const REFUSAL_TEXT: Record<OidcRefusal, string> = {
  no_email: "The identity provider did not tell Herald your email address. Ask your administrator to release the email claim to Herald.",
  email_unverified: "The identity provider says your email address is not verified.",
  domain: "Your email address is not in a domain that may use this console.",
  no_role: "Your account at the identity provider is in no group that Herald knows (neither admin nor author). Ask your administrator for access.",
};

/**
 * Every reason the refusal page (/login/refused?reason=…) explains, by its stable code: the
 * mapping's refusals, the ones of the sign-in itself, and "other". The codes are the keys under
 * "refused.reasons" in the catalogs, which hold these texts in each language.
 */
export const REFUSAL_PAGE_TEXT = {
  ...REFUSAL_TEXT,
  subject_mismatch: "A Herald account with your email address is linked to a different account at the identity provider. Ask an admin of Herald.",
  email_taken: "Your new email address belongs to another Herald account. Ask an admin of Herald.",
  issuer: "The identity provider's answer did not come from the configured issuer.",
  other: "Herald refused this sign-in.",
} as const;
export type RefusalReason = keyof typeof REFUSAL_PAGE_TEXT;

/** The reason code a refusal page was given, or "other" for anything else. */
export function refusalReason(reason: string | undefined): RefusalReason {
  return reason && Object.prototype.hasOwnProperty.call(REFUSAL_PAGE_TEXT, reason) ? (reason as RefusalReason) : "other";
}
