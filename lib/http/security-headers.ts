/**
 * The security headers every response carries, and the Content-Security-Policy
 * the console runs under.
 *
 * Scripts: a fresh nonce per request plus 'strict-dynamic' — Next.js reads the nonce from the
 * request's CSP header and puts it on its own framework, page and inline scripts (see
 * node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md), and the chunks those
 * scripts load inherit the trust. No 'unsafe-inline' / 'unsafe-eval' for scripts in production
 * (React needs eval only in development).
 *
 * Styles: 'self' plus 'unsafe-inline'. Server-rendered style attributes (recharts, React's
 * style={…}) cannot carry a nonce, and a nonce in style-src would switch 'unsafe-inline' off;
 * injected styles cannot run script, so scripts are where the policy is strict.
 *
 * Pure (Web Crypto only) so the proxy and unit tests can use it.
 */

export const FRAME_OPTIONS = "DENY";
export const CONTENT_TYPE_OPTIONS = "nosniff";
export const REFERRER_POLICY = "same-origin";

/** 128 random bits, base64 — a CSP nonce-source. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The policy for console pages (HTML). */
export function pageCsp(nonce: string, opts: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // data:/blob: for generated images (icons, chart exports); mail previews show no remote images.
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // Mail previews are srcdoc iframes; nothing else is framed.
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The policy for everything that is not a page (JSON, CSV, zip): nothing may run or frame it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Sets the security headers on a response's headers. */
export function setSecurityHeaders(headers: Headers, csp: string): Headers {
  headers.set("Content-Security-Policy", csp);
  headers.set("X-Frame-Options", FRAME_OPTIONS);
  headers.set("X-Content-Type-Options", CONTENT_TYPE_OPTIONS);
  headers.set("Referrer-Policy", REFERRER_POLICY);
  return headers;
}

/** The same headers for next.config.js's headers(), for the static files the proxy never sees. */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: FRAME_OPTIONS },
  { key: "X-Content-Type-Options", value: CONTENT_TYPE_OPTIONS },
  { key: "Referrer-Policy", value: REFERRER_POLICY },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
];

/**
 * The API's headers (/api/v1/…), set by next.config.js's headers() too: the proxy does not run for
 * the machine API, whose callers carry no session cookie and whose answers need no nonce — it
 * would only add a second request/response round trip inside the server to every call.
 */
export const API_SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: FRAME_OPTIONS },
  { key: "X-Content-Type-Options", value: CONTENT_TYPE_OPTIONS },
  { key: "Referrer-Policy", value: REFERRER_POLICY },
  { key: "Content-Security-Policy", value: API_CSP },
];
