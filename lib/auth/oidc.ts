import "server-only";
// Single sign-on with OpenID Connect through next-auth's OAuth support. The provider is built
// from the stored service configuration on every request to /api/auth/* (next-auth's "advanced
// initialization": the route handler builds its options per request), so a saved change applies
// at once and nothing is read at build time. next-auth (openid-client) does discovery, PKCE,
// state and nonce, and verifies the ID token's signature (JWKS), iss, aud and exp; Herald checks
// the issuer once more, then decides who the user is (lib/auth/oidc-mapping.ts) and matches the
// account by the provider's `sub`, not only the email.
import crypto from "node:crypto";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { effectiveConfig, storedValues } from "@/lib/config/store";
import { OIDC_PROVIDER_PID } from "@/lib/config/services";
import { withDefaults } from "@/lib/config/define";
import { oidcProvider as oidcService } from "@/lib/config/services/oidc-provider";
import { consistentTx } from "@/lib/db/tx";
import { auditIn } from "@/lib/db/audit";
import { logger } from "@/lib/log";
import { decideOidcUser, type OidcMappingSettings, type OidcRefusal } from "@/lib/auth/oidc-mapping";
import type { Role } from "@/lib/validations/user";

export const OIDC_PROVIDER_ID = "oidc";

export interface OidcSettings extends OidcMappingSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  buttonLabel: string;
}

/** The issuer as compared with the ID token's iss: no trailing slash. */
export function normalizeIssuer(issuer: string): string {
  return issuer.trim().replace(/\/+$/, "");
}

/** The resolved settings (secret opened, placeholders resolved) while single sign-on is on, else null. */
export async function loadOidcSettings(): Promise<OidcSettings | null> {
  const raw = withDefaults(oidcService, await storedValues(OIDC_PROVIDER_PID));
  if (raw.enabled !== true) return null;
  const v = await effectiveConfig(OIDC_PROVIDER_PID);
  return {
    issuer: normalizeIssuer(String(v.issuer)),
    clientId: String(v.clientId),
    clientSecret: String(v.clientSecret ?? ""),
    scopes: (v.scopes as string[]) ?? ["openid"],
    buttonLabel: String(v.buttonLabel || "single sign-on"),
    allowedDomains: (v.allowedDomains as string[]) ?? [],
    roleClaim: String(v.roleClaim ?? ""),
    adminValues: (v.adminValues as string[]) ?? [],
    authorValues: (v.authorValues as string[]) ?? [],
    unmatched: v.unmatched === "author" ? "author" : "refuse",
  };
}

/** What the login page needs to show the button (no secrets), or null while off or broken. */
export async function oidcButton(): Promise<{ label: string } | null> {
  try {
    const s = await loadOidcSettings();
    return s ? { label: s.buttonLabel } : null;
  } catch (e) {
    logger().warn({ err: e }, "single sign-on is on but its configuration cannot be used");
    return null;
  }
}

/**
 * The profile next-auth hands to Herald's callbacks: either the Herald user (id = User.id) or a
 * refusal, which the signIn callback turns into the refusal page.
 */
export interface OidcProfile {
  id: string;
  email: string;
  name: string;
  /** Set when Herald refuses the user; the signIn callback redirects to the refusal page. */
  refused?: OidcRefusal | "subject_mismatch" | "email_taken" | "issuer";
  role?: Role;
  created?: boolean;
  roleChanged?: { from: string; to: string };
}

