import "server-only";
// OAuth2 for the Mail Service's XOAUTH2 sign-in (Gmail, Microsoft 365, any OAuth2 provider):
// presets, the Authorize flow (state + PKCE), the sealed token store, refresh without storms,
// health, and SMTP helpers. Browser code imports ./presets and ./explain directly instead.
export { getAccessToken, type AccessToken, type GetAccessTokenOptions } from "./tokens";
export { ReauthorizationNeededError, OAuthUnavailableError, isReauthorizationNeeded } from "./errors";
export { beginAuthorization, completeAuthorization, attemptOutcome, StateError, BINDING_COOKIE, BINDING_COOKIE_PATH, STATE_TTL_MS, type Outcome } from "./flow";
export { oauthHealth, type OAuthHealth, type ConnectionView, type HealthStatus } from "./health";
export { providerComplete, loadProviderContext, publicOrigin } from "./provider";
export { disconnect } from "./connection";
