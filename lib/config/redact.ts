/**
 * Browser-safe views of service values: secret fields become { set, placeholder? } and never
 * carry their value (clear or sealed). Also the reverse step for a submitted form: secrets left
 * blank keep their stored value. Pure; safe in the browser.
 */
import { formatPlaceholder, parsePlaceholder } from "./placeholders";
import type { FieldValue, ServiceDef } from "./types";

export interface SecretView {
  /** A value (or a placeholder) is stored. */
  set: boolean;
  /** The placeholder, when the secret is one ($[secret:NAME] names a variable, not a value). */
  placeholder?: string;
}

export type RedactedValues = Record<string, FieldValue | SecretView>;

export function secretView(value: unknown): SecretView {
  if (typeof value !== "string" || value === "") return { set: false };
  const p = parsePlaceholder(value);
  // A default inside a secret's placeholder would be a value in clear: never show it.
  if (p) return { set: true, placeholder: formatPlaceholder(p.kind, p.name) };
  return { set: true };
}

export function isSecretView(v: unknown): v is SecretView {
  return typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as SecretView).set === "boolean";
}

/**
 * Values of the service's fields, with secrets redacted. Keys that are not fields are dropped
 * (they might be secrets of an older definition).
 */
export function redactValues(def: ServiceDef, values: Record<string, unknown> | null | undefined): RedactedValues {
  const out: RedactedValues = {};
  const v = values ?? {};
  for (const f of def.fields) {
    const value = v[f.key];
    if (f.type === "secret") {
      out[f.key] = secretView(value);
    } else if (value !== undefined) {
      out[f.key] = Array.isArray(value) ? [...(value as string[])] : (value as FieldValue);
    }
  }
  return out;
}

/**
 * Merges a submitted form with the stored values for secret fields:
 * - blank or missing → keep the stored value (the form never had it),
 * - listed in `clear` → "" (not set),
 * - anything else → the new value (clear text or a placeholder; seal it before storing).
 * Non-secret fields are taken from `submitted` unchanged.
 */
export function applySecretEdits(
  def: ServiceDef,
  submitted: Record<string, unknown>,
  stored: Record<string, unknown> | null | undefined,
  clear: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...submitted };
  for (const f of def.fields) {
    if (f.type !== "secret") continue;
    if (clear.includes(f.key)) {
      out[f.key] = "";
      continue;
    }
    const s = submitted[f.key];
    if (s === undefined || s === "" || isSecretView(s)) {
      const prev = stored?.[f.key];
      if (prev === undefined) delete out[f.key];
      else out[f.key] = prev;
    }
  }
  return out;
}