/** next-auth's provider for the configured identity provider. */
export function nextAuthOidcProvider(s: OidcSettings): OAuthConfig<Record<string, unknown>> {
  return {
    id: OIDC_PROVIDER_ID,
    name: s.buttonLabel,
    type: "oauth",
    wellKnown: `${s.issuer}/.well-known/openid-configuration`,
    clientId: s.clientId,
    clientSecret: s.clientSecret,
    authorization: { params: { scope: s.scopes.join(" ") } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    // A public client (no secret) authenticates with PKCE alone.
    client: s.clientSecret ? { token_endpoint_auth_method: "client_secret_basic" } : { token_endpoint_auth_method: "none" },
    async profile(claims) {
      return (await resolveOidcUser(claims, s)) as unknown as { id: string };
    },
  };
}

/**
 * Finds, links, creates or updates the Herald user for verified ID token claims, re-evaluating
 * the role from the claim. Matching order: the (issuer, sub) pair; else a user with the same
 * email that has no link to this issuer yet (first sign-in of an existing account); else a new
 * user. Exported for unit tests.
 */
export async function resolveOidcUser(claims: Record<string, unknown>, s: OidcSettings): Promise<OidcProfile> {
  const sub = typeof claims.sub === "string" ? claims.sub : "";
  const email = typeof claims.email === "string" ? claims.email.toLowerCase() : "";
  const refuse = (refused: OidcProfile["refused"], mail = email): OidcProfile => ({ id: `refused:${crypto.randomUUID()}`, email: mail, name: "", refused });
  if (typeof claims.iss !== "string" || normalizeIssuer(claims.iss) !== s.issuer) return refuse("issuer");
  if (!sub) return refuse("no_email");
  const decision = decideOidcUser(claims, s);
  if (!decision.ok) return refuse(decision.reason, decision.email ?? email);
  return consistentTx(async (tx) => {
    const bySub = await tx.user.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer: s.issuer, oidcSubject: sub } } });
    const byEmail = await tx.user.findUnique({ where: { email: decision.email } });
    let user = bySub;
    if (!user && byEmail) {
      // Same email, but already linked to another account at this provider: not the same person.
      if (byEmail.oidcSubject && byEmail.oidcIssuer === s.issuer) return refuse("subject_mismatch", decision.email);
      user = byEmail;
    }
    if (user && byEmail && byEmail.id !== user.id) {
      // The provider renamed the mailbox to an address another Herald user has.
      return refuse("email_taken", decision.email);
    }
    if (!user) {
      const created = await tx.user.create({
        data: {
          id: crypto.randomUUID(),
          email: decision.email,
          name: decision.name,
          passwordHash: "", // no local password: never matches (lib/auth/password.ts)
          role: decision.role,
          oidcIssuer: s.issuer,
          oidcSubject: sub,
        },
      });
      await auditIn(tx, { action: "user.create", actor: "single sign-on", target: created.email, detail: { role: decision.role, via: "oidc" } });
      return { id: created.id, email: created.email, name: created.name, role: decision.role, created: true };
    }
    // No admin or author values at all (Google sends no groups): the claim decides nothing, so
    // an existing user keeps the role an admin gave them on the Users page.
    const mappingOff = s.adminValues.length === 0 && s.authorValues.length === 0;
    let role = mappingOff ? (user.role as Role) : decision.role;
    if (user.role === "admin" && role !== "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1) {
      // The claim no longer makes them an admin, but Herald must keep one: keep the role, and say so.
      logger().warn({ email: user.email }, "single sign-on: the last admin lost the admin claim; kept as admin");
      role = "admin";
    }
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { email: decision.email, role, oidcIssuer: s.issuer, oidcSubject: sub },
    });
    if (user.role !== role) await auditIn(tx, { action: "user.role", actor: "single sign-on", target: updated.email, detail: { role, from: user.role, via: "oidc claim" } });
    return {
      id: updated.id,
      email: updated.email,
      name: updated.name,
      role,
      ...(user.role !== role ? { roleChanged: { from: user.role, to: role } } : {}),
    };
  });
}

export const REFUSAL_PATH = "/login/refused";

/**
 * The provider's sign-out URL (its discovery document's end_session_endpoint, with the client ID
 * and a way back to the login page), or null when single sign-on is off or the provider offers
 * none. Only http(s) URLs are returned, so the link can never run script.
 */
export async function providerSignOutUrl(consoleOrigin: string): Promise<{ url: string; label: string } | null> {
  let s: OidcSettings | null = null;
  try {
    s = await loadOidcSettings();
  } catch {
    return null;
  }
  if (!s) return null;
  try {
    const res = await fetch(`${s.issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(3000), redirect: "error" });
    if (!res.ok) return null;
    const doc = (await res.json()) as { end_session_endpoint?: unknown };
    if (typeof doc.end_session_endpoint !== "string") return null;
    const url = new URL(doc.end_session_endpoint);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    url.searchParams.set("client_id", s.clientId);
    url.searchParams.set("post_logout_redirect_uri", `${consoleOrigin}/login`);
    return { url: url.toString(), label: s.buttonLabel };
  } catch {
    return null;
  }
}
