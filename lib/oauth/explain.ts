// The OAuth2 provider's error codes (RFC 6749 §4.1.2.1 and §5.2, plus Microsoft's AADSTS numbers
// and Google's extras) in plain words, each with what to do. Pure: no server imports.
import type { Keyed, KeyedValues } from "@/lib/i18n/keyed";
import { oauthText, type OAuthExplainKey } from "./explain-texts";

export interface OAuthExplained {
  /** The provider's error code, e.g. "invalid_grant", or Herald's own ("network", "state"). */
  error: string;
  title: string;
  explanation: string;
  /** The stored authorization is dead: only a new Authorize helps. */
  reauthorize: boolean;
  /** Trying again later may work (network, provider outage). */
  transient: boolean;
  /** The provider's own words, shortened; never contains a token. */
  description?: string;
  /** AADSTS code when Microsoft gave one. */
  aadsts?: string;
  /** The title and explanation by key ("oauth.errors.<key>" in the catalogs). */
  text?: Keyed<OAuthExplainKey>;
}

const MAX_DESCRIPTION = 400;

/** Keeps a provider's error_description short and on one line. */
export function cleanDescription(d: string | undefined | null): string | undefined {
  if (!d) return undefined;
  const one = String(d).replace(/\s+/g, " ").trim();
  if (!one) return undefined;
  return one.length > MAX_DESCRIPTION ? `${one.slice(0, MAX_DESCRIPTION)}…` : one;
}

interface Ctx {
  /** The redirect URL that was sent, for redirect mismatches. */
  redirectUri?: string;
  /** Whether the error came from the authorization redirect or the token endpoint. */
  stage?: "authorize" | "token" | "refresh";
  /** The configured provider, so that the text names it (never "Google says…" for another). */
  provider?: { kind: "google" | "microsoft" | "custom"; tokenUrl?: string };
}

/** Which provider the texts name ({provider} in lib/oauth/explain-texts.ts) — as the admin configured it. */
export function providerValues(p: Ctx["provider"]): { provider: string; host?: string } {
  if (!p) return { provider: "unknown" };
  if (p.kind === "google" || p.kind === "microsoft") return { provider: p.kind };
  try {
    return { provider: "host", host: new URL(p.tokenUrl ?? "").host };
  } catch {
    return { provider: "other" };
  }
}

/** Explains an OAuth2 error response. */
export function explainOAuthError(error: string, description?: string | null, ctx: Ctx = {}): OAuthExplained {
  const code = (error || "unknown").trim();
  const desc = cleanDescription(description);
  const aadsts = /AADSTS(\d+)/.exec(desc ?? "")?.[1];
  const base = { error: code, ...(desc ? { description: desc } : {}), ...(aadsts ? { aadsts: `AADSTS${aadsts}` } : {}) };
  const out = (key: OAuthExplainKey, values: KeyedValues = {}, flags: { reauthorize?: boolean; transient?: boolean } = {}): OAuthExplained => ({
    ...base,
    ...oauthText(key, values),
    reauthorize: !!flags.reauthorize,
    transient: !!flags.transient,
  });
  const reauth = { reauthorize: true };
  const redirect = { redirectUri: ctx.redirectUri || "none" };
  const provider = providerValues(ctx.provider);

  // --- Microsoft's numbered reasons first: they are the most precise --------------------------
  switch (aadsts) {
    case "50011":
      return out("redirectNotRegisteredMs", redirect);
    case "700016":
      return out("appNotFound");
    case "7000215":
      return out("wrongSecretMs");
    case "7000222":
      return out("secretExpiredMs");
    case "700082":
      return out("unused90Days", {}, reauth);
    case "50173":
    case "50133":
      return out("passwordChanged", {}, reauth);
    case "70043":
    case "700084":
      return out("policyExpired", {}, reauth);
    case "65001":
      return out("consentMissing", {}, reauth);
    case "65004":
      return out("consentDeclined", {}, reauth);
    case "90094":
    case "90095":
      return out("adminApproval", {}, reauth);
    case "50076":
    case "50079":
      return out("mfaRequired", {}, reauth);
    case "50020":
      return out("otherTenant");
    case "90002":
      return out("tenantNotFound");
    case "70011":
      return out("invalidScopeMs");
    case "28000":
    case "28003":
      return out("mixedResources");
    case "50126":
      return out("signInFailed", {}, reauth);
    case "50057":
      return out("accountDisabled", {}, reauth);
    case "53003":
      return out("conditionalAccess", {}, reauth);
    default:
      break;
  }

  switch (code) {
    case "invalid_grant": {
      if (ctx.stage === "token") return out("codeRejected", {}, reauth);
      // Google's own wording only when the configured provider is Google (a custom provider may
      // echo the same description; its admin must not be sent to Google's settings).
      const google = ctx.provider ? ctx.provider.kind === "google" : /Token has been expired or revoked/i.test(desc ?? "");
      return out("refreshRejected", { google: google ? "yes" : "no", ...provider }, reauth);
    }
    case "invalid_client":
      return out("clientRejected");
    case "unauthorized_client":
      return out("grantNotAllowed");
    case "invalid_scope":
      return out("invalidScope");
    case "access_denied":
      return out("accessDenied", {}, reauth);
    case "redirect_uri_mismatch":
      return out("redirectMismatch", redirect);
    case "admin_policy_enforced":
      return out("adminPolicy", {}, reauth);
    case "org_internal":
      return out("orgInternal", {}, reauth);
    case "consent_required":
    case "interaction_required":
    case "login_required":
      return out("interactionRequired", {}, reauth);
    case "temporarily_unavailable":
    case "server_error":
      // An authorization code is used once, within minutes: nothing retries it for the admin.
      return ctx.stage === "token" || ctx.stage === "authorize" ? out("unavailableAuthorize", provider) : out("unavailableRefresh", {}, { transient: true });
    case "unsupported_response_type":
      return out("unsupportedResponseType");
    case "invalid_request":
      return out("invalidRequest");
    case "network":
      return ctx.stage === "token" || ctx.stage === "authorize" ? out("networkAuthorize") : out("networkRefresh", {}, { transient: true });
    case "invalid_response":
      return out("invalidResponse");
    default:
      return out("other", { code });
  }
}
