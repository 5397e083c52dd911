/**
 * The texts of the service definitions as the console shows them, by catalog key (issue 17).
 *
 * The definitions keep their English (the CLI, the API, exports and logs use it); the console
 * reads the same texts from the "services" namespace of messages/<locale>.json, under keys
 * derived from the PID and the property key (dots become "_": next-intl reads a dot as nesting):
 *   services.com_day_cq_mailer_DefaultMailService.fields.smtp_host.label
 * The English catalog is exactly `serviceCatalog()` (lib/config/services/catalog.test.ts), so it
 * cannot drift from the definitions. Pure; safe in the browser.
 */
import { SERVICES } from "./index";
import type { FieldDef, ServiceDef } from "../types";
import { matchValidation, type ValidationKey } from "@/lib/validations/messages";

/** The catalog key of a service: its PID with "_" for ".". */
export const serviceKey = (pid: string) => pid.replace(/\./g, "_");
/** The catalog key of a field: its property key with "_" for ".". */
export const fieldKey = (key: string) => key.replace(/\./g, "_");

/** A plain text as an ICU message that formats back to exactly that text. */
export function icuEscape(text: string): string {
  // An apostrophe is literal unless a syntax character follows it; only then is it doubled.
  // ("#" is plain text outside a plural, and these texts have no plurals.)
  return text.replace(/'(?=['{}<>])/g, "''").replace(/[{}<>]/g, (c) => `'${c}'`);
}

export interface FieldTexts {
  label: string;
  help: string;
  /** How one entry of a list is called ("Scope"). */
  itemLabel?: string;
  /** The unit next to a number ("seconds"). */
  unit?: string;
  /** Option labels by option value. */
  options?: Record<string, string>;
  /** Why AEM's default breaks real mail (the risky-defaults alert). */
  breaks?: string;
}

export interface ServiceTexts {
  /**
   * The reader's name for the service, shown beside AEM's (which stays verbatim): "메일 서비스".
   * Empty in English, where AEM's name is the name.
   */
  title: string;
  description: string;
  fields: Record<string, FieldTexts>;
}

function fieldTexts(f: FieldDef, map: (s: string) => string): FieldTexts {
  const out: FieldTexts = { label: map(f.label), help: map(f.help) };
  if (f.type === "stringList" && f.itemLabel) out.itemLabel = map(f.itemLabel);
  if (f.type === "number" && f.unit) out.unit = map(f.unit);
  if (f.type === "enum") out.options = Object.fromEntries(f.options.map((o) => [o.value, map(o.label)]));
  if (f.defaultBreaksRealMail) out.breaks = map(f.defaultBreaksRealMail);
  return out;
}

/** One service's texts in English, each passed through `map` (identity, or ICU escaping). */
export function serviceTextsOf(def: ServiceDef, map: (s: string) => string = (s) => s): ServiceTexts {
  return {
    title: "",
    description: map(def.description),
    fields: Object.fromEntries(def.fields.map((f) => [fieldKey(f.key), fieldTexts(f, map)])),
  };
}

/** The English "services" namespace: what messages/en.json must hold. */
export function serviceCatalog(): Record<string, ServiceTexts> {
  return Object.fromEntries(SERVICES.map((s) => [serviceKey(s.pid), serviceTextsOf(s, icuEscape)]));
}

/** A translator of the "services" namespace (next-intl's t, typed loosely). */
export type ServicesT = (key: string) => string;

/** One service's texts in the reader's language, keyed by property key (not catalog key). */
export function translatedServiceTexts(def: ServiceDef, t: ServicesT): { title: string; description: string; fields: Record<string, FieldTexts> } {
  const sk = serviceKey(def.pid);
  const english = serviceTextsOf(def);
  const fields: Record<string, FieldTexts> = {};
  for (const f of def.fields) {
    const base = `${sk}.fields.${fieldKey(f.key)}`;
    const en = english.fields[fieldKey(f.key)]!;
    const out: FieldTexts = { label: t(`${base}.label`), help: t(`${base}.help`) };
    if (en.itemLabel !== undefined) out.itemLabel = t(`${base}.itemLabel`);
    if (en.unit !== undefined) out.unit = t(`${base}.unit`);
    if (en.options) out.options = Object.fromEntries(Object.keys(en.options).map((v) => [v, t(`${base}.options.${v}`)]));
    if (en.breaks !== undefined) out.breaks = t(`${base}.breaks`);
    fields[f.key] = out;
  }
  return { title: t(`${sk}.title`), description: t(`${sk}.description`), fields };
}

/**
 * English label → translated label of one service's fields and list entries, for the values of
 * a validation message ("SMTP server port" → "SMTP 서버 포트", "Scope 2" → "범위 2").
 */
export function labelTranslator(def: ServiceDef, texts: Record<string, FieldTexts>, ...related: (readonly [ServiceDef, Record<string, FieldTexts>])[]): (english: string) => string {
  const labels = new Map<string, string>();
  const items = new Map<string, string>();
  // The service's own labels win over those of a related service (named in cross-service rules).
  for (const [d, tx] of [...related.slice().reverse(), [def, texts] as const]) {
    for (const f of d.fields) {
      const x = tx[f.key];
      if (!x) continue;
      labels.set(f.label, x.label);
      if (f.type === "stringList" && f.itemLabel && x.itemLabel) items.set(f.itemLabel, x.itemLabel);
    }
  }
  return (english) => {
    const exact = labels.get(english);
    if (exact !== undefined) return exact;
    const m = /^(.+) \((URL \d+)\)$/.exec(english);
    if (m && labels.has(m[1]!)) return `${labels.get(m[1]!)} (${m[2]})`;
    const item = /^(.+) (\d+)$/.exec(english);
    if (item && items.has(item[1]!)) return `${items.get(item[1]!)} ${item[2]}`;
    return english;
  };
}

/** A translator of the "validation" namespace (next-intl's t, typed loosely). */
export type ValidationT = (key: ValidationKey, values: Record<string, string>) => string;

/**
 * The error map for a service's messages: a known validation text in the reader's language, with
 * its field labels translated (`labelOf`) and any value that is itself a fixed known text ("or -1
 * for never", "it has no "@"") translated too. A text it does not know is shown as it came.
 */
export function localizeConfigError(message: string, t: ValidationT, labelOf: (english: string) => string = (s) => s): string {
  const found = matchValidation(message);
  if (!found) return message;
  const values: Record<string, string> = {};
  const one = (value: string): string => {
    const label = labelOf(value);
    if (label !== value) return label;
    const fixed = matchValidation(value);
    return fixed && Object.keys(fixed.values).length === 0 ? t(fixed.key, {}) : value;
  };
  for (const [name, value] of Object.entries(found.values)) {
    const single = one(value);
    // A list of labels as validate.ts joins them ("Token URL, Client ID and at least one scope").
    const parts = value.split(/, | and /);
    const listed = parts.length > 1 ? parts.map(one) : null;
    values[name] = single !== value || !listed || listed.every((p, i) => p === parts[i]) ? single : listed.join(", ");
  }
  return t(found.key, values);
}
