import "server-only";
// What the OAuth page's token health panel and the dashboard show: browser-safe (no token, no
// secret, no digest), computed from the stored configuration and the connection row.
import { serviceState, storedValues } from "@/lib/config/store";
import { MAIL_SERVICE_PID, OAUTH_PROVIDER_PID, effectiveRefreshUrl, missingOAuthItems } from "@/lib/config/services";
import {
  DAY_MS,
  compareScopes,
  defaultRedirectUrl,
  detectProviderKind,
  grantedScopeWarnings,
  insecureUrl,
  providerLabel,
  refreshTokenLimits,
  scopeWarnings,
  tenantOf,
  type ProviderKind,
  type ScopeNote,
  type SmtpSecurity,
} from "./presets";
import { issuerKeyOf, publicOrigin } from "./provider";
import { parseScopes, readConnection, type ConnectionStatus } from "./connection";
import { nextKeepAlive } from "./keepalive";

export type HealthStatus = "not_configured" | "not_connected" | "connected" | "attention" | "reauth_needed";

export interface Note {
  level: "error" | "warning" | "info";
  message: string;
}

export interface ConnectionView {
  status: ConnectionStatus;
  reason: string | null;
  account: string | null;
  accountSource: string | null;
  source: string;
  authorizedAt: string;
  authorizedBy: string | null;
  requestedScopes: string[];
  /** null: the provider did not report them. */
  grantedScopes: string[] | null;
  missingScopes: string[];
  accessTokenExpiresAt: string | null;
  hasRefreshToken: boolean;
  refreshTokenIssuedAt: string | null;
  refreshCount: number;
  rotations: number;
  lastRefreshAt: string | null;
  lastRefreshOk: boolean | null;
  lastRefreshError: string | null;
  /** The next keep-alive refresh (lib/oauth/keepalive.ts), made even when no mail is sent. */
  nextRefreshAt: string | null;
  /** The client ID or token server changed since the authorization. */
  settingsChanged: boolean;
  notes: Note[];
}

export interface OAuthHealth {
  /** When this was computed (epoch ms), for ages shown next to it. */
  now: number;
  status: HealthStatus;
  headline: string;
  provider: {
    complete: boolean;
    missing: string[];
    kind: ProviderKind;
    label: string;
    authUrl: string;
    tokenUrl: string;
    refreshUrl: string;
    scopes: string[];
    clientId: string;
    clientSecretSet: boolean;
    tenant: string | null;
    redirectUrl: string;
    redirectUrlConfigured: boolean;
    configRefreshTokenSet: boolean;
    refreshTokenExpiry: number;
    scopeNotes: ScopeNote[];
    notes: Note[];
  };
  mail: {
    host: string;
    port: number;
    security: SmtpSecurity;
    requireTls: boolean;
    user: string;
    fromAddress: string;
    oauthFlow: boolean;
  };
  connection: ConnectionView | null;
}

const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function oauthHealth(opts: { now?: number; requestOrigin?: string } = {}): Promise<OAuthHealth> {
  const now = opts.now ?? Date.now();
  const [oauth, mail, oauthState, row] = await Promise.all([
    storedValues(OAUTH_PROVIDER_PID),
    storedValues(MAIL_SERVICE_PID),
    serviceState(OAUTH_PROVIDER_PID),
    readConnection(),
  ]);
  const authUrl = str(oauth.authUrl);
  const tokenUrl = str(oauth.tokenUrl);
  const kind = detectProviderKind({ authUrl, tokenUrl });
  const scopes = (Array.isArray(oauth.scopes) ? oauth.scopes : []).map(str).filter(Boolean);
  const missing = missingOAuthItems(oauth).map((m) => m.label);
  const secretSet = (k: string) => {
    const v = oauthState.values[k];
    return typeof v === "object" && v !== null && "set" in v ? !!(v as { set: boolean }).set : false;
  };
  const configuredRedirect = str(oauth.authCodeRedirectUrl);
  const redirectUrl = configuredRedirect || defaultRedirectUrl(publicOrigin(opts.requestOrigin));
  const providerNotes: Note[] = [];
  for (const [label, url] of [["authorization URL", authUrl], ["token URL", tokenUrl], ["refresh URL", str(oauth.refreshUrl)]] as const) {
    if (url && insecureUrl(url)) providerNotes.push({ level: "warning", message: `The ${label} uses plain http to another machine: tokens and the client secret would travel unencrypted. Use https.` });
  }
  const mailUser = str(mail["smtp.user"]);
  const oauthFlow = mail["oauth.flow"] === true;
  const security: SmtpSecurity = mail["smtp.ssl"] === true ? "ssl" : mail["smtp.starttls"] === true ? "starttls" : "plain";

  const connection = row && row.status !== "disconnected" ? connectionView(row, { kind, now, currentIssuerKey: issuerKeyOf(str(oauth.clientId), effectiveRefreshUrl(oauth)), mailUser, expirySeconds: Number(oauth.refreshTokenExpiry) }) : null;

  let status: HealthStatus;
  let headline: string;
  if (missing.length) {
    status = "not_configured";
    headline = `OAuth2 provider not configured (missing ${missing.join(", ")})`;
  } else if (!connection) {
    status = "not_connected";
    headline = "No mailbox connected yet: click Authorize";
  } else if (connection.status === "reauth_needed" || connection.settingsChanged) {
    status = "reauth_needed";
    headline = "Re-authorization needed";
  } else if (connection.lastRefreshOk === false || connection.notes.some((n) => n.level === "error")) {
    status = "attention";
    headline = `Connected as ${connection.account ?? "the mailbox"}, but needs attention`;
  } else {
    status = "connected";
    headline = `Connected as ${connection.account ?? "the mailbox"}`;
  }

  return {
    now,
    status,
    headline,
    provider: {
      complete: missing.length === 0,
      missing,
      kind,
      label: providerLabel(kind),
      authUrl,
      tokenUrl,
      refreshUrl: str(oauth.refreshUrl),
      scopes,
      clientId: str(oauth.clientId),
      clientSecretSet: secretSet("clientSecret"),
      tenant: kind === "microsoft" ? tenantOf(authUrl || tokenUrl) : null,
      redirectUrl,
      redirectUrlConfigured: !!configuredRedirect,
      configRefreshTokenSet: secretSet("refreshToken"),
      refreshTokenExpiry: Number(oauth.refreshTokenExpiry),
      scopeNotes: scopeWarnings(kind, scopes),
      notes: providerNotes,
    },
    mail: {
      host: str(mail["smtp.host"]),
      port: Number(mail["smtp.port"]),
      security,
      requireTls: mail["smtp.requiretls"] === true,
      user: mailUser,
      fromAddress: str(mail["from.address"]),
      oauthFlow,
    },
    connection,
  };
}

