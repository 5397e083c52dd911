// What the editor's live preview shows, computed in the browser by the same lib/templates code the
// server sends with: parse (exactly as Java) → compile → render with the sample data. Pure.
//
// Per keystroke this is ~10 µs for a normal template and ~0.25 ms for 20 KB. A previewer also
// remembers its last result: when an edit leaves the four values unchanged (a comment, a
// continuation's indent, layout) it returns the very same object, so React re-renders nothing.
import {
  analyzeProperties,
  compileTemplate,
  parseProperties,
  renderTemplate,
  TEMPLATE_KEYS,
  type FamilyId,
  type PropertiesError,
  type RenderError,
  type TemplateData,
  type TemplateValue,
  type VariableProblem,
} from "@/lib/templates";

export interface PreviewResult {
  /** The subject as it goes out (line breaks as spaces). */
  subject: string;
  body: string;
  problems: readonly VariableProblem[];
  errors: readonly RenderError[];
  /** Java could not read the text; the preview then shows what a tolerant read makes of it. */
  parseError: PropertiesError | null;
}

export function buildPreview(family: FamilyId, text: string, data: TemplateData): PreviewResult {
  return createPreviewer(family)(text, data);
}

/** A preview function that skips compiling and rendering when the four values did not change. */
export function createPreviewer(family: FamilyId): (text: string, data: TemplateData) => PreviewResult {
  let lastValues: (string | undefined)[] | null = null;
  let lastData: TemplateData | null = null;
  let lastParseError: PropertiesError | null = null;
  let last: PreviewResult | null = null;
  return (text, data) => {
    const parsed = parseProperties(text);
    const entries = parsed.ok ? parsed.entries : analyzeProperties(text).entries;
    const parseError = parsed.ok ? null : parsed.error;
    const values = TEMPLATE_KEYS.map((k) => entries.get(k));
    if (
      last &&
      lastData === data &&
      lastValues!.every((v, i) => v === values[i]) &&
      (lastParseError?.message ?? null) === (parseError?.message ?? null)
    ) {
      return last;
    }
    const r = renderTemplate(compileTemplate(entries, { family }), data);
    last = { subject: r.subjectForSending, body: r.body, problems: r.problems, errors: r.errors, parseError };
    lastValues = values;
    lastData = data;
    lastParseError = parseError;
    return last;
  };
}

/** A sample-data problem by its key under "templateEditor" in the catalogs, with its values. */
export type SampleDataProblem =
  | { key: "sampleLineColumn"; values: { line: number; column: number; reason: string } }
  | { key: "sampleEmpty" | "sampleNotObject"; values: Record<string, never> }
  | { key: "sampleBadValue"; values: { name: string; kind: "list" | "object" } };

export type SampleDataResult =
  | { ok: true; data: Record<string, TemplateValue> }
  // `message` is the English; `i18n` the same by key (absent for the JSON parser's own words).
  | { ok: false; message: string; i18n?: SampleDataProblem; line?: number; column?: number };

/** Parses the sample-data JSON the author edits; never throws. */
export function parseSampleData(json: string): SampleDataResult {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(raw);
    if (pos) {
      const offset = Number(pos[1]);
      const before = json.slice(0, offset);
      const line = before.split("\n").length;
      const column = offset - before.lastIndexOf("\n");
      const reason = raw.replace(/\s*(in JSON )?at position \d+.*$/, "").replace(/^JSON\.parse: /, "");
      return { ok: false, message: `Line ${line}, column ${column}: ${reason}`, i18n: { key: "sampleLineColumn", values: { line, column, reason } }, line, column };
    }
    if (json.trim() === "") return { ok: false, message: "Enter a JSON object, e.g. {}.", i18n: { key: "sampleEmpty", values: {} } };
    return { ok: false, message: raw };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, message: "The sample data must be a JSON object: { \"variable\": \"value\", … }.", i18n: { key: "sampleNotObject", values: {} } };
  }
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
      const kind = Array.isArray(v) ? "list" : "object";
      return { ok: false, message: `"${k}" must be a string, number, true/false or null — not ${kind === "list" ? "a list" : "an object"}.`, i18n: { key: "sampleBadValue", values: { name: k, kind } } };
    }
  }
  return { ok: true, data: value as Record<string, TemplateValue> };
}

/** The sample recipient shown in the preview's To line. */
export function sampleRecipient(family: FamilyId, data: TemplateData): string {
  const get = (k: string): string | undefined => {
    const v = data instanceof Map ? data.get(k) : (data as Record<string, TemplateValue>)[k];
    return typeof v === "string" && v.trim() ? v.trim() : undefined;
  };
  if (family === "workflow") {
    const email = get("participant.email") ?? "participant@example.com";
    const name = get("participant.name");
    return name ? `${name} <${email}>` : email;
  }
  return "Jonas Weber <jonas.weber@wknd.example>";
}

/** Splits a body line into its leading white space and the rest (AEM's " \" continuations leave a leading space). */
export function splitLeadingSpace(line: string): [string, string] {
  const m = /^[ \t]+/.exec(line);
  return m ? [m[0], line.slice(m[0].length)] : ["", line];
}
