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
import { VALIDATION as V, fill } from "@/lib/validations/messages";

export type Check = (value: string) => string | null;

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

// ---------------------------------------------------------------------------------------------
// Plain checks
// ---------------------------------------------------------------------------------------------

/** Line breaks and control characters. Header-bound fields get the header explanation. */
export function checkSingleLine(label: string, value: string, headerBound = false): string | null {
  if (/[\r\n]/.test(value)) {
    return headerBound
      ? fill(V.cfgLineBreaksHeader, { label })
      : fill(V.cfgSingleLine, { label });
  }
  if (CONTROL.test(value)) return fill(V.cfgControlChars, { label });
  return null;
}

export function checkPlaceholderShape(label: string, value: string): string | null {
  if (isMalformedPlaceholder(value)) {
    return fill(V.cfgBadPlaceholder, { label });
  }
  return null;
}

export function checkNotBlank(label: string, value: string): string | null {
  return value.trim() === "" ? fill(V.cfgNotBlank, { label }) : null;
}

export function checkMaxLength(label: string, value: string, max: number): string | null {
  return value.length > max ? fill(V.cfgMaxLength, { label, max }) : null;
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
  if (value === "") return fill(V.cfgNotBlank, { label });
  if (isPlaceholder(value)) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return fill(V.cfgHostScheme, { label, scheme: value.split("://")[0] ?? "" });
  }
  if (/\s/.test(value)) return fill(V.cfgNoSpaces, { label });
  if (value.includes("/")) return fill(V.cfgHostPath, { label });
  if (value.startsWith("[") && value.endsWith("]")) {
    return isIPv6(value.slice(1, -1)) ? null : fill(V.cfgIpv6, { label });
  }
  if (value.includes(":")) {
    if (isIPv6(value)) return null;
    return fill(V.cfgHostPort, { label });
  }
  if (value.length > 253) return fill(V.cfgHostLong, { label });
  if (/^[0-9.]+$/.test(value)) {
    return isIPv4(value) ? null : fill(V.cfgIpv4, { label });
  }
  const name = value.endsWith(".") ? value.slice(0, -1) : value;
  const bad = name.split(".").find((l) => !HOST_LABEL.test(l));
  if (bad !== undefined) {
    return bad === ""
      ? fill(V.cfgHostEmptyPart, { label })
      : fill(V.cfgHostBadPart, { label, part: bad });
  }
  return null;
}

/** One email address, display-name form allowed. */
export function checkAddress(label: string, raw: string, required: boolean): string | null {
  const value = raw.trim();
  if (value === "") return required ? fill(V.cfgNotBlank, { label }) : null;
  if (isPlaceholder(value)) return null;
  const r = parseAddress(raw);
  if (r.ok) return null;
  return r.error.includes("<name@example.com>")
    ? fill(V.cfgAddress, { label, reason: r.error })
    : fill(V.cfgAddressExpected, { label, reason: r.error, example: "<name@example.com>" });
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
  if (value === "") return rules.required ? fill(V.cfgNotBlank, { label }) : null;
  if (isPlaceholder(value)) return null;
  if (/\s/.test(value)) return fill(V.cfgNoSpaces, { label });
  const absolute = fill(V.cfgUrlAbsolute, { label });
  if (!/^https?:\/\/[^/]/i.test(value)) return absolute;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fill(V.cfgUrlInvalid, { label });
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") return absolute;
  if (url.username || url.password) return fill(V.cfgUrlCredentials, { label });
  if (value.includes("#")) return fill(V.cfgUrlFragment, { label });
  if (rules.httpsUnlessLoopback && url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    return fill(V.cfgUrlHttps, { label });
  }
  if (rules.prefix) {
    if (value.includes("?")) return fill(V.cfgUrlQuery, { label });
    if (value.endsWith("/")) return fill(V.cfgUrlSlash, { label, fixed: value.replace(/\/+$/, "") });
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// zod builders
// ---------------------------------------------------------------------------------------------

type TypeMessage = "cfgMustBeText" | "cfgMustBeOnOff" | "cfgMustBeNumber" | "cfgMustBeList";

function typeError(label: string, what: TypeMessage) {
  return (iss: { input?: unknown }) => fill(iss.input === undefined ? V.cfgRequired : V[what], { label });
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
  const s = z.string({ error: typeError(label, "cfgMustBeText") }).superRefine((v, ctx) => {
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
      (v) => (/[\r\n\u0000]/.test(v) ? fill(V.cfgSecretLineBreaks, { label }) : null),
      (v) => checkPlaceholderShape(label, v),
      (v) =>
        parsePlaceholder(v)?.default !== undefined
          ? fill(V.cfgSecretDefault, { label })
          : null,
      (v) => checkMaxLength(label, v, 8192),
    ),
    false,
  );
}

export function booleanSchema(label: string) {
  return z.boolean({ error: typeError(label, "cfgMustBeOnOff") });
}

export interface IntegerRules {
  min?: number;
  max?: number;
  /** Values allowed outside min..max (e.g. -1 for "never"). */
  also?: readonly number[];
  /** Appended to the range message in parentheses (VALIDATION.cfgHintNever: "or -1 for never"). */
  hint?: string;
}

export function integerSchema(label: string, rules: IntegerRules = {}) {
  return z.number({ error: typeError(label, "cfgMustBeNumber") }).superRefine((v, ctx) => {
    if (!Number.isInteger(v)) {
      ctx.addIssue({ code: "custom", message: fill(V.cfgWholeNumber, { label }) });
      return;
    }
    if (rules.also?.includes(v)) return;
    const { min, max } = rules;
    if ((min !== undefined && v < min) || (max !== undefined && v > max)) {
      const h = rules.hint !== undefined;
      const text =
        min !== undefined && max !== undefined
          ? h ? V.cfgBetweenHint : V.cfgBetween
          : min !== undefined
            ? h ? V.cfgAtLeastHint : V.cfgAtLeast
            : h ? V.cfgAtMostHint : V.cfgAtMost;
      ctx.addIssue({ code: "custom", message: fill(text, { label, min: min ?? "", max: max ?? "", hint: rules.hint ?? "" }) });
    }
  });
}

export function enumSchema(label: string, values: readonly [string, ...string[]]) {
  return z.enum(values, { error: fill(V.cfgOneOf, { label, values: values.join(", ") }) });
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
    .array(z.string({ error: fill(V.cfgListEntryText, { label }) }), { error: typeError(label, "cfgMustBeList") })
    .superRefine((items, ctx) => {
      const max = rules.maxItems ?? 100;
      if (items.length > max) {
        ctx.addIssue({ code: "custom", message: fill(V.cfgListMax, { label, max }) });
        return;
      }
      const seen = new Set<string>();
      items.forEach((raw, i) => {
        const name = `${rules.itemLabel} ${i + 1}`;
        const item = raw.trim();
        const m =
          checkSingleLine(name, raw) ??
          (item === "" ? fill(V.cfgItemBlank, { label: name }) : null) ??
          checkPlaceholderShape(name, item) ??
          (rules.noSpaces && /\s/.test(item) && !isPlaceholder(item)
            ? fill(V.cfgItemSpaces, { label: name })
            : null) ??
          checkMaxLength(name, item, 500) ??
          (seen.has(item) ? fill(V.cfgListTwice, { label, item }) : null);
        seen.add(item);
        if (m) ctx.addIssue({ code: "custom", message: m, path: [i] });
      });
    })
    .overwrite((items) => items.map((s) => s.trim()));
}
