// POST /api/v1/templates/render — {family, lang, data} → {subject, text, html, language, resolution, warnings}:
// the email a recipient of that language would get from the effective template (override or
// shipped default), English when there is none for the language. Auth: an API key with the
// "templates" scope (Authorization: Bearer …), or a signed-in console session (authors too).
import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { renderForRequest } from "@/lib/templates-store/render-request";

export const dynamic = "force-dynamic";

// renderForRequest checks family, lang and data itself; its messages name those fields.
export const POST = apiRoute(
  // A template is at most 512 KB and data is small: 256 KB of JSON is plenty.
  { auth: "either", scope: "templates", body: z.unknown(), maxBodyBytes: 256 * 1024 },
  async ({ body }) => {
    // `warnings` already holds the HTML part's warnings; the split is for text-only callers (CLI).
    const { htmlWarnings: _html, ...rendered } = await renderForRequest(body);
    return { status: 200, body: rendered };
  },
);
