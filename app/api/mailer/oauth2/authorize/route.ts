// GET /api/mailer/oauth2/authorize — "Authorize": sends the admin to the provider's sign-in with a
// fresh state and PKCE challenge (AEM: /services/mailer/oauth2/authorize). 404 while no complete
// OAuth2 provider is configured; admins only (a browser that is not signed in goes to /login).
import { NextResponse, type NextRequest } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { BINDING_COOKIE, BINDING_COOKIE_PATH, OAuthUnavailableError, STATE_TTL_MS, beginAuthorization, providerComplete, publicOrigin } from "@/lib/oauth";
import { NO_STORE_HEADERS, errorResponse } from "@/lib/oauth/route-response";
import { requestLogger } from "@/lib/log";

export const dynamic = "force-dynamic";

function failed(req: Request, e: unknown): Response {
  if (e instanceof OAuthUnavailableError) return errorResponse(req, e.kind === "not_configured" ? "unavailable" : "internal", "OAuth2 provider not usable", e.message);
  if (e instanceof AppError) return errorResponse(req, e.code, "Cannot start the authorization", e.message);
  requestLogger(req).error({ component: "oauth", error: e instanceof Error ? e.name : "error" }, "oauth authorize failed");
  return errorResponse(req, "internal", "Something went wrong", "Something went wrong on the server. Try again.");
}

export const GET = apiRoute(
  {
    auth: "session",
    role: "admin",
    // The browser's own navigation, answered with redirects and HTML pages, not an API call.
    observe: false,
    unfinishedSession: "unauthenticated",
    signIn: "/configuration/oauth",
    before: async (req) => {
      try {
        if (!(await providerComplete())) return errorResponse(req, "not_found", "Not available", "The OAuth2 authorize endpoint is off until the CQ Mail SMTP OAuth2 Provider is configured.");
        // Only from this console (the OAuth page's button) or a typed URL — not from another site.
        const site = req.headers.get("sec-fetch-site");
        if (site && site !== "same-origin" && site !== "none") {
          return errorResponse(req, "forbidden", "Start from the OAuth2 page", "Authorization can only be started from Herald's own OAuth2 page.");
        }
        return undefined;
      } catch (e) {
        return failed(req, e);
      }
    },
    refused: (req, e) => {
      if (e instanceof AppError && e.code === "unauthenticated") return errorResponse(req, "unauthenticated", "Sign in first", "Sign in as an admin first.");
      if (e instanceof AppError && e.code === "forbidden") return errorResponse(req, "forbidden", "Admins only", "Only admins may connect a mailbox.");
      return failed(req, e);
    },
  },
  async ({ req: request, user }) => {
    const req = request as NextRequest;
    try {
      const origin = publicOrigin(req.nextUrl.origin);
      const begin = await beginAuthorization(user, origin);
      const res = NextResponse.redirect(begin.url, { status: 302, headers: NO_STORE_HEADERS });
      res.cookies.set(BINDING_COOKIE, begin.binding, {
        httpOnly: true,
        sameSite: "lax",
        secure: origin.startsWith("https:"),
        path: BINDING_COOKIE_PATH,
        maxAge: STATE_TTL_MS / 1000,
      });
      return res;
    } catch (e) {
      return failed(req, e);
    }
  },
);
