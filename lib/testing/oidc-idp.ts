// A real OpenID Connect provider on 127.0.0.1 for tests: oauth2-mock-server serves discovery,
// JWKS, /authorize (which redirects straight back, as if the user had signed in), /token with
// ID tokens signed by a real RSA key, and /endsession. On top of it: the client secret is
// enforced (the mock accepts any), the claims of the next ID token are set by the test, and a
// test can tamper with the state sent back, or with the ID token's aud, nonce or iss, to prove
// Herald refuses them. oauth2-mock-server is ESM only: it is loaded with a dynamic import.
import type { IncomingMessage } from "node:http";

export interface IdpUser {
  sub: string;
  email?: string;
  name?: string;
  email_verified?: boolean;
  [claim: string]: unknown;
}

export interface Tampering {
  /** Replace the state parameter of the redirect back to Herald. */
  state?: string;
  /** Replace the ID token's audience. */
  aud?: string;
  /** Replace the ID token's nonce. */
  nonce?: string;
  /** Replace the ID token's issuer. */
  iss?: string;
}

export interface TestIdp {
  /** The issuer: http://127.0.0.1:<port> */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The user the next sign-in is for (claims of the ID token besides iss/aud/exp/nonce). */
  setUser(user: IdpUser): void;
  /** Tampering applied to the following sign-ins until cleared with tamper({}). */
  tamper(t: Tampering): void;
  /** Every /authorize request's query, in order. */
  authorizeRequests: Record<string, string>[];
  /** Every ID token issued, decoded payloads. */
  idTokens: Record<string, unknown>[];
  /** Token requests refused because of a wrong client secret. */
  clientAuthFailures: number;
  endSessionRequests: Record<string, string>[];
  stop(): Promise<void>;
}

type MutableToken = { header: Record<string, unknown>; payload: Record<string, unknown> };
type MutableResponse = { body: Record<string, unknown> | string; statusCode: number };

function basicCredentials(header: string | undefined): { name: string; pass: string } | null {
  const encoded = /^Basic\s+(.+)$/i.exec(header ?? "")?.[1];
  if (!encoded) return null;
  const text = Buffer.from(encoded, "base64").toString("utf8");
  const i = text.indexOf(":");
  return i < 0 ? null : { name: decodeURIComponent(text.slice(0, i)), pass: decodeURIComponent(text.slice(i + 1)) };
}

export async function startTestIdp(opts: { clientId?: string; clientSecret?: string } = {}): Promise<TestIdp> {
  const { OAuth2Server } = await import("oauth2-mock-server");
  const server = new OAuth2Server();
  await server.issuer.keys.generate("RS256");
  await server.start(0, "127.0.0.1");
  const issuer = `http://127.0.0.1:${server.address().port}`;
  server.issuer.url = issuer;
  const clientId = opts.clientId ?? "herald-sso-client";
  const clientSecret = opts.clientSecret ?? "herald-sso-secret-9Xq";
  let user: IdpUser = { sub: "user-1", email: "user@example.com", name: "Test User", email_verified: true };
  let tampering: Tampering = {};
  const state = {
    authorizeRequests: [] as Record<string, string>[],
    idTokens: [] as Record<string, unknown>[],
    endSessionRequests: [] as Record<string, string>[],
    clientAuthFailures: 0,
  };

  server.service.on("beforeAuthorizeRedirect", (redirect: { url: URL }, req: IncomingMessage) => {
    state.authorizeRequests.push(Object.fromEntries(new URL(req.url ?? "/", issuer).searchParams));
    if (tampering.state !== undefined) redirect.url.searchParams.set("state", tampering.state);
  });

  server.service.on("beforeTokenSigning", (token: MutableToken) => {
    // The access token carries a scope; the ID token (aud = client, nonce) does not.
    if ("scope" in token.payload) return;
    const { sub, ...claims } = user;
    Object.assign(token.payload, claims, { sub });
    if (tampering.aud !== undefined) token.payload.aud = tampering.aud;
    if (tampering.nonce !== undefined) token.payload.nonce = tampering.nonce;
    if (tampering.iss !== undefined) token.payload.iss = tampering.iss;
    state.idTokens.push({ ...token.payload });
  });

  server.service.on("beforeResponse", (res: MutableResponse, req: IncomingMessage & { body?: Record<string, unknown> }) => {
    const b = req.body ?? {};
    const basic = basicCredentials(req.headers.authorization);
    const id = basic?.name ?? b.client_id;
    const secret = basic?.pass ?? b.client_secret;
    if (id !== clientId || secret !== clientSecret) {
      state.clientAuthFailures++;
      res.statusCode = 401;
      res.body = { error: "invalid_client", error_description: "Client authentication failed." };
    }
  });

  server.service.on("beforeWellKnownOpenIdConfiguration", (res: MutableResponse) => {
    // What real providers announce; the mock says "none" only.
    (res.body as Record<string, unknown>).token_endpoint_auth_methods_supported = ["client_secret_basic", "client_secret_post"];
  });

  server.service.on("beforePostLogoutRedirect", (_redirect: unknown, req: IncomingMessage) => {
    state.endSessionRequests.push(Object.fromEntries(new URL(req.url ?? "/", issuer).searchParams));
  });

  return {
    issuer,
    clientId,
    clientSecret,
    setUser: (u) => {
      user = u;
    },
    tamper: (t) => {
      tampering = t;
    },
    get authorizeRequests() {
      return state.authorizeRequests;
    },
    get idTokens() {
      return state.idTokens;
    },
    get clientAuthFailures() {
      return state.clientAuthFailures;
    },
    get endSessionRequests() {
      return state.endSessionRequests;
    },
    stop: () => server.stop(),
  };
}
