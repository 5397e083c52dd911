// Checks a template file of a family and reports problems with their place in the file, for
// the editor's lint marks and the CLI. Pure: runs in the browser.
//
// errors   — the file cannot be read as Java would (malformed \uXXXX, invalid UTF-8), a required
//            key is missing, the subject has a line break, a byte order mark spoils the first key;
// warnings — unknown variables, unknown keys, duplicate keys, malformed `${`, a continuation into
//            a blank line, a multi-line variable in the subject, an empty subject;
// info     — surprises of the Properties format that are legal (comment lines ending in "\",
//            "#" at the start of a continuation line, "\ " at the end of a line).
import { requireFamily, TEMPLATE_KEYS, type FamilyId, type TemplateFamily } from "./catalog";
import {
  analyzeProperties,
  LineIndex,
  type DiagnosticSeverity,
  type PropertiesDiagnosticCode,
  type PropertyItem,
  type SourceRange,
} from "./properties";
import { scanPlaceholders } from "./render";
import { placeholderOf, templateText, type TemplateLintKey, type TemplateMessage, type TemplateMessageValues } from "./messages";

export type LintCode =
  | PropertiesDiagnosticCode
  | "missing-key"
  | "unknown-key"
  | "unknown-variable"
  | "malformed-placeholder"
  | "subject-line-break"
  | "multiline-variable-in-subject"
  | "empty-subject";

export interface LintDiagnostic extends SourceRange {
  severity: DiagnosticSeverity;
  code: LintCode;
  message: string;
  /** The message by key and values, for the console to translate. */
  i18n: TemplateMessage;
  /** The template key concerned, when there is one. */
  key?: string;
  /** The variable concerned (unknown-variable, multiline-variable-in-subject). */
  variable?: string;
}

const KEY_SET: ReadonlySet<string> = new Set(TEMPLATE_KEYS);

/** Levenshtein distance, small inputs only. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  // prev has b.length + 1 entries and j never exceeds b.length: every prev[…] below is in range.
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = c.toLowerCase() === name.toLowerCase() ? 0 : distance(name, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

const LINE_BREAK_CHARS = /[\r\n\u0085\u2028\u2029]/;

/**
 * Lints a template file (text or UTF-8 bytes) of the given family. Diagnostics are sorted by
 * position; lines and columns are 1-based and the end is exclusive.
 */
