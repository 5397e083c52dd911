import "server-only";
// Answers of /api/mailer/oauth2/* when they cannot redirect: a browser (the provider's redirect,
// a typed URL) gets a small HTML page that says what happened and links back to the OAuth page;
// anything else gets Herald's JSON error body. Nothing echoed from the request is trusted: every
// text is escaped.
import { httpStatus, type ErrorCode } from "@/lib/errors";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export const NO_STORE_HEADERS = {
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
} as const;

export function errorResponse(req: Request, code: ErrorCode, title: string, message: string, extraHeaders: Record<string, string> = {}): Response {
  const status = httpStatus(code);
  const wantsHtml = (req.headers.get("accept") ?? "").includes("text/html");
  if (!wantsHtml) {
    return Response.json({ error: { code, message } }, { status, headers: { ...NO_STORE_HEADERS, ...extraHeaders } });
  }
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — Herald</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#0f172a}h1{font-size:1.4rem}a{color:#1d4ed8}code{background:#f1f5f9;padding:0 .2rem}</style>
</head><body><main>
<p>Herald · OAuth2</p>
<h1>${escape(title)}</h1>
<p data-testid="oauth-error">${escape(message)}</p>
<p><a href="/configuration/oauth">Back to the OAuth2 page</a></p>
</main></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'", ...NO_STORE_HEADERS, ...extraHeaders } });
}
