/**
 * Validation of service values: one service (its zod schema) and all services together
 * (rules that span services). Pure; the server calls it before storing, the browser may call it
 * for a preview.
 */
import { placeholderErrors } from "./placeholders";
import { ANY_VARIABLE, type PlaceholderPolicy } from "./placeholder-policy";
import type { z } from "zod";
import { zodErrors } from "@/lib/errors";
import { VALIDATION as V, fill } from "@/lib/validations/messages";
import { coerceValues } from "./coerce";
import { withDefaults, isPlainObject } from "./define";
import { getService } from "./services";
import { MAIL_SERVICE_PID } from "./services/mail-service";
import { OAUTH_PROVIDER_PID, missingOAuthItems } from "./services/oauth-provider";
import type { ConfigValues, ServiceDef } from "./types";

export type FieldErrors = Record<string, string[]>;

export type ValidationResult =
  | { ok: true; values: ConfigValues }
  | { ok: false; fieldErrors: FieldErrors; formErrors: string[] };

export interface ValidateOptions {
  /**
   * Fill fields that are missing from the values with their defaults before checking
   * (default true): a stored record or an imported file may leave fields out.
   */
  fillDefaults?: boolean;
  /**
   * Convert unambiguous strings first ("587" → 587, "true" → true; see coerce.ts), for input
   * that arrives as text (FormData, query strings). Default false: typed input stays strict.
   */
  coerce?: boolean;
  /**
   * Which variables placeholders may read (server: placeholderPolicy() from lib/env.ts). Without
   * it any name passes, but a $[secret:…] outside a secret field is refused all the same.
   */
  placeholders?: PlaceholderPolicy;
}

function unknownKeysMessage(def: ServiceDef, keys: string[]): string {
  return keys.length === 1
    ? fill(V.cfgUnknownKey, { key: keys[0]!, service: def.name })
    : fill(V.cfgUnknownKeys, { keys: keys.map((k) => `"${k}"`).join(", "), service: def.name });
}

/** Turns zod issues into messages per field key and messages for the whole form. */
export function issuesToErrors(def: ServiceDef, issues: readonly z.core.$ZodIssue[]): { fieldErrors: FieldErrors; formErrors: string[] } {
  const known = new Set(def.fields.map((f) => f.key));
  // A strict schema names unknown keys in one issue; say which service they are not part of.
  const unknown = issues.flatMap((i) => (i.code === "unrecognized_keys" ? [unknownKeysMessage(def, i.keys)] : []));
  const { fields, form } = zodErrors(issues.filter((i) => i.code !== "unrecognized_keys"), { top: true, isField: (k) => known.has(k) });
  return { fieldErrors: fields, formErrors: [...unknown, ...form] };
}

/** Validates values against a definition; on success returns the cleaned values (trimmed). */
export function validateValues(def: ServiceDef, values: unknown, options: ValidateOptions = {}): ValidationResult {
  if (!isPlainObject(values)) {
    return { ok: false, fieldErrors: {}, formErrors: [fill(V.cfgNotObject, { service: def.name })] };
  }
  const given = options.coerce ? coerceValues(def, values) : values;
  const input = options.fillDefaults === false ? given : withDefaults(def, given);
  const parsed = def.schema.safeParse(input);
  const refused = placeholderErrors(def, isPlainObject(input) ? input : {}, options.placeholders ?? ANY_VARIABLE);
  if (parsed.success && Object.keys(refused).length === 0) return { ok: true, values: parsed.data as ConfigValues };
  const errors = parsed.success ? { fieldErrors: {} as FieldErrors, formErrors: [] as string[] } : issuesToErrors(def, parsed.error.issues);
  for (const [key, messages] of Object.entries(refused)) errors.fieldErrors[key] = [...(errors.fieldErrors[key] ?? []), ...messages];
  return { ok: false, ...errors };
}

/** Validates the values of the service with this PID. */
export function validateService(pid: string, values: unknown, options: ValidateOptions = {}): ValidationResult {
  const def = getService(pid);
  if (!def) {
    return { ok: false, fieldErrors: {}, formErrors: [fill(V.cfgUnknownService, { pid })] };
  }
  return validateValues(def, values, options);
}

export interface CrossServiceError {
  /** The service whose values must change. */
  pid: string;
  /** The service whose setting requires it. */
  relatedPid: string;
  /** Keys of pid that are missing or wrong. */
  keys: string[];
  message: string;
}

/**
 * Rules that span services. Services missing from the map count as never saved (defaults).
 * - Mail Service "OAuth flow" on → the OAuth2 provider has authorization URL, token URL, client
 *   ID and at least one scope (the refresh URL falls back to the token URL).
 */
export function crossServiceErrors(configsByPid: Record<string, unknown>): CrossServiceError[] {
  const errors: CrossServiceError[] = [];
  const mailDef = getService(MAIL_SERVICE_PID)!;
  const oauthDef = getService(OAUTH_PROVIDER_PID)!;
  const mailRaw = configsByPid[MAIL_SERVICE_PID];
  const mail = withDefaults(mailDef, isPlainObject(mailRaw) ? mailRaw : undefined);
  if (mail["oauth.flow"] === true) {
    const oauthRaw = configsByPid[OAUTH_PROVIDER_PID];
    const oauth = withDefaults(oauthDef, isPlainObject(oauthRaw) ? oauthRaw : undefined);
    const missing = missingOAuthItems(oauth);
    if (missing.length) {
      errors.push({
        pid: OAUTH_PROVIDER_PID,
        relatedPid: MAIL_SERVICE_PID,
        keys: missing.map((m) => m.key),
        message: fill(V.cfgOauthIncomplete, { mail: mailDef.name, oauth: oauthDef.name, missing: joinWords(missing.map((m) => m.label)) }),
      });
    }
  }
  return errors;
}

function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export interface ValidateAllResult {
  ok: boolean;
  /** Result per PID given (unknown PIDs included, as failures). */
  services: Record<string, ValidationResult>;
  crossErrors: CrossServiceError[];
}

/**
 * Validates every given service and the rules between services. Cross-service rules read the
 * values as given (defaults for services not in the map).
 */
export function validateAll(configsByPid: Record<string, unknown>): ValidateAllResult {
  const services: Record<string, ValidationResult> = {};
  for (const [pid, values] of Object.entries(configsByPid)) {
    if (values === undefined) continue;
    services[pid] = validateService(pid, values);
  }
  const crossErrors = crossServiceErrors(configsByPid);
  const ok = Object.values(services).every((r) => r.ok) && crossErrors.length === 0;
  return { ok, services, crossErrors };
}

