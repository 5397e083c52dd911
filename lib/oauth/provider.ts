import "server-only";
// The OAuth2 provider and Mail Service settings as the OAuth flow uses them: read from the config
// store (CQ Mail SMTP OAuth2 Provider + Day CQ Mail Service), secrets opened, placeholders resolved.
import { insecureCredentialUrl } from "@/lib/config/rules";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { effectiveConfig, storedValues } from "@/lib/config/store";
import { MAIL_SERVICE_PID, OAUTH_PROVIDER_PID, effectiveRefreshUrl, missingOAuthItems } from "@/lib/config/services";
import type { MailSettings } from "@/lib/mail/settings";
import { defaultRedirectUrl, detectProviderKind, type ProviderKind } from "./presets";
import { OAuthUnavailableError } from "./errors";

export interface ProviderContext {
  kind: ProviderKind;
  authUrl: string;
  tokenUrl: string;
  /** refreshUrl, or the token URL when it is blank. */
  refreshUrl: string;
  scopes: string[];
  clientId: string;
  /** Opened; "" for a public client. Server-side only. */
  clientSecret: string;
  /** A refresh token entered in the configuration (import path); "" when none. Server-side only. */
  configRefreshToken: string;
  /** Seconds, -1 = never (AEM's refreshTokenExpiry). */
  refreshTokenExpiry: number;
  /** The redirect URL sent to the provider: the configured one, else this console's token endpoint. */
  redirectUri: string;
  redirectUriConfigured: boolean;
  /**
   * Which app and token server the tokens belong to ("<client id> @ <origin of the refresh URL>").
   * A refresh token is only ever sent where it came from.
   */
  issuerKey: string;
  mail: MailSettings;
}

/** The console's public origin: NEXTAUTH_URL, else the request's, else localhost. */
export function publicOrigin(requestOrigin?: string): string {
  const configured = env().NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  return requestOrigin ?? `http://localhost:${env().PORT}`;
}

export function issuerKeyOf(clientId: string, refreshUrl: string): string {
  let origin = refreshUrl;
  try {
    origin = new URL(refreshUrl).origin;
  } catch {
    // keep the raw text: an unparsable URL still identifies the setting
  }
  return `${clientId.trim()} @ ${origin}`;
}

/** The keys the OAuth flow still needs ([] when complete), from the stored values (no secrets opened). */
export async function missingProviderItems(): Promise<{ key: string; label: string }[]> {
  return missingOAuthItems(await storedValues(OAUTH_PROVIDER_PID));
}

/** Whether /api/mailer/oauth2/* are enabled (AEM keeps them as disabled components until then). */
export async function providerComplete(): Promise<boolean> {
  return (await missingProviderItems()).length === 0;
}

function str(v: unknown): string {
  return typeof v === "string" ? v.trim() : "";
}

/**
 * Everything the flow needs, secrets opened. Throws OAuthUnavailableError("not_configured") while
 * the provider is incomplete, and AppError("unavailable") when a secret cannot be opened or a
 * $[env:…] placeholder is missing.
 */
export async function loadProviderContext(requestOrigin?: string): Promise<ProviderContext> {
  const missing = await missingProviderItems();
  if (missing.length) {
    throw new OAuthUnavailableError("not_configured", `The OAuth2 provider is not configured: missing ${missing.map((m) => m.label).join(", ")}.`, false);
  }
  let oauth: Record<string, unknown>;
  let mail: MailSettings;
  try {
    [oauth, mail] = await Promise.all([effectiveConfig(OAUTH_PROVIDER_PID), effectiveConfig(MAIL_SERVICE_PID)]);
  } catch (e) {
    if (e instanceof AppError) throw new OAuthUnavailableError("not_configured", e.message, false);
    throw e;
  }
  const tokenUrl = str(oauth.tokenUrl);
  const refreshUrl = effectiveRefreshUrl(oauth);
  // Checked again at use: settings saved before https was required, or URLs from placeholders.
  for (const [label, url] of [["Authorization URL", str(oauth.authUrl)], ["Token URL", tokenUrl], ["Refresh token URL", refreshUrl]] as const) {
    const insecure = url ? insecureCredentialUrl(label, url) : null;
    if (insecure) throw new OAuthUnavailableError("not_configured", insecure, false);
  }
  const clientId = str(oauth.clientId);
  const configuredRedirect = str(oauth.authCodeRedirectUrl);
  return {
    kind: detectProviderKind({ authUrl: str(oauth.authUrl), tokenUrl }),
    authUrl: str(oauth.authUrl),
    tokenUrl,
    refreshUrl,
    scopes: (Array.isArray(oauth.scopes) ? oauth.scopes : []).map(str).filter(Boolean),
    clientId,
    clientSecret: typeof oauth.clientSecret === "string" ? oauth.clientSecret : "",
    configRefreshToken: typeof oauth.refreshToken === "string" ? oauth.refreshToken.trim() : "",
    refreshTokenExpiry: typeof oauth.refreshTokenExpiry === "number" ? oauth.refreshTokenExpiry : -1,
    redirectUri: configuredRedirect || defaultRedirectUrl(publicOrigin(requestOrigin)),
    redirectUriConfigured: !!configuredRedirect,
    issuerKey: issuerKeyOf(clientId, refreshUrl),
    mail,
  };
}
