import "server-only";
// The only code that talks to a token endpoint (RFC 6749 §4.1.3 and §6). Secrets go in the form
// body (client_secret_post, which Google and Microsoft accept), redirects are never followed (a
// redirect would carry the secrets elsewhere), and nothing here logs a request or response.
import { insecureCredentialUrl } from "@/lib/config/rules";
import { TokenEndpointError } from "./errors";

export interface TokenResponse {
  accessToken: string;
  tokenType: string;
  /** Seconds; 3600 when the provider did not say. */
  expiresIn: number;
  refreshToken?: string;
  /** Space-separated, as granted; undefined when the provider did not report it. */
  scope?: string;
  idToken?: string;
}

export const TOKEN_REQUEST_TIMEOUT_MS = 15_000;

function errorCodeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } })?.cause;
  const code = typeof cause?.code === "string" ? cause.code : (err as { name?: string })?.name;
  return code ?? "error";
}

/** POSTs a token request; resolves with the parsed token or throws TokenEndpointError. */
export async function postTokenRequest(url: string, params: Record<string, string | undefined>, timeoutMs = TOKEN_REQUEST_TIMEOUT_MS): Promise<TokenResponse> {
  // The last line of defence for settings stored before https was required (or read from a
  // placeholder): the client secret never leaves over plain http to another machine.
  const insecure = insecureCredentialUrl("The token URL", url);
  if (insecure) throw new TokenEndpointError("network", insecure, 0);
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") body.set(k, v);
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body,
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const code = errorCodeOf(err);
    throw new TokenEndpointError("network", code === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : `could not connect (${code})`, 0);
  }
  const text = await res.text().catch(() => "");
  let json: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
  } catch {
    json = null;
  }
  if (res.status >= 300 && res.status < 400) {
    throw new TokenEndpointError("invalid_response", `the token URL redirected (HTTP ${res.status}); enter the final URL`, res.status);
  }
  if (!res.ok || (json && typeof json.error === "string")) {
    if (json && typeof json.error === "string") {
      throw new TokenEndpointError(json.error, typeof json.error_description === "string" ? json.error_description : undefined, res.status);
    }
    throw new TokenEndpointError(res.status >= 500 ? "server_error" : "invalid_response", `HTTP ${res.status} without an OAuth2 error`, res.status);
  }
  if (!json || typeof json.access_token !== "string" || !json.access_token) {
    throw new TokenEndpointError("invalid_response", `HTTP ${res.status} without an access_token`, res.status);
  }
  const rawExpires = typeof json.expires_in === "string" ? Number(json.expires_in) : json.expires_in;
  const expiresIn = typeof rawExpires === "number" && Number.isFinite(rawExpires) && rawExpires > 0 ? rawExpires : 3600;
  return {
    accessToken: json.access_token,
    tokenType: typeof json.token_type === "string" ? json.token_type : "Bearer",
    expiresIn,
    refreshToken: typeof json.refresh_token === "string" && json.refresh_token ? json.refresh_token : undefined,
    scope: typeof json.scope === "string" ? json.scope : undefined,
    idToken: typeof json.id_token === "string" ? json.id_token : undefined,
  };
}

/**
 * The claims of an ID token, without verifying its signature: it came straight from the token
 * endpoint over the connection Herald opened (OpenID Connect Core §3.1.3.7 allows TLS server
 * validation in place of the signature check here). Returns null for anything malformed.
 */
export function decodeIdToken(idToken: string | undefined): Record<string, unknown> | null {
  if (!idToken) return null;
  const part = idToken.split(".")[1];
  if (!part) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return claims && typeof claims === "object" && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The mailbox an ID token names: email, then Microsoft's preferred_username / upn. */
export function accountFromClaims(claims: Record<string, unknown> | null): string | null {
  if (!claims) return null;
  for (const key of ["email", "preferred_username", "upn", "unique_name"]) {
    const v = claims[key];
    if (typeof v === "string" && /^[^\s@]+@[^\s@]+$/.test(v)) return v;
  }
  return null;
}
