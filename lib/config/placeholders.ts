/**
 * AEM as a Cloud Service style placeholders in configuration values:
 *   $[env:NAME]                 the environment variable NAME
 *   $[secret:NAME]              a secret; Herald reads it from the environment variable NAME
 *   $[env:NAME;default=value]   with a fallback when NAME is not set
 *
 * A placeholder must be the whole value. Placeholders are not secret (they name a variable, they
 * do not hold its value), so the console may show them. Pure: the environment is a parameter;
 * nothing here reads process.env.
 */
import { z } from "zod";
import type { ConfigValues, FieldDef, ServiceDef } from "./types";
import { ANY_VARIABLE, type PlaceholderPolicy } from "./placeholder-policy";

export type PlaceholderKind = "env" | "secret";

export interface Placeholder {
  kind: PlaceholderKind;
  /** The variable name. */
  name: string;
  /** The `;default=` value, when given. */
  default?: string;
  /** The placeholder text as written. */
  raw: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

const NAME = "[A-Za-z_][A-Za-z0-9_]*";
const PLACEHOLDER_RE = new RegExp(`^\\$\\[(env|secret):(${NAME})(?:;default=([^\\]]*))?\\]$`);

/** True when the whole value is a well-formed placeholder. */
export function isPlaceholder(value: unknown): boolean {
  return typeof value === "string" && PLACEHOLDER_RE.test(value);
}

/** True when the value starts like a placeholder ("$[") but is not a well-formed one. */
export function isMalformedPlaceholder(value: unknown): boolean {
  return typeof value === "string" && value.trimStart().startsWith("$[") && !isPlaceholder(value);
}

export function parsePlaceholder(value: string): Placeholder | null {
  const m = PLACEHOLDER_RE.exec(value);
  if (!m) return null;
  const p: Placeholder = { kind: m[1] as PlaceholderKind, name: m[2] ?? "", raw: value };
  if (m[3] !== undefined) p.default = m[3];
  return p;
}

export function formatPlaceholder(kind: PlaceholderKind, name: string, defaultValue?: string): string {
  if (!new RegExp(`^${NAME}$`).test(name)) {
    throw new Error(`"${name}" is not a valid variable name (letters, digits and "_", not starting with a digit).`);
  }
  if (defaultValue !== undefined && /[\]\r\n]/.test(defaultValue)) {
    throw new Error('A placeholder default must not contain "]" or line breaks.');
  }
  return `$[${kind}:${name}${defaultValue !== undefined ? `;default=${defaultValue}` : ""}]`;
}

/** Why a placeholder cannot be resolved. */
export class PlaceholderError extends Error {
  readonly variable: string;
  readonly placeholder: string;
  constructor(placeholder: Placeholder) {
    const what = placeholder.kind === "secret" ? "secret" : "environment variable";
    super(
      `The ${what} ${placeholder.name} is not set (the configuration refers to it as ${placeholder.raw}). ` +
        `Set the environment variable ${placeholder.name} on the Herald server.`,
    );
    this.name = "PlaceholderError";
    this.variable = placeholder.name;
    this.placeholder = placeholder.raw;
  }
}

/**
 * Resolves a placeholder against an environment. Values that are not placeholders are returned
 * unchanged. Throws PlaceholderError, naming the variable, when it is not set and has no default.
 * An empty variable counts as set.
 */
export function resolvePlaceholder(value: string, env: Env): string {
  const p = parsePlaceholder(value);
  if (!p) return value;
  const v = Object.prototype.hasOwnProperty.call(env, p.name) ? env[p.name] : undefined;
  if (v !== undefined) return v;
  if (p.default !== undefined) return p.default;
  throw new PlaceholderError(p);
}

export type ResolveResult = { ok: true; value: string } | { ok: false; error: string; variable: string };

/** resolvePlaceholder without throwing. */
export function tryResolvePlaceholder(value: string, env: Env): ResolveResult {
  try {
    return { ok: true, value: resolvePlaceholder(value, env) };
  } catch (e) {
    if (e instanceof PlaceholderError) return { ok: false, error: e.message, variable: e.variable };
    throw e;
  }
}

export interface MissingPlaceholder {
  /** Set when the variable may not be read at all (HERALD_CONFIG_VARS), rather than being unset. */
  refused?: string;
  key: string;
  label: string;
  placeholder: string;
  variable: string;
  kind: PlaceholderKind;
}

function fieldsOf(defs: ServiceDef | readonly FieldDef[]): readonly FieldDef[] {
  return Array.isArray(defs) ? (defs as readonly FieldDef[]) : (defs as ServiceDef).fields;
}

function placeholdersIn(value: unknown): string[] {
  if (typeof value === "string") return isPlaceholder(value) ? [value] : [];
  if (Array.isArray(value)) return value.filter((v): v is string => isPlaceholder(v));
  return [];
}

