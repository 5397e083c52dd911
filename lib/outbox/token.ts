// The OAuth2 (XOAUTH2) hook between the outbox worker and lib/oauth.
//
// lib/outbox/oauth-bridge.ts registers lib/oauth's getAccessToken() at start-up (console and
// standalone worker). Another provider can be registered instead, before that:
//
//   import { setAccessTokenProvider, ReauthorizationRequiredError } from "@/lib/outbox/token";
//   setAccessTokenProvider(async ({ user, forceRefresh }) => {
//     // return a cached token while valid; refresh with the refresh token otherwise (and store a
//     // rotated refresh token); throw ReauthorizationRequiredError when the refresh token is gone,
//     // expired or revoked (the admin must press "Authorize" again).
//     return { accessToken, expiresAt };
//   });
//
// When the Mail Service's oauth.flow is on, the worker asks the provider before it claims each
// batch (forceRefresh false), and nodemailer asks it again through provisionCallback for every
// pooled connection that logs in with no or an expired token, and with forceRefresh true when
// the server refused the token. If the provider throws a re-authorization error, the claimed
// messages go back to the queue unchanged (no attempt counted, never dead) and the worker waits
// (backing off up to 5 minutes) before asking again; the dashboard shows "re-authorization
// needed". Any other error from the provider (token endpoint down) is treated the same way.
//
// The provider lives on globalThis: Next.js bundles instrumentation and route handlers apart, and
// a module-level variable set in one would not be seen by the other.

export interface AccessTokenRequest {
  /** The SMTP user (smtp.user): the mailbox the token is for. */
  user: string;
  /** True when the server refused the last token: do not return a cached one. */
  forceRefresh: boolean;
  /** "batch": before a batch is claimed; "connection": a pooled connection logs in. */
  reason: "batch" | "connection";
}

export type AccessToken = string | { accessToken: string; expiresAt?: number | Date | null };

export type AccessTokenProvider = (request: AccessTokenRequest) => Promise<AccessToken>;

/** Throw this (or any error with code "reauthorization_required") when the admin must authorize again. */
export class ReauthorizationRequiredError extends Error {
  readonly code = "reauthorization_required";
  constructor(message = "The mail account must be authorized again (OAuth2).") {
    super(message);
    this.name = "ReauthorizationRequiredError";
  }
}

/** Also recognises lib/oauth's ReauthorizationNeededError (code "oauth_reauthorization_needed"). */
export function isReauthorizationRequired(e: unknown): boolean {
  if (e instanceof ReauthorizationRequiredError) return true;
  const x = e as { code?: unknown; name?: unknown } | null;
  return (
    !!x &&
    (x.code === "reauthorization_required" ||
      x.code === "oauth_reauthorization_needed" ||
      x.name === "ReauthorizationRequiredError" ||
      x.name === "ReauthorizationNeededError")
  );
}

const KEY = Symbol.for("herald.accessTokenProvider");
type Holder = { [KEY]?: AccessTokenProvider | null };

export function setAccessTokenProvider(fn: AccessTokenProvider | null) {
  (globalThis as Holder)[KEY] = fn;
}

export function getAccessTokenProvider(): AccessTokenProvider | null {
  return (globalThis as Holder)[KEY] ?? null;
}

export function normalizeToken(t: AccessToken): { accessToken: string; expiresAt: number | null } {
  if (typeof t === "string") return { accessToken: t, expiresAt: null };
  const exp = t.expiresAt instanceof Date ? t.expiresAt.getTime() : typeof t.expiresAt === "number" ? t.expiresAt : null;
  return { accessToken: t.accessToken, expiresAt: exp };
}
