import "server-only";
// OAuth2 for the Mail Service's XOAUTH2 sign-in (Gmail, Microsoft 365, any OAuth2 provider):
// presets, the Authorize flow (state + PKCE), the sealed token store, refresh without storms,
// health, and SMTP helpers. Browser code imports ./presets and ./explain directly instead.
export { OAuthUnavailableError } from "./errors";
export { beginAuthorization, completeAuthorization, StateError, BINDING_COOKIE, BINDING_COOKIE_PATH, STATE_TTL_MS } from "./flow";
export { oauthHealth } from "./health";
export { providerComplete, publicOrigin } from "./provider";
