// Repository paths (AEM/JCR style: /content/site/en/products) and subscription matching. Pure.
//
// A subscription to a path covers that page and everything below it: /content/site matches
// /content/site and /content/site/en/products, never /content/site-b or /content/sitemap.
// Paths are compared after normalisation: one leading slash, no trailing slash, no empty, "." or
// ".." segments. Matching is case-sensitive, as JCR paths are.

const CONTROL = /[\u0000-\u001F\u007F]/;

export type PathCheck = { ok: true; path: string } | { ok: false; error: string };

export function normalizePath(input: string): PathCheck {
  if (typeof input !== "string") return { ok: false, error: "must be a path such as /content/site" };
  const raw = input.trim();
  if (raw === "") return { ok: false, error: "must not be empty" };
  if (!raw.startsWith("/")) return { ok: false, error: 'must start with "/" (e.g. /content/site)' };
  if (CONTROL.test(raw)) return { ok: false, error: "must not contain line breaks or control characters" };
  if (/\s/.test(raw)) return { ok: false, error: "must not contain spaces" };
  if (raw.length > 1000) return { ok: false, error: "must be at most 1000 characters long" };
  const segments = raw.split("/").filter((s) => s !== "");
  if (segments.some((s) => s === "." || s === "..")) return { ok: false, error: 'must not contain "." or ".." segments' };
  return { ok: true, path: "/" + segments.join("/") };
}

/** The path itself and every ancestor, nearest first: /a/b/c → [/a/b/c, /a/b, /a, /]. */
export function pathAndAncestors(path: string): string[] {
  const out: string[] = [];
  let p = path;
  while (p.length > 1) {
    out.push(p);
    p = p.slice(0, p.lastIndexOf("/")) || "/";
  }
  out.push("/");
  return out;
}

/** Does a subscription to `prefix` cover `path`? Both normalised. */
export function coversPath(prefix: string, path: string): boolean {
  if (prefix === "/") return true;
  return path === prefix || path.startsWith(prefix + "/");
}
