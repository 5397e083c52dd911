/**
 * Wraps the proxy's routing so that every response it lets through or makes carries the security
 * headers (lib/http/security-headers.ts), pages get a fresh CSP nonce that Next.js applies to its
 * scripts, and a server action with a malformed Origin is answered 400 before Next.js trips over
 * it (lib/http/action-origin.ts).
 */
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { isPossibleServerAction, malformedOrigin } from "./action-origin";
import { API_CSP, newNonce, pageCsp, setSecurityHeaders } from "./security-headers";

/** `next()` continues to the page or route with the CSP in the request headers (where Next.js
 * finds the nonce); the route returns it, or a redirect of its own. */
export type ProxyRoute = (req: NextRequest, next: () => NextResponse) => NextResponse;

export function withSecurityHeaders(route: ProxyRoute): (req: NextRequest) => NextResponse {
  return (req) => {
    const isApi = req.nextUrl.pathname.startsWith("/api/");
    const csp = isApi ? API_CSP : pageCsp(newNonce(), { dev: env().NODE_ENV === "development" });
    if (isPossibleServerAction(req.method, req.headers)) {
      const problem = malformedOrigin(req.headers);
      if (problem) return NextResponse.json({ error: { code: "validation", message: problem } }, { status: 400, headers: setSecurityHeaders(new Headers(), csp) });
    }
    const next = () => {
      const headers = new Headers(req.headers);
      headers.set("Content-Security-Policy", csp);
      return NextResponse.next({ request: { headers } });
    };
    const res = route(req, next);
    setSecurityHeaders(res.headers, csp);
    return res;
  };
}
