// Renders a template (the four keys of a Properties file) into a subject and a body.
//
// Rules:
// - `${name}` is replaced once by the value given for `name`; a value that itself contains
//   `${x}` is inserted as it is and never expanded (no recursion, no code, no expressions);
// - a placeholder without a value stays as written and is reported: `unknown` when the family
//   has no such variable, `missing` when it does but no value was given;
// - subject = `subject`; body = `header` + `message` + `footer`, each key substituted on its own
//   (a placeholder cannot straddle two keys);
// - the subject must be one line: a line break in it is an error for the editor, and
//   `subjectForSending` has each line break replaced by a space (no header injection).
//
// A template is compiled once into static text and variable slots (compileTemplate); rendering
// then only concatenates, so one render of the workflow template takes about a microsecond.
// Pure: runs in the browser preview too.
import { requireFamily, TEMPLATE_KEYS, type FamilyId, type TemplateFamily, type TemplateKey } from "./catalog";
import { templateText, type TemplateMessage } from "./messages";

/** A placeholder is `${` + a name without white space, braces or `$` + `}`. */
const PLACEHOLDER = /\$\{([^\s{}$]*)(\}?)/g;
/** Line breaks that would break a one-line subject: CR, LF, NEL, LS, PS. */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/;
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;

export interface PlaceholderToken {
  name: string;
  /** Index of `$` and index after `}` in the scanned text. */
  start: number;
  end: number;
}

export interface MalformedPlaceholder {
  /** Index of `$` and the end of what was recognised (`${` plus any name characters). */
  start: number;
  end: number;
  text: string;
}

/** Finds `${name}` placeholders, and `${` sequences that do not form one (for the lint). */
export function scanPlaceholders(text: string): { placeholders: PlaceholderToken[]; malformed: MalformedPlaceholder[] } {
  const placeholders: PlaceholderToken[] = [];
  const malformed: MalformedPlaceholder[] = [];
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(text); m !== null; m = PLACEHOLDER.exec(text)) {
    const end = m.index + m[0].length;
    const name = m[1];
    if (name !== undefined && name !== "" && m[2] === "}") placeholders.push({ name, start: m.index, end });
    else malformed.push({ start: m.index, end, text: m[0] });
  }
  return { placeholders, malformed };
}

export type TemplateEntries = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

export type TemplateValue = string | number | boolean | bigint | null | undefined;
/** Variable values by name (`{ "event.EventType": "NodeTransition" }`) or a Map. */
export type TemplateData = Readonly<Record<string, TemplateValue>> | ReadonlyMap<string, TemplateValue>;

export type ProblemReason = "unknown" | "missing";

export interface VariableProblem {
  name: string;
  reason: ProblemReason;
  /** Keys whose text contains the placeholder. */
  keys: TemplateKey[];
}

export type RenderErrorCode = "missing-key" | "subject-line-break";

export interface RenderError {
  code: RenderErrorCode;
  key: TemplateKey;
  message: string;
  /** The message by key and values, for the console to translate. */
  i18n: TemplateMessage;
}

export interface RenderResult {
  /** The rendered subject, exactly as the template produces it (may contain line breaks). */
  subject: string;
  /** The subject with every line break replaced by a space: what goes into the Subject header. */
  subjectForSending: string;
  /** header + message + footer. */
  body: string;
  /** Placeholders left as written, one entry per name. Empty when everything was substituted. */
  problems: readonly VariableProblem[];
  /** Missing keys and a multi-line subject. */
  errors: readonly RenderError[];
}

/** Compiled text: statics[0] slot[0] statics[1] … slot[n-1] statics[n]. */
interface CompiledText {
  readonly statics: readonly string[];
  readonly names: readonly string[];
  /** `${name}` as written, inserted when there is no value. */
  readonly raw: readonly string[];
  /** Which key each slot comes from. */
  readonly keys: readonly TemplateKey[];
  /** Reason to report per slot when there is no value. */
  readonly reasons: readonly ProblemReason[];
  /** Slots whose name is also an Object.prototype property (`constructor`, `__proto__`, …). */
  readonly guarded: readonly boolean[];
}

export interface CompiledTemplate {
  readonly kind: "herald.compiled-template";
  readonly family: FamilyId | null;
  readonly subject: CompiledText;
  readonly body: CompiledText;
  /** Distinct placeholder names in order of first use (subject, header, message, footer). */
  readonly variables: readonly string[];
  /** Placeholder names the family does not define (empty without a family). */
  readonly unknownVariables: readonly string[];
  readonly missingKeys: readonly TemplateKey[];
  /** The subject's static text already contains a line break. */
  readonly subjectHasLineBreak: boolean;
}

export interface CompileOptions {
  /** Decides `unknown` versus `missing`; without a family every unresolved name is `missing`. */
  family?: FamilyId | TemplateFamily;
  /** Alternatively, the known variable names. */
  variables?: Iterable<string>;
}

function getEntry(entries: TemplateEntries, key: string): string | undefined {
  if (entries instanceof Map) return (entries as ReadonlyMap<string, string>).get(key);
  const rec = entries as Readonly<Record<string, string>>;
  return Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}

class TextBuilder {
  statics: string[] = [""];
  names: string[] = [];
  raw: string[] = [];
  keys: TemplateKey[] = [];
  reasons: ProblemReason[] = [];
  guarded: boolean[] = [];

  constructor(private readonly known: ReadonlySet<string> | null) {}