type Row = NonNullable<Awaited<ReturnType<typeof readConnection>>>;

function connectionView(row: Row, ctx: { kind: ProviderKind; now: number; currentIssuerKey: string; mailUser: string; expirySeconds: number }): ConnectionView {
  const requested = parseScopes(row.requestedScopes) ?? [];
  const granted = parseScopes(row.grantedScopes);
  const notes: Note[] = [];
  const settingsChanged = row.issuerKey !== ctx.currentIssuerKey;
  if (settingsChanged) notes.push({ level: "error", message: "The client ID or token URL changed since this mailbox was authorized; its tokens belong to the old app. Authorize again." });
  for (const n of grantedScopeWarnings(row.providerKind as ProviderKind, granted)) notes.push({ level: n.level, message: n.message });
  if (row.account && ctx.mailUser && row.account.toLowerCase() !== ctx.mailUser.toLowerCase() && row.accountSource === "id_token") {
    notes.push({ level: "error", message: `The connected account is ${row.account}, but the Mail Service's SMTP user is ${ctx.mailUser}. The token only works for the mailbox that consented: change the SMTP user or authorize as ${ctx.mailUser}.` });
  }
  if (row.status === "connected" && !row.refreshToken) {
    notes.push({ level: "warning", message: "No refresh token: sending stops when the access token expires. Authorize again (Google: prompt=consent and access_type=offline; Microsoft: offline_access)." });
  }
  if (row.status === "connected" && row.refreshToken) {
    const issued = row.refreshTokenIssuedAt?.getTime() ?? row.authorizedAt.getTime();
    const lastUse = Math.max(issued, row.lastRefreshAt?.getTime() ?? 0);
    for (const limit of refreshTokenLimits(row.providerKind as ProviderKind)) {
      const since = limit.basis === "age" ? issued : lastUse;
      const days = (ctx.now - since) / DAY_MS;
      const end = day(since + limit.limitDays * DAY_MS);
      if (days >= limit.warnAfterDays) notes.push({ level: "warning", message: `${limit.message} (${Math.floor(days)} days so far; limit reached on ${end}.)` });
      else if (limit.basis === "age") notes.push({ level: "info", message: `${limit.message} (That would be on ${end}.)` });
    }
    if (Number.isFinite(ctx.expirySeconds) && ctx.expirySeconds > 0) {
      const ends = issued + ctx.expirySeconds * 1000;
      const left = ends - ctx.now;
      if (left <= 0) notes.push({ level: "error", message: `The refresh token expiry set in the OAuth2 provider (${ctx.expirySeconds} s) passed on ${day(ends)}. Authorize again.` });
      else if (left < Math.min(ctx.expirySeconds * 200, 7 * DAY_MS)) notes.push({ level: "warning", message: `The refresh token expires on ${day(ends)} (the OAuth2 provider's refresh token expiry). Authorize again before then.` });
    }
  }
  if (row.status === "connected" && row.lastRefreshOk === false && row.lastRefreshError) {
    notes.push({ level: "warning", message: `The last refresh failed: ${row.lastRefreshError}. Herald tries again on the next send.` });
  }
  return {
    status: row.status as ConnectionStatus,
    reason: row.reason,
    account: row.account,
    accountSource: row.accountSource,
    source: row.source,
    authorizedAt: row.authorizedAt.toISOString(),
    authorizedBy: row.authorizedBy,
    requestedScopes: requested,
    grantedScopes: granted,
    missingScopes: compareScopes(requested, granted).missing,
    accessTokenExpiresAt: row.accessToken ? iso(row.accessTokenExpiresAt) : null,
    hasRefreshToken: !!row.refreshToken,
    refreshTokenIssuedAt: row.refreshToken ? iso(row.refreshTokenIssuedAt) : null,
    refreshCount: row.refreshCount,
    rotations: row.rotations,
    lastRefreshAt: iso(row.lastRefreshAt),
    lastRefreshOk: row.lastRefreshOk,
    lastRefreshError: row.lastRefreshError,
    nextRefreshAt: iso(nextKeepAlive(row)),
    settingsChanged,
    notes,
  };
}
