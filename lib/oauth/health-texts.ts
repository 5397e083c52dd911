// The token health texts of lib/oauth/health.ts, by key: the English the API and the dashboard's
// English show, and the key under "oauth.health" in the catalogs that the OAuth page shows in the
// reader's language (the catalog test holds the English catalog to these). Pure.
import { englishOf, type Keyed, type KeyedValues } from "@/lib/i18n/keyed";

export const OAUTH_HEALTH_TEXTS = {
  notConfigured: "OAuth2 provider not configured (missing {missing})",
  notConnected: "No mailbox connected yet: click Authorize",
  reauthNeeded: "Re-authorization needed",
  attention: "Connected as {account, select, none {the mailbox} other {{account}}}, but needs attention",
  connected: "Connected as {account, select, none {the mailbox} other {{account}}}",
  insecureUrl: "The {which, select, auth {authorization URL} token {token URL} other {refresh URL}} uses plain http to another machine: tokens and the client secret would travel unencrypted. Use https.",
  settingsChanged: "The client ID or token URL changed since this mailbox was authorized; its tokens belong to the old app. Authorize again.",
  accountMismatch: "The connected account is {account}, but the Mail Service's SMTP user is {user}. The token only works for the mailbox that consented: change the SMTP user or authorize as {user}.",
  noRefreshToken: "No refresh token: sending stops when the access token expires. Authorize again (Google: prompt=consent and access_type=offline; Microsoft: offline_access).",
  limitReached: "{limit} ({days} days so far; limit reached on {end}.)",
  limitDate: "{limit} (That would be on {end}.)",
  expiryPassed: "The refresh token expiry set in the OAuth2 provider ({seconds} s) passed on {end}. Authorize again.",
  expirySoon: "The refresh token expires on {end} (the OAuth2 provider's refresh token expiry). Authorize again before then.",
  lastRefreshFailed: "The last refresh failed: {error}. Herald tries again on the next send.",
} as const;
export type OAuthHealthKey = keyof typeof OAUTH_HEALTH_TEXTS;

const english = englishOf(OAUTH_HEALTH_TEXTS);

/** The English of a health text, and its key for the console ("oauth.health.<key>"). */
export function healthText(key: OAuthHealthKey, values: KeyedValues = {}): { message: string; text: Keyed<OAuthHealthKey> } {
  return { message: english(key, values), text: { key, values } };
}
