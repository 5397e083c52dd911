// GET /api/mailer/oauth2/token?code&state — where the provider sends the admin back (AEM:
// /services/mailer/oauth2/token): checks the state (bound to this admin's session and browser,
// single use, 10 minutes), exchanges the code, stores the tokens sealed, wakes the outbox worker,
// and returns to the OAuth page. A wrong, reused or expired state → 400 and nothing stored. 404 while no complete provider.
import { NextResponse, type NextRequest } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { BINDING_COOKIE, BINDING_COOKIE_PATH, StateError, completeAuthorization, providerComplete, publicOrigin } from "@/lib/oauth";
import { NO_STORE_HEADERS, errorResponse } from "@/lib/oauth/route-response";
import { requestLogger } from "@/lib/log";
import { localWorker } from "@/lib/outbox/runtime";

export const dynamic = "force-dynamic";

function failed(req: Request, e: unknown): Response {
  if (e instanceof StateError) return errorResponse(req, "validation", "This authorization cannot be completed", e.message);
  requestLogger(req).error({ component: "oauth", error: e instanceof Error ? e.name : "error" }, "oauth callback failed");
  return errorResponse(req, "internal", "Something went wrong", "Something went wrong on the server; nothing was stored. Start again with the Authorize button.");
}

export const GET = apiRoute(
  {
    auth: "session",
    role: "admin",
    // The browser's own navigation, answered with redirects and HTML pages, not an API call.
    observe: false,
    unfinishedSession: "unauthenticated",
    before: async (req) => {
      try {
        if (!(await providerComplete())) return errorResponse(req, "not_found", "Not available", "The OAuth2 token endpoint is off until the CQ Mail SMTP OAuth2 Provider is configured.");
        return undefined;
      } catch (e) {
        return failed(req, e);
      }
    },
    refused: (req, e) => {
      if (e instanceof AppError && e.code === "unauthenticated") {
        return errorResponse(req, "unauthenticated", "Sign in first", "This answer from the provider belongs to an admin's session. Sign in to Herald and start again with the Authorize button.");
      }
      if (e instanceof AppError && e.code === "forbidden") return errorResponse(req, "forbidden", "Admins only", "Only admins may connect a mailbox.");
      return failed(req, e);
    },
  },
  async ({ req: request, user }) => {
    const req = request as NextRequest;
    try {
      const q = req.nextUrl.searchParams;
      const { attemptId, outcome } = await completeAuthorization(
        user,
        { state: q.get("state"), code: q.get("code"), error: q.get("error"), error_description: q.get("error_description") },
        req.cookies.get(BINDING_COOKIE)?.value,
      );
      // Mail held back while the mailbox needed authorizing goes out now, not after the worker's back-off.
      if (outcome.ok) localWorker()?.resume();
      const res = NextResponse.redirect(new URL(`/configuration/oauth?attempt=${attemptId}`, publicOrigin(req.nextUrl.origin)), { status: 303, headers: NO_STORE_HEADERS });
      res.cookies.set(BINDING_COOKIE, "", { path: BINDING_COOKIE_PATH, maxAge: 0, httpOnly: true, sameSite: "lax" });
      return res;
    } catch (e) {
      return failed(req, e);
    }
  },
);
