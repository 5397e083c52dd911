import "server-only";
// getAccessToken(): the current XOAUTH2 access token, refreshed shortly before it expires.
//
// No refresh storms: concurrent callers in this process share one refresh (an in-flight promise),
// and across processes only the holder of a lease on the connection row (a conditional UPDATE,
// atomic in SQLite) calls the token endpoint; the others wait for the row's version to change and
// use the token it wrote. The new access token, its expiry and a rotated refresh token (Microsoft
// issues a new one on every refresh and the old one soon stops working) are written in one UPDATE.
// invalid_grant marks the connection "re-authorization needed" and throws ReauthorizationNeededError.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { explainOAuthError } from "./explain";
import { OAuthUnavailableError, ReauthorizationNeededError, TokenEndpointError } from "./errors";
import { postTokenRequest } from "./http";
import { loadProviderContext, type ProviderContext } from "./provider";
import { refreshSendsScope, splitScopes } from "./presets";
import { recordTokenRefresh } from "@/lib/metrics";
import { CONNECTION_ID, importConfigToken, markReauthNeeded, openToken, readConnection, sealToken, type ConnectionRow } from "./connection";

export interface AccessToken {
  accessToken: string;
  /** The SMTP user to log in as (the Mail Service's smtp.user, else the connected account). */
  user: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Whether this call fetched it from the provider (false: stored, or refreshed by someone else). */
  refreshed: boolean;
}

export interface GetAccessTokenOptions {
  /** Fetch a new token from the provider even if the stored one is still valid (e.g. SMTP said 535). */
  forceRefresh?: boolean;
  /**
   * With forceRefresh: the token the server rejected. When the stored token is already a
   * different one (another caller refreshed meanwhile), it is returned without another refresh.
   */
  rejectedToken?: string;
}

/** How long one process may hold the refresh lease (a token request times out after 15 s). */
export const LEASE_MS = 30_000;
const POLL_MS = 100;
/** A forced refresh right after another one returns that one's token instead. */
export const FORCE_DEDUP_MS = 5_000;

