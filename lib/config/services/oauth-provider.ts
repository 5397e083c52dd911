/**
 * CQ Mail SMTP OAuth2 Provider — the OAuth2 client the Mail Service uses for XOAUTH2
 * (AEM: com.day.cq.mailer.oauth.impl.OAuthConfigurationProviderImpl).
 */
import { z } from "zod";
import { defineService } from "../define";
import { integerSchema, secretSchema, stringListSchema, textSchema, urlSchema } from "../rules";
// The provider URLs and scopes quoted in the help come from the OAuth page's presets (one source).
import { PRESET_FIELD_HELP } from "@/lib/oauth/presets";
import { VALIDATION } from "@/lib/validations/messages";

export const OAUTH_PROVIDER_PID = "com.day.cq.mailer.oauth.impl.OAuthConfigurationProviderImpl";

export const OAUTH_LABELS = {
  authUrl: "Authorization URL",
  tokenUrl: "Token URL",
  scopes: "Scopes",
  clientId: "Client ID",
  clientSecret: "Client secret",
  refreshUrl: "Refresh token URL",
  refreshToken: "Refresh token",
  refreshTokenExpiry: "Refresh token expiry",
  authCodeRedirectUrl: "Auth code redirect URL",
} as const;

const L = OAUTH_LABELS;

export const oauthProvider = defineService({
  pid: OAUTH_PROVIDER_PID,
  name: "CQ Mail SMTP OAuth2 Provider",
  description:
    "The OAuth2 application registered at Google or Microsoft that lets the Mail Service sign in with XOAUTH2 instead of a password.",
  group: "Mail",
  icon: "key",
  envPrefix: "OAUTH",
  schema: z.strictObject({
    authUrl: urlSchema(L.authUrl, { httpsUnlessLoopback: true }),
    tokenUrl: urlSchema(L.tokenUrl, { httpsUnlessLoopback: true }),
    scopes: stringListSchema(L.scopes, { itemLabel: "Scope", noSpaces: true, maxItems: 50 }),
    clientId: textSchema(L.clientId, { maxLength: 500 }),
    clientSecret: secretSchema(L.clientSecret),
    refreshUrl: urlSchema(L.refreshUrl, { httpsUnlessLoopback: true }),
    refreshToken: secretSchema(L.refreshToken),
    refreshTokenExpiry: integerSchema(L.refreshTokenExpiry, {
      min: 1,
      max: 2147483647,
      also: [-1],
      hint: "or -1 for never",
    }),
    authCodeRedirectUrl: urlSchema(L.authCodeRedirectUrl),
  }),
  fields: [
    {
      key: "authUrl",
      label: L.authUrl,
      type: "string",
      format: "url",
      default: "",
      placeholder: PRESET_FIELD_HELP.authUrlPlaceholder,
      help: PRESET_FIELD_HELP.authUrl,
    },
    {
      key: "tokenUrl",
      label: L.tokenUrl,
      type: "string",
      format: "url",
      default: "",
      placeholder: PRESET_FIELD_HELP.tokenUrlPlaceholder,
      help: PRESET_FIELD_HELP.tokenUrl,
    },
    {
      key: "scopes",
      label: L.scopes,
      type: "stringList",
      itemLabel: "Scope",
      default: [],
      placeholder: PRESET_FIELD_HELP.scopesPlaceholder,
      help: PRESET_FIELD_HELP.scopes,
    },
    {
      key: "clientId",
      label: L.clientId,
      type: "string",
      default: "",
      help: "The application (client) ID you got when registering the app at the provider.",
    },
    {
      key: "clientSecret",
      label: L.clientSecret,
      type: "secret",
      default: "",
      envName: "HERALD_OAUTH_CLIENT_SECRET",
      help:
        "The client secret of the registered app. Stored encrypted and never shown again; a placeholder such as $[secret:HERALD_OAUTH_CLIENT_SECRET] reads it from the server's environment instead.",
    },
    {
      key: "refreshUrl",
      label: L.refreshUrl,
      type: "string",
      format: "url",
      default: "",
      help:
        "Where an expired access token is renewed with the refresh token. For Gmail and Microsoft 365 it is the token URL; when left blank Herald uses the token URL.",
    },
    {
      key: "refreshToken",
      label: L.refreshToken,
      type: "secret",
      default: "",
      envName: "HERALD_OAUTH_REFRESH_TOKEN",
      help:
        "Normally filled in by the Authorize flow (AEM keeps it under /conf/global/settings/mailer/oauth); enter one only if you obtained it elsewhere. Stored encrypted, never shown.",
    },
    {
      key: "refreshTokenExpiry",
      label: L.refreshTokenExpiry,
      type: "number",
      integer: true,
      min: -1,
      max: 2147483647,
      unit: "seconds",
      default: -1,
      help:
        "How long the refresh token stays valid, in seconds; -1 (AEM's default) means it never expires. Herald asks you to authorize again once it has expired.",
    },
    {
      key: "authCodeRedirectUrl",
      label: L.authCodeRedirectUrl,
      type: "string",
      format: "url",
      default: "",
      placeholder: "https://herald.example.com/api/mailer/oauth2/token",
      help:
        "Where the provider sends you back with the authorization code: Herald's token endpoint (/api/mailer/oauth2/token on this console's address; AEM: /services/mailer/oauth2/token). Register exactly this URL at the provider.",
    },
  ],
});

function filled(v: unknown): boolean {
  return typeof v === "string" && v.trim() !== "";
}

/** The URL used to refresh tokens: refreshUrl, or tokenUrl when it is blank. */
export function effectiveRefreshUrl(values: Record<string, unknown>): string {
  return filled(values.refreshUrl) ? String(values.refreshUrl).trim() : String(values.tokenUrl ?? "").trim();
}

/**
 * What the OAuth flow still needs from this configuration: the keys and how to say them in a
 * message ({ key: "scopes", label: "at least one scope" }); [] when complete. The refresh URL is
 * not needed: it falls back to the token URL.
 */
export function missingOAuthItems(values: Record<string, unknown> | undefined): { key: string; label: string }[] {
  const v = values ?? {};
  const missing: { key: string; label: string }[] = [];
  if (!filled(v.authUrl)) missing.push({ key: "authUrl", label: L.authUrl });
  if (!filled(v.tokenUrl)) missing.push({ key: "tokenUrl", label: L.tokenUrl });
  if (!filled(v.clientId)) missing.push({ key: "clientId", label: L.clientId });
  const scopes = Array.isArray(v.scopes) ? v.scopes.filter(filled) : [];
  if (scopes.length === 0) missing.push({ key: "scopes", label: VALIDATION.cfgAtLeastOneScope });
  return missing;
}
