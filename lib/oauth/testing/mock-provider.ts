// A real OAuth2 server on 127.0.0.1 for unit and end-to-end tests: oauth2-mock-server (it signs
// real JWTs with a real RSA key) plus the checks a real provider makes and the mock leaves out —
// client ID and secret, the authorization code (known, single use, same redirect URI), PKCE
// required, refresh tokens that must be known and that rotate like Microsoft's (the presented
// one dies on use) — and switches to answer invalid_grant, shorten expires_in or slow down.
// oauth2-mock-server is ESM only: it is loaded with a dynamic import.
import { createPublicKey, randomUUID, verify as verifySignature, type JsonWebKey } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface MockProviderOptions {
  clientId?: string;
  clientSecret?: string;
  /** expires_in (and the JWT's exp) of access tokens, in seconds. Default 3600. */
  accessTtl?: number;
  /** Rotate refresh tokens (Microsoft). false: keep the first one and omit it from refresh answers (Google). Default true. */
  rotate?: boolean;
  /** The email claim of the ID token (the account that "consented"). */
  email?: string;
  /** Change the granted scope string (default: exactly what was requested). */
  grant?: (requested: string) => string;
}

export interface TokenRequestLog {
  grantType: string;
  clientId?: string;
  clientSecretOk: boolean;
  refreshToken?: string;
  codeVerifier?: string;
  redirectUri?: string;
  scope?: string;
  status: number;
  error?: string;
  at: number;
}

export interface VerifyResult {
  ok: boolean;
  reason?: string;
  claims?: Record<string, unknown>;
}

export interface MockProvider {
  /** http://127.0.0.1:<port> */
  url: string;
  authUrl: string;
  /** The token endpoint (passes through a route that can be slowed down, see setDelay). */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Every token request, in order. */
  requests: TokenRequestLog[];
  /** Every token this server handed out (to assert that none leaks anywhere). */
  issued: { accessTokens: string[]; refreshTokens: string[]; idTokens: string[] };
  /** Authorization requests as received (query parameters). */
  authorizeRequests: Record<string, string>[];
  /** Refresh-grant requests that were answered with tokens. */
  refreshCount(): number;
  setAccessTtl(seconds: number): void;
  setEmail(email: string): void;
  /** While on, every refresh request is answered with this error (invalid_grant by default). */
  failRefreshes(error?: { error: string; error_description?: string } | false): void;
  /** Makes every refresh token issued so far invalid (revoked at the provider). */
  revokeAll(): void;
  /** Delays token responses by ms (to make concurrent refreshes overlap). */
  setDelay(ms: number): void;
  /** Refuses this access token in verifyAccessToken even though it has not expired. */
  rejectAccessToken(token: string): void;
  /** Signature (against /jwks), issuer and expiry of an access token, and whether it was refused. */
  verifyAccessToken(token: string): Promise<VerifyResult>;
  /** Forgets the logs (requests, issued tokens, authorization requests); live tokens stay valid. */
  reset(): void;
  stop(): Promise<void>;
}

interface CodeInfo {
  redirectUri: string;
  scope: string;
  used: boolean;
}

type MutableToken = { header: Record<string, unknown>; payload: Record<string, unknown> };
type MutableResponse = { body: Record<string, unknown> | string; statusCode: number };
type TokenReq = IncomingMessage & { body: Record<string, unknown> };

function basicCredentials(header: string | undefined): { name: string; pass: string } | null {
  const encoded = /^Basic\s+(.+)$/i.exec(header ?? "")?.[1];
  if (!encoded) return null;
  const text = Buffer.from(encoded, "base64").toString("utf8");
  const i = text.indexOf(":");
  return i < 0 ? null : { name: decodeURIComponent(text.slice(0, i)), pass: decodeURIComponent(text.slice(i + 1)) };
}

