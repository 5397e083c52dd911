// Typed failures of getAccessToken(), so that callers (the outbox worker, the test buttons) can
// tell "keep the mail queued until an admin re-authorizes" from "try again later". Pure.
import type { OAuthExplained } from "./explain";

/**
 * The stored authorization is unusable (invalid_grant, no refresh token, tokens that cannot be
 * decrypted, provider settings changed): only a new Authorize helps. Mail must stay queued.
 */
export class ReauthorizationNeededError extends Error {
  readonly code = "oauth_reauthorization_needed" as const;
  constructor(
    /** Plain words, shown on the OAuth page and the dashboard. */
    readonly reason: string,
    readonly explained?: OAuthExplained,
  ) {
    super(`Re-authorization needed: ${reason}`);
    this.name = "ReauthorizationNeededError";
  }
}

/**
 * No token can be had right now, but nothing is known to be dead: not configured, not connected,
 * or a refresh failed for a reason that is not invalid_grant (network, provider outage, wrong
 * client secret). `transient` says whether retrying later without any change may work.
 */
export class OAuthUnavailableError extends Error {
  readonly code = "oauth_unavailable" as const;
  constructor(
    readonly kind: "not_configured" | "not_connected" | "refresh_failed",
    message: string,
    readonly transient: boolean,
    readonly explained?: OAuthExplained,
  ) {
    super(message);
    this.name = "OAuthUnavailableError";
  }
}

/** The token endpoint answered with an OAuth2 error (or could not be reached). */
export class TokenEndpointError extends Error {
  constructor(
    readonly error: string,
    readonly description: string | undefined,
    readonly status: number,
  ) {
    super(`token endpoint: ${error}${description ? ` (${description})` : ""}`);
    this.name = "TokenEndpointError";
  }
}

export function isReauthorizationNeeded(e: unknown): e is ReauthorizationNeededError {
  return e instanceof ReauthorizationNeededError || (typeof e === "object" && e !== null && (e as { code?: unknown }).code === "oauth_reauthorization_needed");
}
