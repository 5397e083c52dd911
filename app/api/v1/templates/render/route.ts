// POST /api/v1/templates/render — {family, lang, data} → {subject, text, html, language, resolution, warnings}:
// the email a recipient of that language would get from the effective template (override or
// shipped default), English when there is none for the language. Auth: an API key with the
// "templates" scope (Authorization: Bearer …), or a signed-in console session (authors too).
import { AppError } from "@/lib/errors";
import { authenticate, errorResponse, json, readBody } from "@/lib/api/handler";
import { currentUser } from "@/lib/auth/session";
import { renderForRequest } from "@/lib/templates-store/render-request";

export const dynamic = "force-dynamic";

/** A template is at most 512 KB and data is small: 256 KB of JSON is plenty. */
const MAX_BODY = 256 * 1024;

export async function POST(req: Request): Promise<Response> {
  try {
    if (req.headers.has("authorization")) await authenticate(req, "templates");
    else if (!(await currentUser())) {
      throw new AppError("unauthenticated", 'Sign in to the console, or send an API key with the "templates" scope: "Authorization: Bearer <API key>".');
    }
    // JSON only: a cross-site form cannot send it, so a console session cannot be ridden from another site.
    const type = req.headers.get("content-type") ?? "";
    if (!/^application\/(.+\+)?json\b/i.test(type)) {
      throw new AppError("validation", `Send JSON with "Content-Type: application/json"${type ? ` (got "${type}")` : ""}.`, { _body: ["must be JSON"] });
    }
    const text = await readBody(req, MAX_BODY);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      throw new AppError("validation", `The request body is not valid JSON: ${e instanceof Error ? e.message : "parse error"}.`, { _body: ["must be valid JSON"] });
    }
    // `warnings` already holds the HTML part's warnings; the split is for text-only callers (CLI).
    const { htmlWarnings: _html, ...rendered } = await renderForRequest(body);
    return json(200, rendered);
  } catch (e) {
    return errorResponse(e);
  }
}
