import "server-only";
// The token store: one OAuthConnection row ("mail") holding the connected mailbox's tokens, sealed
// with the secrets key (AES-256-GCM, bound to their column). This table is the source of truth
// for the tokens; the OAuth2 provider configuration's refreshToken field is only an import path for
// a token obtained elsewhere (see importConfigToken). Tokens never leave this module in clear
// except to getAccessToken() and the token endpoint.
import { createHmac } from "node:crypto";
import { db } from "@/lib/db/client";
import { auditIn, type AuditAction, type AuditEntry } from "@/lib/db/audit";
import { consistentTx } from "@/lib/db/tx";
import { openSecret, sealSecret } from "@/lib/config/secret-box";
import { secretsKey } from "@/lib/config/secrets-key";
import type { OAuthConnection, Prisma } from "@/lib/generated/prisma/client";
import type { ProviderContext } from "./provider";

export const CONNECTION_ID = "mail";

export type ConnectionStatus = "connected" | "reauth_needed" | "disconnected";
export type TokenField = "accessToken" | "refreshToken" | "codeVerifier";

export type ConnectionRow = OAuthConnection;

function context(field: TokenField): string {
  return `oauth#${field}`;
}

export function sealToken(value: string, field: TokenField): string {
  return sealSecret(value, secretsKey(), context(field));
}

/** Opens a sealed token; throws SecretBoxError when the secrets key changed or the value was altered. */
export function openToken(sealed: string, field: TokenField): string {
  return openSecret(sealed, secretsKey(), context(field));
}

/** A keyed digest of a refresh token entered in the configuration, to notice when it changes. */
export function importDigestOf(token: string): string {
  return createHmac("sha256", secretsKey()).update(`oauth-config-refresh-token\n${token}`).digest("hex");
}

export async function readConnection(): Promise<ConnectionRow | null> {
  return db().oAuthConnection.findUnique({ where: { id: CONNECTION_ID } });
}

export function parseScopes(json: string | null | undefined): string[] | null {
  if (!json) return null;
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : null;
  } catch {
    return null;
  }
}

/**
 * The audit row of an OAuth change (details never hold tokens), written with auditIn in the same
 * transaction as the token-store write it describes.
 */
export function oauthAudit(action: Extract<AuditAction, `oauth.${string}`>, actor: string | null, detail?: unknown): AuditEntry {
  return { action, actor, target: "com.day.cq.mailer.oauth.impl.OAuthConfigurationProviderImpl", detail };
}

export interface NewAuthorization {
  account: string | null;
  accountSource: "id_token" | "smtp_user" | "config";
  accessToken: string | null;
  expiresIn: number | null;
  refreshToken: string | null;
  grantedScopes: string[] | null;
  requestedScopes: string[];
  authorizedBy: string;
  source: "authorize" | "config";
  importDigest: string | null;
}

/**
 * Replaces the connection with freshly obtained tokens: status connected, lease dropped, version
 * bumped (so a process waiting on a refresh sees the change). Works whatever state the old row is
 * in — even when its tokens cannot be decrypted any more. Runs in the caller's transaction, which
 * also writes the audit row.
 */
export async function storeAuthorization(tx: Prisma.TransactionClient, pc: Pick<ProviderContext, "kind" | "issuerKey">, a: NewAuthorization): Promise<void> {
  const now = new Date();
  const data = {
    status: "connected",
    reason: null,
    source: a.source,
    providerKind: pc.kind,
    issuerKey: pc.issuerKey,
    account: a.account,
    accountSource: a.accountSource,
    requestedScopes: JSON.stringify(a.requestedScopes),
    grantedScopes: a.grantedScopes ? JSON.stringify(a.grantedScopes) : null,
    accessToken: a.accessToken ? sealToken(a.accessToken, "accessToken") : null,
    accessTokenIssuedAt: a.accessToken ? now : null,
    accessTokenExpiresAt: a.accessToken && a.expiresIn ? new Date(now.getTime() + a.expiresIn * 1000) : null,
    refreshToken: a.refreshToken ? sealToken(a.refreshToken, "refreshToken") : null,
    refreshTokenIssuedAt: a.refreshToken ? now : null,
    refreshCount: 0,
    rotations: 0,
    importDigest: a.importDigest,
    authorizedAt: now,
    authorizedBy: a.authorizedBy,
    lastRefreshAt: null,
    lastRefreshOk: null,
    lastRefreshError: null,
    leaseOwner: null,
    leaseUntil: null,
  };
  await tx.oAuthConnection.upsert({
    where: { id: CONNECTION_ID },
    create: { id: CONNECTION_ID, ...data, version: 1 },
    update: { ...data, version: { increment: 1 } },
  });
}

/**
 * Takes over a refresh token entered in the OAuth2 provider configuration (or resolved from
 * $[env:HERALD_OAUTH_REFRESH_TOKEN]) when it differs from the last one taken over. Returns true
 * when it replaced the connection.
 */
export async function importConfigToken(pc: ProviderContext): Promise<boolean> {
  if (!pc.configRefreshToken) return false;
  const digest = importDigestOf(pc.configRefreshToken);
  const row = await readConnection();
  if (row?.importDigest === digest) return false;
  const token = pc.configRefreshToken;
  await consistentTx(async (tx) => {
    await storeAuthorization(tx, pc, {
      account: pc.mail["smtp.user"]?.trim() || null,
      accountSource: "config",
      accessToken: null,
      expiresIn: null,
      refreshToken: token,
      grantedScopes: null,
      requestedScopes: pc.scopes,
      authorizedBy: "configuration",
      source: "config",
      importDigest: digest,
    });
    await auditIn(tx, oauthAudit("oauth.import", null, { account: pc.mail["smtp.user"] || null }));
  });
  return true;
}

/** Marks the connection unusable until an admin authorizes again; the dead tokens are dropped. */
export async function markReauthNeeded(reason: string, opts: { lastRefreshError?: string; owner?: string } = {}): Promise<void> {
  const now = new Date();
  await consistentTx(async (tx) => {
    const r = await tx.oAuthConnection.updateMany({
      where: { id: CONNECTION_ID },
      data: {
        status: "reauth_needed",
        reason,
        accessToken: null,
        accessTokenExpiresAt: null,
        refreshToken: null,
        ...(opts.lastRefreshError ? { lastRefreshAt: now, lastRefreshOk: false, lastRefreshError: opts.lastRefreshError } : {}),
        leaseOwner: null,
        leaseUntil: null,
        version: { increment: 1 },
      },
    });
    if (r.count) await auditIn(tx, oauthAudit("oauth.reauth_needed", null, { reason }));
  });
}

/**
 * Disconnect: deletes the tokens. The row stays as "disconnected" with the digest of a refresh
 * token in the configuration, so that token is not silently taken over again.
 */
export async function disconnect(actor: string): Promise<boolean> {
  return consistentTx(async (tx) => {
    const r = await tx.oAuthConnection.updateMany({
      where: { id: CONNECTION_ID, status: { not: "disconnected" } },
      data: {
        status: "disconnected",
        reason: null,
        accessToken: null,
        accessTokenIssuedAt: null,
        accessTokenExpiresAt: null,
        refreshToken: null,
        refreshTokenIssuedAt: null,
        grantedScopes: null,
        leaseOwner: null,
        leaseUntil: null,
        version: { increment: 1 },
      },
    });
    if (r.count) await auditIn(tx, oauthAudit("oauth.disconnect", actor));
    return r.count > 0;
  });
}
