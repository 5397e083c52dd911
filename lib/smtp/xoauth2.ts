import "server-only";
// XOAUTH2 for every SMTP session Herald opens: the token provider is passed in by whoever builds
// the transport (the worker, a direct send) — there is no registry. lib/oauth's getAccessToken is
// the provider in production; tests pass their own. A provider throws lib/oauth's
// ReauthorizationNeededError when only a new "Authorize" helps; mail then stays queued.
import type { Transporter } from "nodemailer";
import { getAccessToken } from "@/lib/oauth/tokens";
import { isReauthorizationNeeded } from "@/lib/oauth/errors";

export interface AccessTokenRequest {
  /** The SMTP user (smtp.user): the mailbox the token is for. */
  user: string;
  /** True when the server refused the last token: do not return a cached one. */
  forceRefresh: boolean;
  /** "batch": before the worker claims a batch; "connection": a connection logs in. */
  reason: "batch" | "connection";
  /** The token the server refused, when forceRefresh is set by such a refusal. */
  rejectedToken?: string;
}

export interface ProvidedToken {
  accessToken: string;
  /** Epoch milliseconds; null when unknown. */
  expiresAt: number | null;
  /** Whether the provider just got it from the token endpoint (shown by the OAuth page's Test). */
  refreshed?: boolean;
  /** The mailbox it was issued for, when the provider knows. */
  user?: string;
}

export type AccessTokenProvider = (request: AccessTokenRequest) => Promise<ProvidedToken>;

/** The stored authorization of lib/oauth (refreshed when due, rotation and cross-process lease included). */
export const oauthTokenProvider: AccessTokenProvider = async ({ forceRefresh, rejectedToken }) => {
  const t = await getAccessToken({ forceRefresh, rejectedToken });
  return { accessToken: t.accessToken, expiresAt: t.expiresAt, refreshed: t.refreshed, user: t.user };
};

export { isReauthorizationNeeded };

export interface TokenEvents {
  /** Each token a connection logs in with (the pool retires its connections when it expires). */
  onToken?: (token: ProvidedToken) => void;
  /** The provider failed; the error is also handed to nodemailer, which fails the send. */
  onError?: (error: unknown) => void;
}

/**
 * The one XOAUTH2 hook: nodemailer calls it whenever a connection logs in without a valid token,
 * and with renew = true when the server refused the token it had.
 */
export function installTokenProvider(transporter: Transporter, provider: AccessTokenProvider, events: TokenEvents = {}) {
  let last: string | undefined;
  transporter.set("oauth2_provision_cb", (user: string, renew: boolean, cb: (err: Error | null, accessToken?: string, expires?: number) => void) => {
    provider({ user, forceRefresh: renew, reason: "connection", rejectedToken: renew ? last : undefined }).then(
      (t) => {
        last = t.accessToken;
        events.onToken?.(t);
        cb(null, t.accessToken, t.expiresAt ?? undefined);
      },
      (e: unknown) => {
        events.onError?.(e);
        const err = e instanceof Error ? e : new Error(String(e));
        cb(err);
      },
    );
  });
}
