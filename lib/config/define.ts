/**
 * Helpers over service definitions: building one (with a consistency check), defaults, lookups.
 * Pure; safe in the browser.
 */
import type { ConfigValues, FieldDef, FieldValue, ServiceDef, ServiceSchema } from "./types";

/**
 * Declares a service. Throws at module load when the fields and the schema disagree, so a new
 * service file cannot ship with a field the form shows but the schema rejects (or the reverse).
 */
export function defineService<S extends ServiceSchema>(def: ServiceDef<S>): ServiceDef<S> {
  const fieldKeys = def.fields.map((f) => f.key);
  const schemaKeys = Object.keys(def.schema.shape);
  const dup = fieldKeys.find((k, i) => fieldKeys.indexOf(k) !== i);
  if (dup) throw new Error(`${def.pid}: field "${dup}" is defined twice`);
  const notInSchema = fieldKeys.filter((k) => !schemaKeys.includes(k));
  const notInFields = schemaKeys.filter((k) => !fieldKeys.includes(k));
  if (notInSchema.length || notInFields.length) {
    throw new Error(
      `${def.pid}: fields and schema disagree (only in fields: ${notInSchema.join(", ") || "none"}; ` +
        `only in schema: ${notInFields.join(", ") || "none"})`,
    );
  }
  for (const f of def.fields) {
    if (f.type === "enum" && !f.options.some((o) => o.value === f.default)) {
      throw new Error(`${def.pid}: default of "${f.key}" is not one of its options`);
    }
  }
  return def;
}

export function getField(def: ServiceDef, key: string): FieldDef | undefined {
  return def.fields.find((f) => f.key === key);
}

function cloneValue(v: FieldValue): FieldValue {
  return Array.isArray(v) ? [...v] : v;
}

/** Every field at its default (a service that was never saved behaves like this). */
export function defaultValues(def: ServiceDef): ConfigValues {
  const out: ConfigValues = {};
  for (const f of def.fields) out[f.key] = cloneValue(f.default);
  return out;
}

/**
 * Fills missing fields with their defaults. Keys that are not fields are kept, so validation
 * still sees (and rejects) them.
 */
export function withDefaults(def: ServiceDef, values: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaultValues(def) };
  if (values) {
    for (const [k, v] of Object.entries(values)) {
      if (v !== undefined) out[k] = v;
    }
  }
  return out;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Equality of two field values (arrays compared item by item). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  }
  return Object.is(a, b);
}