export function lintTemplate(family: FamilyId | TemplateFamily, input: string | Uint8Array): LintDiagnostic[] {
  const fam = requireFamily(family);
  const analysis = analyzeProperties(input);
  const index = new LineIndex(analysis.text);
  const out: LintDiagnostic[] = [];
  const add = (
    severity: DiagnosticSeverity,
    code: LintCode,
    from: number,
    to: number,
    text: TemplateLintKey,
    values: TemplateMessageValues,
    extra: { key?: string; variable?: string } = {},
  ) => out.push({ severity, code, message: templateText(text, values), i18n: { key: text, values }, ...index.range(from, to), ...extra });

  const hasBom = analysis.text.charCodeAt(0) === 0xfeff;
  for (const d of analysis.diagnostics) {
    // A BOM breaks the first key for Java: an error in a template.
    out.push(d.code === "byte-order-mark" ? { ...d, severity: "error" } : d);
  }

  // The winning definition of each key.
  const winners = new Map<string, PropertyItem>();
  for (const it of analysis.items) winners.set(it.key, it);

  const variableNames = fam.variables.map((v) => v.name);
  const known = new Set(variableNames);
  const multiline = new Set(fam.variables.filter((v) => v.multiline).map((v) => v.name));

  // Keys.
  for (const [key, it] of winners) {
    if (KEY_SET.has(key)) continue;
    const bomKey = hasBom && it.keyFrom === 0 && KEY_SET.has(key.slice(1)) ? key.slice(1) : undefined;
    if (bomKey) continue; // reported as byte-order-mark
    const hint = closest(key, TEMPLATE_KEYS);
    add(
      "warning",
      "unknown-key",
      it.keyFrom,
      Math.max(it.keyTo, it.keyFrom + 1),
      hint ? "unknownKeyHint" : "unknownKey",
      { key, keys: TEMPLATE_KEYS.join(", "), ...(hint ? { hint } : {}) },
      { key },
    );
  }
  for (const key of TEMPLATE_KEYS) {
    if (winners.has(key)) continue;
    const behindBom = hasBom && winners.has("\ufeff" + key);
    add(
      "error",
      "missing-key",
      0,
      0,
      behindBom ? "missingKeyBehindBom" : "missingKey",
      behindBom ? { key } : { key, keys: TEMPLATE_KEYS.join(", ") },
      { key },
    );
  }

  // Placeholders in the four keys.
  for (const key of TEMPLATE_KEYS) {
    const it = winners.get(key);
    if (!it) continue;
    // valueOffsets ends with valueTo, so past the end is valueTo.
    const at = (i: number) => it.valueOffsets[Math.min(i, it.valueOffsets.length - 1)] ?? it.valueTo;
    const { placeholders, malformed } = scanPlaceholders(it.value);
    for (const p of placeholders) {
      if (known.has(p.name)) {
        if (key === "subject" && multiline.has(p.name)) {
          add(
            "warning",
            "multiline-variable-in-subject",
            at(p.start),
            at(p.end - 1) + 1,
            "multilineVariableInSubject",
            { placeholder: placeholderOf(p.name) },
            { key, variable: p.name },
          );
        }
        continue;
      }
      const hint = closest(p.name, variableNames);
      add(
        "warning",
        "unknown-variable",
        at(p.start),
        at(p.end - 1) + 1,
        hint ? "unknownVariableHint" : "unknownVariableKnown",
        hint
          ? { placeholder: placeholderOf(p.name), family: fam.title.toLowerCase(), hint: placeholderOf(hint) }
          : { placeholder: placeholderOf(p.name), family: fam.title.toLowerCase(), known: variableNames.map(placeholderOf).join(", ") },
        { key, variable: p.name },
      );
    }
    for (const m of malformed) {
      add(
        "warning",
        "malformed-placeholder",
        at(m.start),
        at(m.end - 1) + 1,
        "malformedPlaceholder",
        { text: m.text, example: placeholderOf("name"), brace: "}" },
        { key },
      );
    }
  }

  // The subject is one line.
  const subject = winners.get("subject");
  if (subject) {
    const m = LINE_BREAK_CHARS.exec(subject.value);
    if (m) {
      const from = subject.valueOffsets[m.index] ?? subject.valueTo;
      const escaped = analysis.text.charCodeAt(from) === 92; // "\n", "\r" or "\u000A"
      add(
        "error",
        "subject-line-break",
        from,
        from + (escaped ? (analysis.text[from + 1] === "u" ? 6 : 2) : 1),
        escaped ? "subjectEscapedLineBreak" : "subjectLineBreak",
        {},
        { key: "subject" },
      );
    } else if (subject.value.trim() === "") {
      add("warning", "empty-subject", subject.keyFrom, subject.keyTo, "emptySubject", {}, { key: "subject" });
    }
  }

  // Stable: at the same place, errors first, then in the order the checks found them.
  out.sort((a, b) => a.from - b.from || rank(a.severity) - rank(b.severity));
  return out;
}

function rank(s: DiagnosticSeverity): number {
  return s === "error" ? 0 : s === "warning" ? 1 : 2;
}

/** True when the diagnostics contain an error. */
export function hasLintErrors(diagnostics: readonly LintDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** One line per diagnostic, `file:line:col: severity code: message`, for the CLI. */
export function formatDiagnostics(diagnostics: readonly LintDiagnostic[], file = "<template>"): string {
  return diagnostics
    .map((d) => `${file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`)
    .join("\n");
}
