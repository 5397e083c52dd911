/**
 * Helpers over service definitions: building one (with a consistency check), defaults, lookups.
 * Pure; safe in the browser.
 */
import type { z } from "zod";
import type { ConfigValues, FieldDef, FieldValue, ServiceDef, ServiceSchema } from "./types";

/**
 * Declares a service. Throws at module load when the fields and the schema disagree, so a new
 * service file cannot ship with a field the form shows but the schema rejects (or the reverse):
 * the same keys, and for each field the form's promises (required, min, max, whole numbers,
 * default, options) probed against the schema that the server enforces.
 */
export function defineService<S extends ServiceSchema, P extends string>(def: ServiceDef<S, P>): ServiceDef<S, P> {
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
    const problem = fieldSchemaMismatch(f, def.schema.shape[f.key] as z.ZodType);
    if (problem) throw new Error(`${def.pid}: field "${f.key}" disagrees with the schema: ${problem}`);
  }
  return def;
}

/** What a field declares that its schema does not enforce (or the reverse), or null. */
function fieldSchemaMismatch(f: FieldDef, schema: z.ZodType): string | null {
  const accepts = (v: unknown) => schema.safeParse(v).success;
  // A required text field starts blank on a service never saved; the form asks for it.
  const blankUntilSaved = f.required && f.default === "";
  if (!blankUntilSaved && !accepts(f.default)) return `the default ${JSON.stringify(f.default)} is rejected`;
  if (f.type === "string") {
    if (f.required && accepts("")) return "it is marked required but the schema accepts a blank value";
    if (!f.required && !accepts("")) return "the schema rejects a blank value but the field is not marked required";
  }
  if (f.type === "enum") {
    const bad = f.options.find((o) => !accepts(o.value));
    if (bad) return `the option "${bad.value}" is rejected`;
  }
  if (f.type === "number") {
    const step = f.integer ? 1 : 1e-6;
    if (f.min !== undefined && (!accepts(f.min) || accepts(f.min - step))) return `min is ${f.min} but the schema's lower bound differs`;
    if (f.max !== undefined && (!accepts(f.max) || accepts(f.max + step))) return `max is ${f.max} but the schema's upper bound differs`;
    if (f.min === undefined && !accepts(-Number.MAX_SAFE_INTEGER)) return "the schema has a lower bound the field does not declare as min";
    if (f.max === undefined && !accepts(Number.MAX_SAFE_INTEGER)) return "the schema has an upper bound the field does not declare as max";
    const inside = f.min ?? f.max ?? f.default;
    if (f.integer && accepts(inside + 0.5)) return "it is marked whole numbers only but the schema accepts fractions";
    if (!f.integer && !accepts(inside + 0.5) && accepts(inside)) return "the schema accepts whole numbers only but the field is not marked integer";
  }
  return null;
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
