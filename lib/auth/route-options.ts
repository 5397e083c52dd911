import "server-only";
// The options of next-auth's route handler (/api/auth/*): the base options (lib/auth/options.ts)
// plus, while single sign-on is on, the OpenID Connect provider built from the stored
// configuration for this very request, Herald's decision on who signs in with it, and the audit
// of every outcome.
import type { NextAuthOptions } from "next-auth";
import { headers } from "next/headers";
import { authOptions, requestAddress } from "@/lib/auth/options";
import { createSession } from "@/lib/auth/sessions";
import { loadOidcSettings, nextAuthOidcProvider, OIDC_PROVIDER_ID, REFUSAL_PATH, type OidcProfile } from "@/lib/auth/oidc";
import { recordAudit } from "@/lib/db/audit";
import { logger } from "@/lib/log";

/** A short, secret-free reason for an OIDC failure (openid-client's messages quote state and nonce values). */
export function oidcFailureReason(meta: unknown): string {
  const err = (meta as { error?: unknown })?.error ?? meta;
  const message = err instanceof Error ? err.message : typeof err === "string" ? err : "unknown error";
  const [reason = message] = message.split(/[,:]/);
  return reason.slice(0, 120);
}

export async function authRouteOptions(): Promise<NextAuthOptions> {
  const base = authOptions();
  let oidc = null;
  try {
    oidc = await loadOidcSettings();
  } catch (e) {
    // A broken configuration (missing variable, undecryptable secret) must not stop password sign-in.
    logger().error({ err: e }, "single sign-on is on but its configuration cannot be used");
  }
  const baseLogger = base.logger;
  return {
    ...base,
    // next-auth's own error page is never shown: the login page explains.
    pages: { ...base.pages, error: "/login" },
    providers: oidc ? [...base.providers, nextAuthOidcProvider(oidc)] : base.providers,
    logger: {
      ...baseLogger,
      error(code, meta) {
        if (code === "OAUTH_CALLBACK_ERROR" || code === "SIGNIN_OAUTH_ERROR" || code === "OAUTH_CALLBACK_HANDLER_ERROR") {
          const reason = oidcFailureReason(meta);
          void recordAudit("auth.signin_failed", null, null, { method: "oidc", reason }).catch(() => {});
          logger().warn({ code, reason }, "single sign-on failed");
          return;
        }
        if (baseLogger?.error) baseLogger.error(code, meta as never);
        else logger().error({ code }, `next-auth: ${code}`);
      },
    },
    callbacks: {
      ...base.callbacks,
      async signIn(params) {
        if (params.account?.provider === OIDC_PROVIDER_ID) {
          const p = params.user as unknown as OidcProfile;
          if (p.refused) {
            await recordAudit("auth.signin_refused", p.email || null, null, { method: "oidc", reason: p.refused });
            return `${REFUSAL_PATH}?reason=${encodeURIComponent(p.refused)}`;
          }
          // A created user or a changed role is audited where resolveOidcUser writes it.
          // The identity provider did the authentication (and its own second factor): the session
          // is active at once. Its id travels to the jwt callback on the same user object.
          const h = await headers();
          const address = requestAddress(Object.fromEntries(h.entries()));
          const sid = await createSession({ userId: p.id, address, userAgent: h.get("user-agent"), method: "oidc" });
          (params.user as { sid?: string }).sid = sid;
          await recordAudit("auth.signin", p.email, address, { method: "oidc" });
        }
        return base.callbacks?.signIn ? base.callbacks.signIn(params) : true;
      },
    },
  };
}
