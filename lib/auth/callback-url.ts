// Where to go after sign-in. Only a path on the console itself: the value must be a single-slash
// path with no backslash, white space or control character anywhere (browsers read "/\host",
// "/<tab>/host" and "/\\host" as another host), and — resolved against the console's own origin —
// must stay on that origin. Anything else becomes "/". Pure: used by the login page (server) and
// again by the login form (browser) right before it navigates.
const FALLBACK = "/";
const PLACEHOLDER_ORIGIN = "http://console.invalid";

export function safeCallbackPath(value: unknown, origin: string = PLACEHOLDER_ORIGIN): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return FALLBACK;
  if (!value.startsWith("/") || value.startsWith("//")) return FALLBACK;
  if (/[\\\s\x00-\x1f\x7f]/.test(value)) return FALLBACK;
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(value, base);
  } catch {
    return FALLBACK;
  }
  if (target.origin !== base.origin) return FALLBACK;
  const out = target.pathname + target.search + target.hash;
  // Dot segments can normalise "/..//host" into "//host": check the result as well.
  return out.startsWith("//") ? FALLBACK : out;
}