/** Refresh this long before expiry: 10 % of the token's lifetime, at most a minute. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.max(0, Math.min(60_000, lifetimeMs * 0.1));
}

function isFresh(row: ConnectionRow, now = Date.now()): boolean {
  if (!row.accessToken || !row.accessTokenExpiresAt) return false;
  const expires = row.accessTokenExpiresAt.getTime();
  const issued = row.accessTokenIssuedAt?.getTime() ?? expires - 3_600_000;
  return expires - now > refreshMarginMs(expires - issued);
}

const g = globalThis as unknown as { heraldOAuthOwner?: string; heraldOAuthInflight?: Map<string, Promise<AccessToken>> };
/** This process's name on the lease. */
export function leaseOwner(): string {
  return (g.heraldOAuthOwner ??= `${process.pid}-${randomUUID().slice(0, 8)}`);
}
function inflight(): Map<string, Promise<AccessToken>> {
  return (g.heraldOAuthInflight ??= new Map());
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function userFor(pc: ProviderContext, row: ConnectionRow): string {
  return pc.mail["smtp.user"]?.trim() || row.account || "";
}

/** Opens the stored access token; a token that cannot be opened counts as absent. */
function storedAccessToken(row: ConnectionRow): string | null {
  if (!row.accessToken) return null;
  try {
    return openToken(row.accessToken, "accessToken");
  } catch {
    return null;
  }
}

function checkUsable(pc: ProviderContext, row: ConnectionRow | null): ConnectionRow {
  if (!row || row.status === "disconnected") {
    throw new OAuthUnavailableError("not_connected", "No mailbox is connected: open Configuration → OAuth2 and click Authorize.", false);
  }
  if (row.status === "reauth_needed") throw new ReauthorizationNeededError(row.reason ?? "the stored authorization no longer works.");
  if (row.issuerKey !== pc.issuerKey) {
    // Never send a refresh token to another app or token server than the one that issued it.
    throw new ReauthorizationNeededError(`the OAuth2 provider settings changed since ${row.account ?? "the mailbox"} was authorized (client ID or token URL). Authorize again.`);
  }
  return row;
}

/** The current access token, refreshed when it is about to expire. See the file header. */
export async function getAccessToken(opts: GetAccessTokenOptions = {}): Promise<AccessToken> {
  const pc = await loadProviderContext();
  await importConfigToken(pc);
  const row = checkUsable(pc, await readConnection());
  if (!opts.forceRefresh && isFresh(row)) {
    const token = storedAccessToken(row);
    if (token) return { accessToken: token, user: userFor(pc, row), expiresAt: row.accessTokenExpiresAt!.getTime(), refreshed: false };
  }
  if (opts.forceRefresh && isFresh(row)) {
    // Someone already replaced the rejected token, or the stored one was minted a moment ago
    // (several pooled connections refused at once must not each refresh).
    const token = storedAccessToken(row);
    const justIssued = !opts.rejectedToken && !!row.accessTokenIssuedAt && Date.now() - row.accessTokenIssuedAt.getTime() < FORCE_DEDUP_MS;
    if (token && ((opts.rejectedToken && token !== opts.rejectedToken) || justIssued)) {
      return { accessToken: token, user: userFor(pc, row), expiresAt: row.accessTokenExpiresAt!.getTime(), refreshed: false };
    }
  }
  const running = inflight().get(CONNECTION_ID);
  if (running) return running;
  const p = refreshShared(pc, row.version, !!opts.forceRefresh).finally(() => inflight().delete(CONNECTION_ID));
  inflight().set(CONNECTION_ID, p);
  return p;
}

/**
 * One refresh for everyone: takes the lease, or waits for whoever holds it. `seenVersion` is the
 * row version the caller saw; a newer version with a fresh token means someone else refreshed.
 */
async function refreshShared(pc: ProviderContext, seenVersion: number, force: boolean): Promise<AccessToken> {
  const me = leaseOwner();
  const deadline = Date.now() + 2 * LEASE_MS + 5_000;
  for (;;) {
    const row = checkUsable(pc, await readConnection());
    if (isFresh(row) && (!force || row.version > seenVersion)) {
      const token = storedAccessToken(row);
      if (token) return { accessToken: token, user: userFor(pc, row), expiresAt: row.accessTokenExpiresAt!.getTime(), refreshed: false };
    }
    const now = new Date();
    const took = await db().oAuthConnection.updateMany({
      where: { id: CONNECTION_ID, status: "connected", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      data: { leaseOwner: me, leaseUntil: new Date(now.getTime() + LEASE_MS) },
    });
    if (took.count === 1) return refreshHoldingLease(pc, me, seenVersion);
    if (Date.now() > deadline) {
      throw new OAuthUnavailableError("refresh_failed", "Another Herald process has been refreshing the OAuth2 token for too long; try again.", true);
    }
    await sleep(POLL_MS);
  }
}

async function releaseLease(me: string) {
  await db().oAuthConnection.updateMany({ where: { id: CONNECTION_ID, leaseOwner: me }, data: { leaseOwner: null, leaseUntil: null } });
}

async function refreshHoldingLease(pc: ProviderContext, me: string, seenVersion: number): Promise<AccessToken> {
  try {
    const token = await refreshWithLease(pc, me, seenVersion);
    if (token.refreshed) recordTokenRefresh("ok");
    return token;
  } catch (e) {
    recordTokenRefresh("failed");
    await releaseLease(me).catch(() => undefined); // never keep others waiting for a dead lease
    throw e;
  }
}

async function refreshWithLease(pc: ProviderContext, me: string, seenVersion: number): Promise<AccessToken> {
  const row = checkUsable(pc, await readConnection());
  if (row.version > seenVersion && isFresh(row)) {
    // Another process finished its refresh between our last look and taking the lease.
    const token = storedAccessToken(row);
    if (token) {
      await releaseLease(me);
      return { accessToken: token, user: userFor(pc, row), expiresAt: row.accessTokenExpiresAt!.getTime(), refreshed: false };
    }
  }
  let refreshToken: string | null = null;
  if (row.refreshToken) {
    try {
      refreshToken = openToken(row.refreshToken, "refreshToken");
    } catch {
      await markReauthNeeded("the stored refresh token cannot be decrypted (the secrets key HERALD_SECRET_KEY / data/secret.key changed). Authorize again.");
      throw new ReauthorizationNeededError("the stored refresh token cannot be decrypted (the secrets key changed). Authorize again.");
    }
  }
  if (!refreshToken) {
    const reason = "the provider issued no refresh token, so the access token cannot be renewed. Authorize again (Google: the preset's access_type=offline and prompt=consent; Microsoft: the offline_access scope).";
    await markReauthNeeded(reason, { lastRefreshError: "no refresh token" });
    throw new ReauthorizationNeededError(reason);
  }

  let res;
  try {
    res = await postTokenRequest(pc.refreshUrl, {
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      client_id: pc.clientId,
      client_secret: pc.clientSecret || undefined,
      scope: refreshSendsScope(pc.kind) ? pc.scopes.join(" ") : undefined,
    });
  } catch (err) {
    const e = err instanceof TokenEndpointError ? err : new TokenEndpointError("network", err instanceof Error ? err.message : String(err), 0);
    const explained = explainOAuthError(e.error, e.description, { stage: "refresh", provider: { kind: pc.kind, tokenUrl: pc.refreshUrl } });
    const summary = `${explained.title}${explained.description ? ` — ${explained.description}` : ""}`;
    if (explained.reauthorize) {
      const reason = `${explained.title}. ${explained.explanation}`;
      await markReauthNeeded(reason, { lastRefreshError: summary, owner: me });
      throw new ReauthorizationNeededError(reason, explained);
    }
    await db().oAuthConnection.updateMany({
      where: { id: CONNECTION_ID },
      data: { lastRefreshAt: new Date(), lastRefreshOk: false, lastRefreshError: summary },
    });
    await releaseLease(me);
    throw new OAuthUnavailableError("refresh_failed", `${explained.title}: ${explained.explanation}`, explained.transient, explained);
  }

  const now = new Date();
  const rotated = !!res.refreshToken && res.refreshToken !== refreshToken;
  const granted = res.scope !== undefined ? splitScopes(res.scope) : null;
  const data = {
    accessToken: sealToken(res.accessToken, "accessToken"),
    accessTokenIssuedAt: now,
    accessTokenExpiresAt: new Date(now.getTime() + res.expiresIn * 1000),
    ...(rotated ? { refreshToken: sealToken(res.refreshToken!, "refreshToken"), refreshTokenIssuedAt: now, rotations: { increment: 1 } } : {}),
    ...(granted ? { grantedScopes: JSON.stringify(granted) } : {}),
    refreshCount: { increment: 1 },
    lastRefreshAt: now,
    lastRefreshOk: true,
    lastRefreshError: null,
    leaseOwner: null,
    leaseUntil: null,
    version: { increment: 1 },
  };
  // The lease makes this the only writer; if it was lost (a refresh slower than LEASE_MS), write
  // only when nobody else has stored newer tokens meanwhile.
  let written = await db().oAuthConnection.updateMany({ where: { id: CONNECTION_ID, leaseOwner: me, status: "connected" }, data });
  if (written.count === 0) {
    written = await db().oAuthConnection.updateMany({ where: { id: CONNECTION_ID, version: row.version, status: "connected" }, data });
  }
  if (written.count === 0) {
    const current = checkUsable(pc, await readConnection());
    const token = storedAccessToken(current);
    if (token && isFresh(current)) return { accessToken: token, user: userFor(pc, current), expiresAt: current.accessTokenExpiresAt!.getTime(), refreshed: false };
    throw new OAuthUnavailableError("refresh_failed", "The OAuth2 connection changed while refreshing; try again.", true);
  }
  return { accessToken: res.accessToken, user: userFor(pc, row), expiresAt: data.accessTokenExpiresAt.getTime(), refreshed: true };
}
