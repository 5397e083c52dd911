/**
 * Field rules shared by the service schemas: plain check functions (value → message or null)
 * and the zod builders that wrap them. Every message names the field by its label, in plain
 * words. Pure; safe in the browser.
 *
 * Text fields accept a placeholder ($[env:NAME] / $[secret:NAME]) instead of a value; its final
 * value is checked when it is resolved (see placeholders.ts).
 */
import { z } from "zod";
import { parseAddress } from "./address";
import { isMalformedPlaceholder, isPlaceholder, parsePlaceholder } from "./placeholders";

export type Check = (value: string) => string | null;

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

// ---------------------------------------------------------------------------------------------
// Plain checks
// ---------------------------------------------------------------------------------------------

/** Line breaks and control characters. Header-bound fields get the header explanation. */
export function checkSingleLine(label: string, value: string, headerBound = false): string | null {
  if (/[\r\n]/.test(value)) {
    return headerBound
      ? `${label} must not contain line breaks (it is written into a mail header).`
      : `${label} must be a single line.`;
  }
  if (CONTROL.test(value)) return `${label} must not contain control characters.`;
  return null;
}

export function checkPlaceholderShape(label: string, value: string): string | null {
  if (isMalformedPlaceholder(value)) {
    return `${label} looks like a placeholder but is not a valid one: write $[env:NAME] or $[secret:NAME].`;
  }
  return null;
}

export function checkNotBlank(label: string, value: string): string | null {
  return value.trim() === "" ? `${label} must not be blank.` : null;
}

export function checkMaxLength(label: string, value: string, max: number): string | null {
  return value.length > max ? `${label} must be at most ${max} characters long.` : null;
}

const HOST_LABEL = /^[\p{L}\p{N}_]([\p{L}\p{N}_-]{0,61}[\p{L}\p{N}_])?$/u;

function isIPv4(s: string): boolean {
  const parts = s.split(".");
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(s: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(s) || !s.includes(":")) return false;
  const doubleColons = s.split("::").length - 1;
  if (doubleColons > 1) return false;
  const groups = s.split(":").filter((g) => g !== "");
  const last = groups[groups.length - 1] ?? "";
  const hasV4 = last.includes(".");
  if (hasV4 && !isIPv4(last)) return false;
  const hexGroups = hasV4 ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const count = hexGroups.length + (hasV4 ? 2 : 0);
  return doubleColons ? count < 8 : count === 8;
}

/** A host name or IP address, without scheme or port. */
export function checkHost(label: string, raw: string): string | null {
  const value = raw.trim();
  if (value === "") return `${label} must not be blank.`;
  if (isPlaceholder(value)) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return `${label} must be a host name like smtp.example.com, without "${value.split("://")[0]}://".`;
  }
  if (/\s/.test(value)) return `${label} must not contain spaces.`;
  if (value.includes("/")) return `${label} must be a host name like smtp.example.com, without a path.`;
  if (value.startsWith("[") && value.endsWith("]")) {
    return isIPv6(value.slice(1, -1)) ? null : `${label} is not a valid IPv6 address.`;
  }
  if (value.includes(":")) {
    if (isIPv6(value)) return null;
    return `${label} must not include a port; enter the port in its own field.`;
  }
  if (value.length > 253) return `${label} is too long for a host name.`;
  if (/^[0-9.]+$/.test(value)) {
    return isIPv4(value) ? null : `${label} is not a valid IPv4 address.`;
  }
  const name = value.endsWith(".") ? value.slice(0, -1) : value;
  const bad = name.split(".").find((l) => !HOST_LABEL.test(l));
  if (bad !== undefined) {
    return bad === ""
      ? `${label} has an empty part (two dots in a row, or a dot at the start).`
      : `${label} is not a valid host name ("${bad}" may only use letters, digits and "-", not at either end).`;
  }
  return null;
}

/** One email address, display-name form allowed. */
export function checkAddress(label: string, raw: string, required: boolean): string | null {
  const value = raw.trim();
  if (value === "") return required ? `${label} must not be blank.` : null;
  if (isPlaceholder(value)) return null;
  const r = parseAddress(raw);
  if (r.ok) return null;
  const expected = r.error.includes("<name@example.com>") ? "" : " Expected name@example.com or Name <name@example.com>.";
  return `${label} is not a valid email address: ${r.error}.${expected}`;
}

