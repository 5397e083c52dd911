// The OAuth2 errors' explanations (lib/oauth/explain.ts) and the Authorize outcomes and warnings
// (lib/oauth/flow.ts), by key: the English the API, the audit log and the CLI keep, and the key
// under "oauth.errors" in the catalogs that the OAuth page shows in the reader's language (the
// catalog test holds the English catalog to these). The provider's own words (error codes,
// error_description) are only ever values and stay verbatim. Pure.
import { englishOf, type Keyed, type KeyedValues } from "@/lib/i18n/keyed";

// {provider}: "google" | "microsoft" | "host" (with {host}) | "unknown" | other.
const PROVIDER = "{provider, select, google {Google} microsoft {Microsoft} host {The OAuth2 provider at {host}} unknown {The provider} other {The OAuth2 provider}}";

export const OAUTH_EXPLAIN_TEXTS = {
  redirectNotRegisteredMs: {
    title: "Redirect URL not registered (Microsoft)",
    explanation: "The redirect URL Herald sent{redirectUri, select, none {} other { ({redirectUri})}} is not among the app registration's redirect URIs. In Entra ID → App registrations → your app → Authentication, add it exactly (platform \"Web\").",
  },
  appNotFound: {
    title: "Application not found in the tenant",
    explanation: "The client ID does not exist in this tenant. Check the client ID, and use the tenant the app is registered in (or \"organizations\" for a multi-tenant app).",
  },
  wrongSecretMs: {
    title: "Wrong client secret (Microsoft)",
    explanation: "The client secret is not valid for this app: copy the secret's Value (not its Secret ID) into the OAuth2 provider settings.",
  },
  secretExpiredMs: {
    title: "Client secret expired (Microsoft)",
    explanation: "The app's client secret has expired. Create a new secret under Certificates & secrets and enter it in the OAuth2 provider settings; the connected mailbox stays authorized.",
  },
  unused90Days: {
    title: "Authorization expired after 90 days without use",
    explanation: "Microsoft discards a refresh token that was not used for 90 days. Authorize again.",
  },
  passwordChanged: {
    title: "Authorization revoked: password changed",
    explanation: "The mailbox's password was changed or its sessions were revoked, which ends every refresh token. Authorize again.",
  },
  policyExpired: {
    title: "Authorization expired by policy",
    explanation: "A Conditional Access sign-in frequency policy (or the single-page-app token limit) ended the refresh token. Authorize again; ask the tenant admin about the policy if it keeps happening.",
  },
  consentMissing: {
    title: "Consent missing",
    explanation: "The mailbox (or an admin) has not consented to the app's permissions, or consent was withdrawn. Authorize again; if the tenant blocks user consent, an admin must grant it in Entra ID → Enterprise applications.",
  },
  consentDeclined: {
    title: "Consent declined",
    explanation: "The consent screen was declined. Authorize again and accept the permissions.",
  },
  adminApproval: {
    title: "Admin approval required",
    explanation: "The tenant requires an administrator to approve this app. Ask a Global or Application administrator to grant admin consent for the app, then authorize again.",
  },
  mfaRequired: {
    title: "Multi-factor sign-in required",
    explanation: "The tenant requires multi-factor authentication again. Authorize again in the browser (Herald cannot do MFA itself).",
  },
  otherTenant: {
    title: "Account from another tenant",
    explanation: "The account that signed in belongs to a different tenant than the app allows. Sign in with the mailbox of your organization, or use \"organizations\" as the tenant for a multi-tenant app.",
  },
  tenantNotFound: {
    title: "Tenant not found",
    explanation: "The tenant in the authorization and token URLs does not exist. Use the Directory (tenant) ID from Entra ID → Overview, or your verified domain.",
  },
  invalidScopeMs: {
    title: "Invalid scope (Microsoft)",
    explanation: "Microsoft refused the requested scopes. Use openid, offline_access and https://outlook.office.com/SMTP.Send, and do not mix scopes of different resources (e.g. Graph and Outlook).",
  },
  mixedResources: {
    title: "Scopes of several resources",
    explanation: "A Microsoft token serves one resource: remove scopes of other APIs (e.g. https://graph.microsoft.com/…) and keep the outlook.office.com ones.",
  },
  signInFailed: {
    title: "Sign-in failed",
    explanation: "The user name or password entered at Microsoft was wrong. Authorize again.",
  },
  accountDisabled: {
    title: "Account disabled",
    explanation: "The mailbox account is disabled in Entra ID. Enable it or connect another mailbox.",
  },
  conditionalAccess: {
    title: "Blocked by Conditional Access",
    explanation: "A Conditional Access policy blocked the sign-in (for example, location or device rules). Ask the tenant admin to allow this app, then authorize again.",
  },
  codeRejected: {
    title: "Authorization code rejected",
    explanation: "The provider did not accept the authorization code (it expired, was already used, or the redirect URL or PKCE verifier did not match). Click Authorize again.",
  },
  refreshRejected: {
    title: "The refresh token was rejected",
    explanation: `{google, select, yes {Google says the token has expired or been revoked: the account's password changed, access was removed in the Google account's security settings, the token was unused for 6 months, or — for an app in "Testing" — 7 days have passed. Authorize again.} other {${PROVIDER} no longer accepts the stored refresh token (invalid_grant): it expired, was revoked, the password or consent changed, or it was replaced by a newer one. Authorize again.}}`,
  },
  clientRejected: {
    title: "Client ID or secret rejected",
    explanation: "The provider did not accept the client ID and secret. Check both in the OAuth2 provider settings (Microsoft client secrets expire; copy the secret's value, not its ID).",
  },
  grantNotAllowed: {
    title: "The app may not use this grant",
    explanation: "The app registration is not allowed to use the authorization-code or refresh-token flow. For Google use an OAuth client of type \"Web application\"; for Microsoft register the redirect URL under the \"Web\" platform.",
  },
  invalidScope: {
    title: "Invalid scope",
    explanation: "The provider refused one of the requested scopes. Use the preset's scopes (Google: https://mail.google.com/; Microsoft: offline_access and https://outlook.office.com/SMTP.Send).",
  },
  accessDenied: {
    title: "Access denied",
    explanation: "The sign-in was cancelled or consent was declined at the provider, so nothing changed. Authorize again and accept the permissions; in an organization an admin may have to approve the app first.",
  },
  redirectMismatch: {
    title: "Redirect URL not registered",
    explanation: "The redirect URL{redirectUri, select, none {} other { ({redirectUri})}} is not one of the app's authorized redirect URIs. Add it exactly at the provider (Google Cloud console → Credentials → your OAuth client → Authorized redirect URIs).",
  },
  adminPolicy: {
    title: "Blocked by the Workspace admin",
    explanation: "The Google Workspace administrator does not allow this app to access Gmail. Ask them to trust the app (Admin console → Security → API controls) and authorize again.",
  },
  orgInternal: {
    title: "App limited to its organization",
    explanation: "The Google app's user type is \"Internal\", and the mailbox belongs to another organization. Sign in with an account of the app's Workspace, or make the app External.",
  },
  interactionRequired: {
    title: "Sign-in or consent required",
    explanation: "The provider needs the mailbox owner to sign in or consent interactively. Authorize again.",
  },
  unavailableAuthorize: {
    title: "The provider is unavailable",
    explanation: `${PROVIDER} reported a temporary problem, so the mailbox was not connected. Click Authorize again in a few minutes.`,
  },
  unavailableRefresh: {
    title: "The provider is unavailable",
    explanation: "The OAuth2 provider reported a temporary problem. Herald tries the refresh again with the next message.",
  },
  unsupportedResponseType: {
    title: "Provider refused the request type",
    explanation: "The authorization URL does not support the authorization-code flow. Check that it is the provider's authorization endpoint.",
  },
  invalidRequest: {
    title: "Request refused by the provider",
    explanation: "The provider considered the request malformed. Check the authorization, token and redirect URLs and the client ID.",
  },
  networkAuthorize: {
    title: "The provider could not be reached",
    explanation: "Herald could not connect to the token URL (network, DNS, proxy or TLS problem), so the authorization code could not be exchanged and the mailbox was not connected. Nothing retries a code: check the token URL and the network, then click Authorize again.",
  },
  networkRefresh: {
    title: "The provider could not be reached",
    explanation: "Herald could not connect to the token URL (network, DNS, proxy or TLS problem). It tries the refresh again with the next message; check the URL and the network if it persists.",
  },
  invalidResponse: {
    title: "Unexpected answer from the token URL",
    explanation: "The token URL did not answer with an OAuth2 token response. Check that it is the provider's token endpoint.",
  },
  other: {
    title: "The provider answered \"{code}\"",
    explanation: "The OAuth2 provider refused the request. The provider's description below says why.",
  },
  connected: {
    title: "Connected{account, select, none {} other { as {account}}}",
    explanation: "Herald now sends with XOAUTH2 and renews the access token by itself before it expires.",
  },
  missingCode: {
    title: "No authorization code",
    explanation: "The provider came back without a code or an error. Start again with the Authorize button.",
  },
  settingsChanged: {
    title: "The provider settings changed",
    explanation: "The client ID or token URL was changed while you were at the provider. Authorize again with the current settings.",
  },
  nonceMismatch: {
    title: "The ID token does not belong to this sign-in",
    explanation: "Its nonce differs from the one Herald sent, so the answer was not stored. Authorize again.",
  },
  serverFailure: {
    title: "The authorization could not be completed",
    explanation: "{message, select, none {Something went wrong on the server; nothing was stored. Try again.} other {{message}}}",
  },
  warning: {
    notGranted: "The provider did not grant: {scopes}.",
    otherAccount: "You signed in as {account}, but the Mail Service's SMTP user is {user}. XOAUTH2 logs in as the SMTP user, and the token only works for the mailbox that consented: set the SMTP user to {account} or authorize as {user}.",
    noRefreshToken: "The provider issued no refresh token, so sending stops when this access token expires. Google: the preset asks for access_type=offline with prompt=consent — remove Herald under your Google account's third-party access and authorize again. Microsoft and others: request offline_access.",
  },
} as const;

export type OAuthExplainKey = Exclude<keyof typeof OAUTH_EXPLAIN_TEXTS, "warning">;
export type OAuthWarningKey = keyof typeof OAUTH_EXPLAIN_TEXTS.warning;

const english = englishOf(OAUTH_EXPLAIN_TEXTS);

/** The English title and explanation of a key, and the key for the console ("oauth.errors.<key>"). */
export function oauthText(key: OAuthExplainKey, values: KeyedValues = {}): { title: string; explanation: string; text: Keyed<OAuthExplainKey> } {
  return { title: english(`${key}.title`, values), explanation: english(`${key}.explanation`, values), text: { key, values } };
}

/** An Authorize warning in English, and its key ("oauth.errors.warning.<key>"). */
export function oauthWarning(key: OAuthWarningKey, values: KeyedValues = {}): { message: string; text: Keyed<OAuthWarningKey> } {
  return { message: english(`warning.${key}`, values), text: { key, values } };
}