export async function startMockProvider(opts: MockProviderOptions = {}): Promise<MockProvider> {
  const { OAuth2Server } = await import("oauth2-mock-server");
  const server = new OAuth2Server();
  await server.issuer.keys.generate("RS256");
  await server.start(0, "127.0.0.1");
  const address = server.address();
  const url = `http://127.0.0.1:${address.port}`;

  const clientId = opts.clientId ?? "herald-test-client";
  const clientSecret = opts.clientSecret ?? "herald-test-secret-Zq8";
  let ttl = opts.accessTtl ?? 3600;
  let email = opts.email ?? "mailer@herald.test";
  const rotate = opts.rotate ?? true;
  let failing: { error: string; error_description?: string } | false = false;
  let delay = 0;
  const codes = new Map<string, CodeInfo>();
  /** Live refresh tokens and the scope of their grant. */
  const live = new Map<string, string>();
  const rejected = new Set<string>();
  const requests: TokenRequestLog[] = [];
  const issued = { accessTokens: [] as string[], refreshTokens: [] as string[], idTokens: [] as string[] };
  const authorizeRequests: Record<string, string>[] = [];
  let refreshes = 0;

  server.service.on("beforeAuthorizeRedirect", (redirect: { url: URL }, req: IncomingMessage) => {
    const q = Object.fromEntries(new URL(req.url ?? "/", url).searchParams);
    authorizeRequests.push(q);
    const code = redirect.url.searchParams.get("code");
    if (code) codes.set(code, { redirectUri: q.redirect_uri ?? "", scope: q.scope ?? "", used: false });
  });

  server.service.on("beforeTokenSigning", (token: MutableToken) => {
    const now = Math.floor(Date.now() / 1000);
    token.payload.exp = now + ttl;
    token.payload.email = email;
    token.payload.azp = clientId;
    // Without a unique claim, two tokens minted in the same second would be byte-identical.
    token.payload.jti = randomUUID();
  });

  server.service.on("beforeResponse", (res: MutableResponse, req: TokenReq) => {
    const b = req.body ?? {};
    const s = (k: string) => (typeof b[k] === "string" ? (b[k] as string) : undefined);
    const basic = basicCredentials(req.headers.authorization);
    const givenId = basic?.name ?? s("client_id");
    const givenSecret = basic?.pass ?? s("client_secret");
    const log: TokenRequestLog = {
      grantType: s("grant_type") ?? "",
      clientId: givenId,
      clientSecretOk: givenSecret === clientSecret,
      refreshToken: s("refresh_token"),
      codeVerifier: s("code_verifier"),
      redirectUri: s("redirect_uri"),
      scope: s("scope"),
      status: 200,
      at: Date.now(),
    };
    requests.push(log);
    const fail = (status: number, error: string, description: string) => {
      res.statusCode = status;
      res.body = { error, error_description: description };
      log.status = status;
      log.error = error;
    };
    if (givenId !== clientId || givenSecret !== clientSecret) return fail(401, "invalid_client", "Client authentication failed.");
    const body = res.body as Record<string, unknown>;
    let grantScope: string;
    if (log.grantType === "authorization_code") {
      const info = codes.get(s("code") ?? "");
      if (!info || info.used) return fail(400, "invalid_grant", "The authorization code is unknown or was already used.");
      info.used = true;
      if (!log.codeVerifier) return fail(400, "invalid_grant", "PKCE code_verifier required.");
      if (log.redirectUri !== info.redirectUri) return fail(400, "invalid_grant", "redirect_uri does not match the authorization request.");
      grantScope = opts.grant ? opts.grant(info.scope) : info.scope;
    } else if (log.grantType === "refresh_token") {
      if (failing) return fail(400, failing.error, failing.error_description ?? "The refresh token is invalid.");
      const presented = log.refreshToken ?? "";
      const scope = live.get(presented);
      if (scope === undefined) return fail(400, "invalid_grant", "AADSTS70000: The provided refresh token is invalid or has been used.");
      grantScope = scope;
      if (rotate) live.delete(presented);
      refreshes++;
    } else {
      return fail(400, "unsupported_grant_type", "Only authorization_code and refresh_token.");
    }
    body.expires_in = ttl;
    body.scope = grantScope;
    if (typeof body.access_token === "string") issued.accessTokens.push(body.access_token);
    if (typeof body.id_token === "string") issued.idTokens.push(body.id_token);
    if (log.grantType === "refresh_token" && !rotate) {
      delete body.refresh_token;
    } else if (typeof body.refresh_token === "string") {
      issued.refreshTokens.push(body.refresh_token);
      live.set(body.refresh_token, grantScope);
    }
  });

  // The token URL handed to Herald: forwards to /token after an optional delay.
  server.service.addRoute("POST", "/oauth2/token", async (req: IncomingMessage & { body?: unknown }, res: ServerResponse) => {
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>)) if (typeof v === "string") form.set(k, v);
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    const r = await fetch(`${url}/token`, { method: "POST", headers, body: form });
    res.statusCode = r.status;
    res.setHeader("content-type", r.headers.get("content-type") ?? "application/json");
    res.setHeader("cache-control", "no-store");
    res.end(await r.text());
  });

  let jwks: { keys: (JsonWebKey & { kid?: string })[] } | null = null;
  async function verifyAccessToken(token: string): Promise<VerifyResult> {
    const parts = token.split(".");
    const [head, body, signature] = parts;
    if (parts.length !== 3 || head === undefined || body === undefined || signature === undefined) return { ok: false, reason: "not a JWT" };
    let header: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(head, "base64url").toString("utf8"));
      claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    } catch {
      return { ok: false, reason: "malformed" };
    }
    jwks ??= (await (await fetch(`${url}/jwks`)).json()) as { keys: (JsonWebKey & { kid?: string })[] };
    const jwk = jwks.keys.find((k) => k.kid === header.kid);
    if (!jwk) return { ok: false, reason: "unknown key" };
    const valid = verifySignature("RSA-SHA256", Buffer.from(`${head}.${body}`), createPublicKey({ key: jwk, format: "jwk" }), Buffer.from(signature, "base64url"));
    if (!valid) return { ok: false, reason: "bad signature" };
    if (claims.iss !== server.issuer.url) return { ok: false, reason: "wrong issuer" };
    if (typeof claims.exp !== "number" || claims.exp * 1000 <= Date.now()) return { ok: false, reason: "expired", claims };
    if (rejected.has(token)) return { ok: false, reason: "revoked", claims };
    return { ok: true, claims };
  }

  return {
    url,
    authUrl: `${url}/authorize`,
    tokenUrl: `${url}/oauth2/token`,
    clientId,
    clientSecret,
    requests,
    issued,
    authorizeRequests,
    refreshCount: () => refreshes,
    setAccessTtl: (s) => {
      ttl = s;
    },
    setEmail: (e) => {
      email = e;
    },
    failRefreshes: (e = { error: "invalid_grant", error_description: "AADSTS50173: The provided grant has expired due to it being revoked." }) => {
      failing = e;
    },
    revokeAll: () => live.clear(),
    setDelay: (ms) => {
      delay = ms;
    },
    rejectAccessToken: (t) => {
      rejected.add(t);
    },
    verifyAccessToken,
    reset: () => {
      requests.length = 0;
      authorizeRequests.length = 0;
      issued.accessTokens.length = 0;
      issued.refreshTokens.length = 0;
      issued.idTokens.length = 0;
      refreshes = 0;
    },
    stop: () => server.stop(),
  };
}
