// The OAuth2 provider's error codes (RFC 6749 §4.1.2.1 and §5.2, plus Microsoft's AADSTS numbers
// and Google's extras) in plain words, each with what to do. Pure: no server imports.

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

/** "Google", "Microsoft" or "The OAuth2 provider at <host>" — as the admin configured it. */
export function providerName(p: Ctx["provider"]): string {
  if (!p) return "The provider";
  if (p.kind === "google") return "Google";
  if (p.kind === "microsoft") return "Microsoft";
  try {
    return `The OAuth2 provider at ${new URL(p.tokenUrl ?? "").host}`;
  } catch {
    return "The OAuth2 provider";
  }
}

/** Explains an OAuth2 error response. */
export function explainOAuthError(error: string, description?: string | null, ctx: Ctx = {}): OAuthExplained {
  const code = (error || "unknown").trim();
  const desc = cleanDescription(description);
  const aadsts = /AADSTS(\d+)/.exec(desc ?? "")?.[1];
  const base = { error: code, ...(desc ? { description: desc } : {}), ...(aadsts ? { aadsts: `AADSTS${aadsts}` } : {}) };
  const out = (title: string, explanation: string, flags: { reauthorize?: boolean; transient?: boolean } = {}): OAuthExplained => ({
    ...base,
    title,
    explanation,
    reauthorize: !!flags.reauthorize,
    transient: !!flags.transient,
  });
  const reauth = { reauthorize: true };

  // --- Microsoft's numbered reasons first: they are the most precise --------------------------
  switch (aadsts) {
    case "50011":
      return out("Redirect URL not registered (Microsoft)", `The redirect URL Herald sent${ctx.redirectUri ? ` (${ctx.redirectUri})` : ""} is not among the app registration's redirect URIs. In Entra ID → App registrations → your app → Authentication, add it exactly (platform "Web").`);
    case "700016":
      return out("Application not found in the tenant", "The client ID does not exist in this tenant. Check the client ID, and use the tenant the app is registered in (or \"organizations\" for a multi-tenant app).");
    case "7000215":
      return out("Wrong client secret (Microsoft)", "The client secret is not valid for this app: copy the secret's Value (not its Secret ID) into the OAuth2 provider settings.");
    case "7000222":
      return out("Client secret expired (Microsoft)", "The app's client secret has expired. Create a new secret under Certificates & secrets and enter it in the OAuth2 provider settings; the connected mailbox stays authorized.");
    case "700082":
      return out("Authorization expired after 90 days without use", "Microsoft discards a refresh token that was not used for 90 days. Authorize again.", reauth);
    case "50173":
    case "50133":
      return out("Authorization revoked: password changed", "The mailbox's password was changed or its sessions were revoked, which ends every refresh token. Authorize again.", reauth);
    case "70043":
    case "700084":
      return out("Authorization expired by policy", "A Conditional Access sign-in frequency policy (or the single-page-app token limit) ended the refresh token. Authorize again; ask the tenant admin about the policy if it keeps happening.", reauth);
    case "65001":
      return out("Consent missing", "The mailbox (or an admin) has not consented to the app's permissions, or consent was withdrawn. Authorize again; if the tenant blocks user consent, an admin must grant it in Entra ID → Enterprise applications.", reauth);
    case "65004":
      return out("Consent declined", "The consent screen was declined. Authorize again and accept the permissions.", reauth);
    case "90094":
    case "90095":
      return out("Admin approval required", "The tenant requires an administrator to approve this app. Ask a Global or Application administrator to grant admin consent for the app, then authorize again.", reauth);
    case "50076":
    case "50079":
      return out("Multi-factor sign-in required", "The tenant requires multi-factor authentication again. Authorize again in the browser (Herald cannot do MFA itself).", reauth);
    case "50020":
      return out("Account from another tenant", "The account that signed in belongs to a different tenant than the app allows. Sign in with the mailbox of your organization, or use \"organizations\" as the tenant for a multi-tenant app.");
    case "90002":
      return out("Tenant not found", "The tenant in the authorization and token URLs does not exist. Use the Directory (tenant) ID from Entra ID → Overview, or your verified domain.");
    case "70011":
      return out("Invalid scope (Microsoft)", "Microsoft refused the requested scopes. Use openid, offline_access and https://outlook.office.com/SMTP.Send, and do not mix scopes of different resources (e.g. Graph and Outlook).");
    case "28000":
    case "28003":
      return out("Scopes of several resources", "A Microsoft token serves one resource: remove scopes of other APIs (e.g. https://graph.microsoft.com/…) and keep the outlook.office.com ones.");
    case "50126":
      return out("Sign-in failed", "The user name or password entered at Microsoft was wrong. Authorize again.", reauth);
    case "50057":
      return out("Account disabled", "The mailbox account is disabled in Entra ID. Enable it or connect another mailbox.", reauth);
    case "53003":
      return out("Blocked by Conditional Access", "A Conditional Access policy blocked the sign-in (for example, location or device rules). Ask the tenant admin to allow this app, then authorize again.", reauth);
    default:
      break;
  }

  switch (code) {
    case "invalid_grant": {
      if (ctx.stage === "token") {
        return out("Authorization code rejected", "The provider did not accept the authorization code (it expired, was already used, or the redirect URL or PKCE verifier did not match). Click Authorize again.", reauth);
      }
      // Google's own wording only when the configured provider is Google (a custom provider may
      // echo the same description; its admin must not be sent to Google's settings).
      const google = ctx.provider ? ctx.provider.kind === "google" : /Token has been expired or revoked/i.test(desc ?? "");
      return out(
        "The refresh token was rejected",
        google
          ? "Google says the token has expired or been revoked: the account's password changed, access was removed in the Google account's security settings, the token was unused for 6 months, or — for an app in \"Testing\" — 7 days have passed. Authorize again."
          : `${providerName(ctx.provider)} no longer accepts the stored refresh token (invalid_grant): it expired, was revoked, the password or consent changed, or it was replaced by a newer one. Authorize again.`,
        reauth,
      );
    }
    case "invalid_client":
    case "unauthorized_client":
      return out(
        code === "invalid_client" ? "Client ID or secret rejected" : "The app may not use this grant",
        code === "invalid_client"
          ? "The provider did not accept the client ID and secret. Check both in the OAuth2 provider settings (Microsoft client secrets expire; copy the secret's value, not its ID)."
          : "The app registration is not allowed to use the authorization-code or refresh-token flow. For Google use an OAuth client of type \"Web application\"; for Microsoft register the redirect URL under the \"Web\" platform.",
      );
    case "invalid_scope":
      return out("Invalid scope", "The provider refused one of the requested scopes. Use the preset's scopes (Google: https://mail.google.com/; Microsoft: offline_access and https://outlook.office.com/SMTP.Send).");
    case "access_denied":
      return out("Access denied", "The sign-in was cancelled or consent was declined at the provider, so nothing changed. Authorize again and accept the permissions; in an organization an admin may have to approve the app first.", reauth);
    case "redirect_uri_mismatch":
      return out("Redirect URL not registered", `The redirect URL${ctx.redirectUri ? ` (${ctx.redirectUri})` : ""} is not one of the app's authorized redirect URIs. Add it exactly at the provider (Google Cloud console → Credentials → your OAuth client → Authorized redirect URIs).`);
    case "admin_policy_enforced":
      return out("Blocked by the Workspace admin", "The Google Workspace administrator does not allow this app to access Gmail. Ask them to trust the app (Admin console → Security → API controls) and authorize again.", reauth);
    case "org_internal":
      return out("App limited to its organization", "The Google app's user type is \"Internal\", and the mailbox belongs to another organization. Sign in with an account of the app's Workspace, or make the app External.", reauth);
    case "consent_required":
    case "interaction_required":
    case "login_required":
      return out("Sign-in or consent required", "The provider needs the mailbox owner to sign in or consent interactively. Authorize again.", reauth);
    case "temporarily_unavailable":
    case "server_error":
      // An authorization code is used once, within minutes: nothing retries it for the admin.
      return ctx.stage === "token" || ctx.stage === "authorize"
        ? out("The provider is unavailable", `${providerName(ctx.provider)} reported a temporary problem, so the mailbox was not connected. Click Authorize again in a few minutes.`)
        : out("The provider is unavailable", "The OAuth2 provider reported a temporary problem. Herald tries the refresh again with the next message.", { transient: true });
    case "unsupported_response_type":
      return out("Provider refused the request type", "The authorization URL does not support the authorization-code flow. Check that it is the provider's authorization endpoint.");
    case "invalid_request":
      return out("Request refused by the provider", "The provider considered the request malformed. Check the authorization, token and redirect URLs and the client ID.");
    case "network":
      return ctx.stage === "token" || ctx.stage === "authorize"
        ? out("The provider could not be reached", "Herald could not connect to the token URL (network, DNS, proxy or TLS problem), so the authorization code could not be exchanged and the mailbox was not connected. Nothing retries a code: check the token URL and the network, then click Authorize again.")
        : out("The provider could not be reached", "Herald could not connect to the token URL (network, DNS, proxy or TLS problem). It tries the refresh again with the next message; check the URL and the network if it persists.", { transient: true });
    case "invalid_response":
      return out("Unexpected answer from the token URL", "The token URL did not answer with an OAuth2 token response. Check that it is the provider's token endpoint.");
    default:
      return out(`The provider answered "${code}"`, "The OAuth2 provider refused the request. The provider's description below says why.");
  }
}