export interface UrlRules {
  required?: boolean;
  /** Credentials travel to this URL (OAuth2 client secret, codes, tokens): https only, except
   * to this machine (loopback), where nothing crosses a network. */
  httpsUnlessLoopback?: boolean;
  /** A prefix that other text is appended to: no trailing slash, no query, no fragment. */
  prefix?: boolean;
}

/** localhost, 127.0.0.0/8 or ::1, as URL.hostname writes them. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost") || h === "[::1]" || h === "::1") return true;
  return isIPv4(h) && h.startsWith("127.");
}

/** The message for a credential-bearing URL that is not https (nor loopback), else null. */
export function insecureCredentialUrl(label: string, raw: string): string | null {
  return checkUrl(label, raw, { httpsUnlessLoopback: true });
}

/** An absolute http(s) URL. */
export function checkUrl(label: string, raw: string, rules: UrlRules = {}): string | null {
  const value = raw.trim();
  if (value === "") return rules.required ? `${label} must not be blank.` : null;
  if (isPlaceholder(value)) return null;
  if (/\s/.test(value)) return `${label} must not contain spaces.`;
  const absolute = `${label} must be an absolute URL starting with http:// or https:// (for example https://example.com).`;
  if (!/^https?:\/\/[^/]/i.test(value)) return absolute;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${label} is not a valid URL.`;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") return absolute;
  if (url.username || url.password) return `${label} must not contain a user name or password.`;
  if (value.includes("#")) return `${label} must not contain a fragment ("#…").`;
  if (rules.httpsUnlessLoopback && url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    return `${label} must start with https:// — over plain http the client secret and tokens would travel unencrypted (http is allowed only to this machine: localhost, 127.0.0.1, [::1]).`;
  }
  if (rules.prefix) {
    if (value.includes("?")) return `${label} must not contain a query ("?…"); it is a prefix that paths are appended to.`;
    if (value.endsWith("/")) {
      return `${label} must not end with "/" (paths that are appended start with "/"); use ${value.replace(/\/+$/, "")}.`;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// zod builders
// ---------------------------------------------------------------------------------------------

function typeError(label: string, what: string) {
  return (iss: { input?: unknown }) => (iss.input === undefined ? `${label} is required.` : `${label} must be ${what}.`);
}

/** Runs checks in order and reports only the first failure. */
function firstOf(...checks: Check[]): Check {
  return (v) => {
    for (const c of checks) {
      const m = c(v);
      if (m) return m;
    }
    return null;
  };
}

function stringWith(label: string, check: Check, trim: boolean) {
  const s = z.string({ error: typeError(label, "text") }).superRefine((v, ctx) => {
    const m = check(v);
    if (m) ctx.addIssue({ code: "custom", message: m });
  });
  return trim ? s.overwrite((v) => v.trim()) : s;
}

export interface TextRules {
  required?: boolean;
  headerBound?: boolean;
  maxLength?: number;
}

/** A single-line text value (trimmed). */
export function textSchema(label: string, rules: TextRules = {}) {
  return stringWith(
    label,
    firstOf(
      (v) => checkSingleLine(label, v, rules.headerBound),
      (v) => (rules.required ? checkNotBlank(label, v) : null),
      (v) => checkPlaceholderShape(label, v.trim()),
      (v) => checkMaxLength(label, v.trim(), rules.maxLength ?? 1000),
    ),
    true,
  );
}

/** An SMTP host name (header-safe by construction: no spaces or line breaks). */
export function hostSchema(label: string) {
  return stringWith(
    label,
    firstOf(
      (v) => checkSingleLine(label, v),
      (v) => checkPlaceholderShape(label, v.trim()),
      (v) => checkHost(label, v),
    ),
    true,
  );
}

/** An email address for a From header; display-name form allowed. */
export function addressSchema(label: string, rules: { required?: boolean } = {}) {
  return stringWith(
    label,
    firstOf(
      (v) => checkSingleLine(label, v, true),
      (v) => checkPlaceholderShape(label, v.trim()),
      (v) => checkMaxLength(label, v.trim(), 320),
      (v) => checkAddress(label, v, rules.required ?? false),
    ),
    true,
  );
}

/** An absolute http(s) URL, optionally a prefix (no trailing slash). */
export function urlSchema(label: string, rules: UrlRules = {}) {
  return stringWith(
    label,
    firstOf(
      (v) => checkSingleLine(label, v),
      (v) => checkPlaceholderShape(label, v.trim()),
      (v) => checkMaxLength(label, v.trim(), 2000),
      (v) => checkUrl(label, v, rules),
    ),
    true,
  );
}

/**
 * A secret: stored sealed ("enc:v1:…"), as a placeholder, as clear text right after it was
 * typed (before sealing), or "" for "not set". Never trimmed: spaces may be part of a password.
 */
export function secretSchema(label: string) {
  return stringWith(
    label,
    firstOf(
      (v) => (/[\r\n\u0000]/.test(v) ? `${label} must not contain line breaks or NUL characters.` : null),
      (v) => checkPlaceholderShape(label, v),
      (v) =>
        parsePlaceholder(v)?.default !== undefined
          ? `${label} must not give a default in its placeholder: the default would be stored and shown in clear text.`
          : null,
      (v) => checkMaxLength(label, v, 8192),
    ),
    false,
  );
}

export function booleanSchema(label: string) {
  return z.boolean({ error: typeError(label, "on or off (true or false)") });
}

export interface IntegerRules {
  min?: number;
  max?: number;
  /** Values allowed outside min..max (e.g. -1 for "never"). */
  also?: readonly number[];
  /** Appended to the range message ("-1 means never"). */
  hint?: string;
}

export function integerSchema(label: string, rules: IntegerRules = {}) {
  return z.number({ error: typeError(label, "a number") }).superRefine((v, ctx) => {
    if (!Number.isInteger(v)) {
      ctx.addIssue({ code: "custom", message: `${label} must be a whole number.` });
      return;
    }
    if (rules.also?.includes(v)) return;
    const { min, max } = rules;
    const hint = rules.hint ? ` (${rules.hint})` : "";
    if ((min !== undefined && v < min) || (max !== undefined && v > max)) {
      const range =
        min !== undefined && max !== undefined
          ? `between ${min} and ${max}`
          : min !== undefined
            ? `at least ${min}`
            : `at most ${max}`;
      ctx.addIssue({ code: "custom", message: `${label} must be ${range}${hint}.` });
    }
  });
}

export function enumSchema(label: string, values: readonly [string, ...string[]]) {
  return z.enum(values, { error: `${label} must be one of: ${values.join(", ")}.` });
}

export interface ListRules {
  itemLabel: string;
  /** Entries may not contain spaces (OAuth scopes are space-separated on the wire). */
  noSpaces?: boolean;
  maxItems?: number;
}

/** A list of single-line strings; entries are trimmed, blank entries and duplicates rejected. */
export function stringListSchema(label: string, rules: ListRules) {
  return z
    .array(z.string({ error: `Each entry of ${label} must be text.` }), { error: typeError(label, "a list") })
    .superRefine((items, ctx) => {
      const max = rules.maxItems ?? 100;
      if (items.length > max) {
        ctx.addIssue({ code: "custom", message: `${label} may have at most ${max} entries.` });
        return;
      }
      const seen = new Set<string>();
      items.forEach((raw, i) => {
        const name = `${rules.itemLabel} ${i + 1}`;
        const item = raw.trim();
        const m =
          checkSingleLine(name, raw) ??
          (item === "" ? `${name} is blank; remove it or fill it in.` : null) ??
          checkPlaceholderShape(name, item) ??
          (rules.noSpaces && /\s/.test(item) && !isPlaceholder(item)
            ? `${name} must not contain spaces; add each one as its own entry.`
            : null) ??
          checkMaxLength(name, item, 500) ??
          (seen.has(item) ? `${label} lists "${item}" twice.` : null);
        seen.add(item);
        if (m) ctx.addIssue({ code: "custom", message: m, path: [i] });
      });
    })
    .overwrite((items) => items.map((s) => s.trim()));
}