/**
 * Placeholders in the values whose variable is not set (and that have no default), for form
 * warnings ("$[secret:SMTP_PASSWORD] — SMTP_PASSWORD is not set on this server").
 */
export function missingPlaceholders(
  values: Record<string, unknown>,
  defs: ServiceDef | readonly FieldDef[],
  env: Env,
  policy: PlaceholderPolicy = ANY_VARIABLE,
): MissingPlaceholder[] {
  const out: MissingPlaceholder[] = [];
  for (const f of fieldsOf(defs)) {
    for (const raw of placeholdersIn(values[f.key])) {
      const refused = placeholderRefusal(f, raw, policy);
      if (refused) {
        const p = parsePlaceholder(raw)!;
        out.push({ key: f.key, label: f.label, placeholder: raw, variable: p.name, kind: p.kind, refused });
        continue;
      }
      const r = tryResolvePlaceholder(raw, env);
      if (!r.ok) {
        const p = parsePlaceholder(raw)!;
        out.push({ key: f.key, label: f.label, placeholder: raw, variable: p.name, kind: p.kind });
      }
    }
  }
  return out;
}

export type ResolveValuesResult =
  | { ok: true; values: ConfigValues }
  | { ok: false; errors: { key: string; label: string; variable: string; message: string }[] };

/**
 * Replaces every placeholder in a service's values (strings, secrets and list entries) by its
 * value from the environment. Used right before the values are put to work (SMTP, OAuth).
 * A field that held a placeholder is checked again with its schema once resolved, since the form
 * could not see the final value (an address from $[env:FROM] must still be an address, and must
 * not smuggle a line break into a header).
 */
export function resolveValues(def: ServiceDef, values: ConfigValues, env: Env, policy: PlaceholderPolicy = ANY_VARIABLE): ResolveValuesResult {
  const out: ConfigValues = { ...values };
  const errors: { key: string; label: string; variable: string; message: string }[] = [];
  for (const f of def.fields) {
    const v = values[f.key];
    const used: string[] = [];
    let failed = false;
    const one = (s: string): string => {
      const p = parsePlaceholder(s);
      if (!p) return s;
      used.push(p.name);
      // Checked again at use: a value stored before the rule, or under another HERALD_CONFIG_VARS.
      const refused = placeholderRefusal(f, s, policy);
      if (refused) {
        failed = true;
        errors.push({ key: f.key, label: f.label, variable: p.name, message: `${f.label}: ${refused}` });
        return s;
      }
      const r = tryResolvePlaceholder(s, env);
      if (r.ok) return r.value;
      failed = true;
      errors.push({ key: f.key, label: f.label, variable: r.variable, message: `${f.label}: ${r.error}` });
      return s;
    };
    if (typeof v === "string") out[f.key] = one(v);
    else if (Array.isArray(v)) out[f.key] = v.map(one);
    const [firstUsed] = used;
    if (firstUsed === undefined || failed) continue;
    const fieldSchema = def.schema.shape[f.key];
    const checked = fieldSchema ? z.safeParse(fieldSchema, out[f.key]) : undefined;
    if (checked && !checked.success) {
      const names = used.join(", ");
      errors.push({
        key: f.key,
        label: f.label,
        variable: firstUsed,
        message: `${checked.error.issues[0]?.message} (The value comes from the environment variable ${names}.)`,
      });
    } else if (checked?.success) {
      out[f.key] = checked.data as ConfigValues[string];
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, values: out };
}

/**
 * Why a placeholder may not be used in this field, or null: the variable is not designated for
 * configuration (policy), or a $[secret:…] sits in a field that is not a secret — its value would
 * then be shown (a transcript, an error, a redirect) where secrets never are.
 */
export function placeholderRefusal(field: FieldDef, raw: string, policy: PlaceholderPolicy): string | null {
  const p = parsePlaceholder(raw);
  if (!p) return null;
  if (p.kind === "secret" && field.type !== "secret") {
    return `${p.raw} is a secret placeholder, and ${field.label} is not a secret field (its value is shown, e.g. in test transcripts); use $[env:${p.name}] for a value that is not secret.`;
  }
  const why = policy.refusal(p.name);
  return why ? `${p.raw} cannot be used: ${why}` : null;
}

/** Field errors for every placeholder in `values` that may not be used (see placeholderRefusal). */
export function placeholderErrors(def: ServiceDef, values: Record<string, unknown>, policy: PlaceholderPolicy): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of def.fields) {
    for (const raw of placeholdersIn(values[f.key])) {
      const why = placeholderRefusal(f, raw, policy);
      if (why) (out[f.key] ??= []).push(`${f.label}: ${why}`);
    }
  }
  return out;
}
