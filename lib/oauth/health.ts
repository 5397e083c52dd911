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
import { healthText, type OAuthHealthKey } from "./health-texts";
import type { Keyed } from "@/lib/i18n/keyed";

export type HealthStatus = "not_configured" | "not_connected" | "connected" | "attention" | "reauth_needed";

export interface Note {
  level: "error" | "warning" | "info";
  message: string;
  /** The message by key ("oauth.health.<key>" in the catalogs), when Herald worded it. */
  text?: Keyed<OAuthHealthKey>;
  /** A scope note of lib/oauth/presets.ts by its code ("oauth.scopeNote.<code>"). */
  scopeNote?: Keyed;
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
  /** The headline by key ("oauth.health.<key>"). */
  headlineText: Keyed<OAuthHealthKey>;
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
  const missingItems = missingOAuthItems(oauth);
  const missing = missingItems.map((m) => m.label);
  const secretSet = (k: string) => {
    const v = oauthState.values[k];
    return typeof v === "object" && v !== null && "set" in v ? !!(v as { set: boolean }).set : false;
  };
  const configuredRedirect = str(oauth.authCodeRedirectUrl);
  const redirectUrl = configuredRedirect || defaultRedirectUrl(publicOrigin(opts.requestOrigin));
  const providerNotes: Note[] = [];
  for (const [which, url] of [["auth", authUrl], ["token", tokenUrl], ["refresh", str(oauth.refreshUrl)]] as const) {
    if (url && insecureUrl(url)) providerNotes.push({ level: "warning", ...healthText("insecureUrl", { which }) });
  }
  const mailUser = str(mail["smtp.user"]);
  const oauthFlow = mail["oauth.flow"] === true;
  const security: SmtpSecurity = mail["smtp.ssl"] === true ? "ssl" : mail["smtp.starttls"] === true ? "starttls" : "plain";

  const connection = row && row.status !== "disconnected" ? connectionView(row, { kind, now, currentIssuerKey: issuerKeyOf(str(oauth.clientId), effectiveRefreshUrl(oauth)), mailUser, expirySeconds: Number(oauth.refreshTokenExpiry) }) : null;

  let status: HealthStatus;
  let said: ReturnType<typeof healthText>;
  if (missing.length) {
    status = "not_configured";
    said = healthText("notConfigured", { missing: missing.join(", "), missingKeys: missingItems.map((m) => m.key).join(",") });
  } else if (!connection) {
    status = "not_connected";
    said = healthText("notConnected");
  } else if (connection.status === "reauth_needed" || connection.settingsChanged) {
    status = "reauth_needed";
    said = healthText("reauthNeeded");
  } else if (connection.lastRefreshOk === false || connection.notes.some((n) => n.level === "error")) {
    status = "attention";
    said = healthText("attention", { account: connection.account ?? "none" });
  } else {
    status = "connected";
    said = healthText("connected", { account: connection.account ?? "none" });
  }
  const headline = said.message;

  return {
    now,
    status,
    headline,
    headlineText: said.text,
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
  if (settingsChanged) notes.push({ level: "error", ...healthText("settingsChanged") });
  for (const n of grantedScopeWarnings(row.providerKind as ProviderKind, granted)) notes.push({ level: n.level, message: n.message, scopeNote: { key: n.code, values: n.values } });
  if (row.account && ctx.mailUser && row.account.toLowerCase() !== ctx.mailUser.toLowerCase() && row.accountSource === "id_token") {
    notes.push({ level: "error", ...healthText("accountMismatch", { account: row.account, user: ctx.mailUser }) });
  }
  if (row.status === "connected" && !row.refreshToken) {
    notes.push({ level: "warning", ...healthText("noRefreshToken") });
  }
  if (row.status === "connected" && row.refreshToken) {
    const issued = row.refreshTokenIssuedAt?.getTime() ?? row.authorizedAt.getTime();
    const lastUse = Math.max(issued, row.lastRefreshAt?.getTime() ?? 0);
    for (const limit of refreshTokenLimits(row.providerKind as ProviderKind)) {
      const since = limit.basis === "age" ? issued : lastUse;
      const days = (ctx.now - since) / DAY_MS;
      const end = day(since + limit.limitDays * DAY_MS);
      if (days >= limit.warnAfterDays) notes.push({ level: "warning", ...healthText("limitReached", { limit: limit.message, limitKey: limit.key, days: String(Math.floor(days)), end }) });
      else if (limit.basis === "age") notes.push({ level: "info", ...healthText("limitDate", { limit: limit.message, limitKey: limit.key, end }) });
    }
    if (Number.isFinite(ctx.expirySeconds) && ctx.expirySeconds > 0) {
      const ends = issued + ctx.expirySeconds * 1000;
      const left = ends - ctx.now;
      if (left <= 0) notes.push({ level: "error", ...healthText("expiryPassed", { seconds: String(ctx.expirySeconds), end: day(ends) }) });
      else if (left < Math.min(ctx.expirySeconds * 200, 7 * DAY_MS)) notes.push({ level: "warning", ...healthText("expirySoon", { end: day(ends) }) });
    }
  }
  if (row.status === "connected" && row.lastRefreshOk === false && row.lastRefreshError) {
    notes.push({ level: "warning", ...healthText("lastRefreshFailed", { error: row.lastRefreshError }) });
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
