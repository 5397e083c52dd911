/**
 * A server action request whose Origin header is not a URL. Next.js parses the
 * header with `new URL()` before it runs the action and, when that throws, answers 500 and writes
 * the "Invalid URL" stack to the log; the proxy answers such requests 400 first.
 * Pure (WHATWG URL only): the same parser as Next's, so what passes here parses there.
 */

/** True when Next would treat the request as a possible server action (its own rule). */
export function isPossibleServerAction(method: string, headers: Headers): boolean {
  if (method !== "POST") return false;
  if (headers.has("next-action")) return true;
  const type = headers.get("content-type") ?? "";
  return type === "application/x-www-form-urlencoded" || type.startsWith("multipart/form-data");
}

/** The problem with the request's Origin, or null when it is absent, "null" or a URL. */
export function malformedOrigin(headers: Headers): string | null {
  const origin = headers.get("origin");
  if (origin === null || origin === "null") return null;
  try {
    new URL(origin);
    return null;
  } catch {
    return 'The Origin header must be a URL such as "https://herald.example.com".';
  }
}
