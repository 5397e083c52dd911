/**
 * Bridging AEM's dotted keys and form libraries.
 *
 * react-hook-form reads a field name like "smtp.host" as a path ({ smtp: { host } }). The form
 * can keep that nesting: `formSchema(def)` flattens the nested values back to dotted keys before
 * the service schema runs, and zod's error paths (["smtp.host"]) land on the same nested names.
 * Pure; safe in the browser.
 */
import { z } from "zod";
import { isPlainObject, withDefaults } from "./define";
import { isPlaceholder } from "./placeholders";
import { isSecretView } from "./redact";
import type { ServiceDef } from "./types";

/** { "smtp.host": "x" } → { smtp: { host: "x" } }. Arrays are values, not paths. */
export function nestKeys(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const parts = key.split(".");
    const leaf = parts.pop() ?? key;
    let node = out;
    for (const p of parts) {
      if (!isPlainObject(node[p])) node[p] = {};
      node = node[p] as Record<string, unknown>;
    }
    node[leaf] = value;
  }
  return out;
}

/** { smtp: { host: "x" } } → { "smtp.host": "x" }. Already flat keys stay as they are. */
export function flattenKeys(values: Record<string, unknown>, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value)) Object.assign(out, flattenKeys(value, full));
    else out[full] = value;
  }
  return out;
}

/** The service schema behind a flattening step, for zodResolver over nested form values. */
export function formSchema(def: ServiceDef) {
  return z.preprocess((v) => (isPlainObject(v) ? flattenKeys(v) : v), def.schema);
}

/**
 * Nested default values for a form: the given values over the field defaults. Secret fields
 * start blank ("keep the stored secret") unless they hold a placeholder, which is not secret;
 * redacted views ({ set }) and sealed values are never put into an input.
 */
export function formDefaultValues(def: ServiceDef, values?: Record<string, unknown>): Record<string, unknown> {
  const out = withDefaults(def, values);
  for (const f of def.fields) {
    if (f.type !== "secret") continue;
    const v = out[f.key];
    const placeholder = isSecretView(v) ? v.placeholder : isPlaceholder(v) ? (v as string) : undefined;
    out[f.key] = placeholder ?? "";
  }
  return nestKeys(out);
}
