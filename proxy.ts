// Optimistic redirect to /login when there is no session cookie. No database, no verification:
// every page, action and route handler checks the session and role itself (lib/auth/session.ts).
// lib/http/secure-proxy.ts adds the security headers (CSP nonce) to whatever this decides.
import { NextResponse } from "next/server";
import { withSecurityHeaders } from "@/lib/http/secure-proxy";

const PUBLIC = [/^\/login(\/(refused|signed-out))?$/, /^\/setup$/, /^\/api\//, /^\/_next\//, /^\/favicon/];
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export const proxy = withSecurityHeaders(function route(req, next) {
  const { pathname, search } = req.nextUrl;
  if (PUBLIC.some((re) => re.test(pathname))) return next();
  // Server actions answer for themselves (401 / 403); a redirect would hide that from callers.
  if (req.method === "POST" && req.headers.has("next-action")) return next();
  const hasSession = req.cookies.getAll().some((c) => SESSION_COOKIES.some((n) => c.name === n || c.name.startsWith(n + ".")));
  if (hasSession) return next();
  const url = req.nextUrl.clone();
  url.pathname = "/login";
  url.search = pathname === "/" ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
});

// Not for the static files, nor for the machine API (/api/v1/…): its callers authenticate with API
// keys in every request, and next.config.js gives its answers their security headers without a
// proxy round trip per call (which cost about a third of a small API request's server time).
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|api/v1/).*)"] };
