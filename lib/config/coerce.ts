/**
 * Conversion of loosely typed input (form posts, XML attributes, .config files) to field types.
 *
 * Only unambiguous conversions are made ("587" → 587, "true" → true, "openid" → ["openid"]).
 * Anything else is passed through unchanged, so the schema rejects it with the field's own
 * message instead of the value being silently replaced. Pure; safe in the browser.
 */
import { getField } from "./define";
import type { FieldDef, ServiceDef } from "./types";

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function coerceValue(field: FieldDef, raw: unknown): unknown {
  switch (field.type) {
    case "number": {
      if (typeof raw === "string" && NUMBER.test(raw.trim())) return Number(raw.trim());
      return raw;
    }
    case "boolean": {
      if (typeof raw === "string") {
        const t = raw.trim().toLowerCase();
        if (t === "true") return true;
        if (t === "false") return false;
      }
      return raw;
    }
    case "string":
    case "enum":
    case "secret": {
      if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
      return raw;
    }
    case "stringList": {
      // OSGi turns a single value into a one-element list for multi-value properties.
      if (typeof raw === "string") return raw.trim() === "" ? [] : [raw];
      if (Array.isArray(raw)) {
        return raw.map((x) => (typeof x === "number" && Number.isFinite(x) ? String(x) : x));
      }
      return raw;
    }
  }
}

/**
 * Coerces the values of known fields; unknown keys are kept as they are so that validation can
 * report them.
 */
export function coerceValues(def: ServiceDef, raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = getField(def, key);
    out[key] = field ? coerceValue(field, value) : value;
  }
  return out;
}
