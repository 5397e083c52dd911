/**
 * Query parameters of list pages and list API routes. Anything a client can
 * type into a URL arrives here: huge numbers ("99999999999999999999" is 1e20, which no database
 * `skip` can hold), fractions, repeated parameters (?page=1&page=2 arrives as an array) and text
 * with NUL characters (PostgreSQL refuses them in a query).
 *   - Pages clamp: a bad page number shows page 1, a huge one the last possible page.
 *   - The API refuses with a 400 that names the parameter.
 * Pure; no server imports.
 */
import { AppError } from "@/lib/errors";

/** The highest page number any list accepts; with at most 500 rows a page the offset stays far
 * below 2^31, which every engine's OFFSET accepts. */
export const MAX_PAGE = 1_000_000;

type Raw = string | string[] | undefined | null;

const first = (raw: Raw): string | undefined => (Array.isArray(raw) ? raw[0] : (raw ?? undefined));

/** A page number for a console page: 1 when missing or not a number, at most MAX_PAGE. */
export function clampPage(raw: Raw): number {
  const s = first(raw)?.trim();
  if (!s || !/^\+?\d+$/.test(s)) return 1;
  // Compare digit counts before converting, so no huge value is ever a float.
  const digits = s.replace(/^\+?0*/, "");
  if (digits.length > String(MAX_PAGE).length) return MAX_PAGE;
  return Math.min(Math.max(Number(digits || "0"), 1), MAX_PAGE);
}

/** A search text for a console page: first value, trimmed, without control characters, at most
 * `max` characters; undefined when empty. */
export function cleanText(raw: Raw, max = 200): string | undefined {
  const s = first(raw)?.replace(/[\u0000-\u001F\u007F]/g, "").trim().slice(0, max);
  return s ? s : undefined;
}

/** One value of an API parameter; repeating it is an error (which one would count?). */
function single(sp: URLSearchParams, name: string): string | null {
  const all = sp.getAll(name);
  if (all.length > 1) throw new AppError("validation", `${name} must be given once.`, { [name]: ["must be given once"] });
  return all[0] ?? null;
}

/** A whole number parameter of the API, from min to max; 400 naming it otherwise. */
export function apiIntParam(sp: URLSearchParams, name: string, opts: { min: number; max: number; default: number }): number {
  const v = single(sp, name);
  if (v === null) return opts.default;
  const message = `must be a whole number from ${opts.min} to ${opts.max}`;
  const s = v.trim();
  const digits = /^\+?\d+$/.test(s) ? s.replace(/^\+?0*/, "") : null;
  const n = digits === null || digits.length > String(opts.max).length ? NaN : Number(digits || "0");
  if (!Number.isSafeInteger(n) || n < opts.min || n > opts.max) {
    throw new AppError("validation", `${name} ${message} (got "${s.slice(0, 40)}").`, { [name]: [message] });
  }
  return n;
}

/** A text parameter of the API: at most `max` characters, no control characters. */
export function apiTextParam(sp: URLSearchParams, name: string, max = 200): string | undefined {
  const v = single(sp, name);
  if (v === null || v.trim() === "") return undefined;
  if (/[\u0000-\u001F\u007F]/.test(v)) throw new AppError("validation", `${name} must not contain control characters.`, { [name]: ["must not contain control characters"] });
  if (v.length > max) throw new AppError("validation", `${name} must be at most ${max} characters long.`, { [name]: [`must be at most ${max} characters long`] });
  return v.trim();
}