  add(text: string, key: TemplateKey): void {
    let last = 0;
    PLACEHOLDER.lastIndex = 0;
    for (let m = PLACEHOLDER.exec(text); m !== null; m = PLACEHOLDER.exec(text)) {
      const name = m[1];
      if (name === undefined || name === "" || m[2] !== "}") continue; // not a placeholder: stays static text
      this.statics[this.statics.length - 1] += text.slice(last, m.index);
      this.statics.push("");
      this.names.push(name);
      this.raw.push(m[0]);
      this.keys.push(key);
      this.reasons.push(this.known === null || this.known.has(name) ? "missing" : "unknown");
      this.guarded.push(name in Object.prototype);
      last = m.index + m[0].length;
    }
    this.statics[this.statics.length - 1] += text.slice(last);
  }

  build(): CompiledText {
    return Object.freeze({
      statics: Object.freeze(this.statics),
      names: Object.freeze(this.names),
      raw: Object.freeze(this.raw),
      keys: Object.freeze(this.keys),
      reasons: Object.freeze(this.reasons),
      guarded: Object.freeze(this.guarded),
    });
  }
}

/** Splits the template's four keys into static text and variable slots, once. */
export function compileTemplate(entries: TemplateEntries, options: CompileOptions = {}): CompiledTemplate {
  const family = options.family === undefined ? null : requireFamily(options.family);
  let known: ReadonlySet<string> | null = null;
  if (options.variables !== undefined) known = new Set(options.variables);
  else if (family) known = new Set(family.variables.map((v) => v.name));

  const missingKeys: TemplateKey[] = [];
  const text = (key: TemplateKey) => {
    const v = getEntry(entries, key);
    if (v === undefined) missingKeys.push(key);
    return v ?? "";
  };

  const subject = new TextBuilder(known);
  const subjectText = text("subject");
  subject.add(subjectText, "subject");
  const body = new TextBuilder(known);
  for (const key of TEMPLATE_KEYS) if (key !== "subject") body.add(text(key), key);

  const variables = [...new Set([...subject.names, ...body.names])];
  return Object.freeze({
    kind: "herald.compiled-template" as const,
    family: family ? family.id : null,
    subject: subject.build(),
    body: body.build(),
    variables: Object.freeze(variables),
    unknownVariables: Object.freeze(known === null ? [] : variables.filter((n) => !known.has(n))),
    missingKeys: Object.freeze(missingKeys),
    subjectHasLineBreak: LINE_BREAK.test(subject.statics.join("")),
  });
}

function isCompiled(t: CompiledTemplate | TemplateEntries): t is CompiledTemplate {
  return (t as CompiledTemplate).kind === "herald.compiled-template" && !(t instanceof Map);
}

/** Collects problems without allocating when there are none. */
class Problems {
  list: VariableProblem[] | null = null;
  add(name: string, reason: ProblemReason, key: TemplateKey): void {
    const list = (this.list ??= []);
    for (const p of list) {
      if (p.name === name) {
        if (!p.keys.includes(key)) p.keys.push(key);
        return;
      }
    }
    list.push({ name, reason, keys: [key] });
  }
}

function stringify(v: TemplateValue | unknown): string | undefined {
  switch (typeof v) {
    case "string":
      return v;
    case "number":
    case "boolean":
    case "bigint":
      return String(v);
    default:
      // null, undefined, and anything that is not a plain value: never call user code (toString).
      return undefined;
  }
}

function renderText(t: CompiledText, data: TemplateData, isMap: boolean, problems: Problems): string {
  const { statics, names } = t;
  let out = statics[0]!;
  // TextBuilder fills the arrays in step, with one more static than names: every index below is in range.
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    let value: string | undefined;
    if (isMap) value = stringify((data as ReadonlyMap<string, TemplateValue>).get(name));
    else {
      const rec = data as Readonly<Record<string, TemplateValue>>;
      const v = rec[name];
      // Only own properties count: `${constructor}` must not find Object.prototype.constructor.
      value = t.guarded[i] && !Object.prototype.hasOwnProperty.call(rec, name) ? undefined : stringify(v);
    }
    if (value === undefined) {
      problems.add(name, t.reasons[i]!, t.keys[i]!);
      out += t.raw[i]!;
    } else out += value;
    out += statics[i + 1]!;
  }
  return out;
}

const NO_PROBLEMS: readonly VariableProblem[] = Object.freeze([]);
const NO_ERRORS: readonly RenderError[] = Object.freeze([]);

/**
 * Renders a template with the given values. Pass a CompiledTemplate when rendering the same
 * template repeatedly; raw entries are compiled on each call.
 */
export function renderTemplate(
  template: CompiledTemplate | TemplateEntries,
  data: TemplateData,
  options: CompileOptions = {},
): RenderResult {
  const t = isCompiled(template) ? template : compileTemplate(template, options);
  const isMap = data instanceof Map;
  const problems = new Problems();
  const subject = renderText(t.subject, data, isMap, problems);
  const body = renderText(t.body, data, isMap, problems);

  let errors: RenderError[] | null = null;
  for (const key of t.missingKeys) {
    (errors ??= []).push({ code: "missing-key", key, message: templateText("renderMissingKey", { key }), i18n: { key: "renderMissingKey", values: { key } } });
  }
  let subjectForSending = subject;
  if (LINE_BREAK.test(subject)) {
    subjectForSending = subject.replace(LINE_BREAKS, " ");
    (errors ??= []).push({
      code: "subject-line-break",
      key: "subject",
      message: templateText(t.subjectHasLineBreak ? "renderSubjectLineBreak" : "renderValueLineBreak"),
      i18n: { key: t.subjectHasLineBreak ? "renderSubjectLineBreak" : "renderValueLineBreak", values: {} },
    });
  }
  return {
    subject,
    subjectForSending,
    body,
    problems: problems.list ?? NO_PROBLEMS,
    errors: errors ?? NO_ERRORS,
  };
}
