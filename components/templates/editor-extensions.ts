// CodeMirror extensions of the template editor: Properties highlighting, `${` autocompletion of
// the family's variables, lint marks from lib/templates' lintTemplate (the same checks the server
// runs before saving), a theme that follows the console's light / dark scheme, and labels for
// assistive technology.
import { autocompletion, type Completion, type CompletionContext, type CompletionResult, type CompletionSource } from "@codemirror/autocomplete";
import { syntaxHighlighting } from "@codemirror/language";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import type { Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { lintTemplate, requireFamily, type FamilyId, type TemplateMessage } from "@/lib/templates";
import { propertiesHighlightStyle, propertiesLanguage } from "./properties-language";

/** The editor's texts in the reader's language (the extensions live outside React). */
export interface EditorTexts {
  /** A lint finding's message. */
  finding: (m: TemplateMessage) => string;
  /** A variable's description. */
  describe: (name: string) => string;
  /** The completion's note for a variable that spans several lines. */
  multiline: string;
  /** "Sample: …" under a completion's description. */
  sample: (value: string) => string;
}

/** Text before the cursor that asks for a variable: `${` plus a partial name. */
const OPEN_PLACEHOLDER = /\$\{([^\s{}$]*)$/;

function isCommentLine(text: string): boolean {
  return /^[ \t\f]*[#!]/.test(text);
}

/** Whether the line before `lineNumber` continues onto it (odd trailing backslashes). */
function continuesFromAbove(ctx: CompletionContext, lineNumber: number): boolean {
  if (lineNumber <= 1) return false;
  const prev = ctx.state.doc.line(lineNumber - 1).text;
  const m = /\\+$/.exec(prev);
  return !!m && m[0].length % 2 === 1 && !isCommentLine(prev);
}

/** Completes `${` with the family's variables, each with its description and sample value. */
export function variableCompletions(family: FamilyId, texts: EditorTexts): CompletionSource {
  const fam = requireFamily(family);
  const options: Completion[] = fam.variables.map((v, i) => ({
    label: v.name,
    type: "variable",
    detail: v.multiline ? texts.multiline : undefined,
    boost: -i / 100, // keep the catalog's order among equally good matches
    info: () => {
      const box = document.createElement("div");
      box.className = "herald-completion-info";
      const d = document.createElement("p");
      d.textContent = texts.describe(v.name);
      const s = document.createElement("p");
      s.className = "herald-completion-sample";
      s.textContent = texts.sample(v.sample.length > 120 ? v.sample.slice(0, 117) + "…" : v.sample);
      box.append(d, s);
      return box;
    },
    apply: (view, _completion, from, to) => {
      // Close the placeholder unless a "}" already follows; leave the cursor after it.
      const closed = view.state.sliceDoc(to, to + 1) === "}";
      const insert = v.name + (closed ? "" : "}");
      view.dispatch({ changes: { from, to, insert }, selection: { anchor: from + v.name.length + 1 }, userEvent: "input.complete" });
    },
  }));
  return (ctx: CompletionContext): CompletionResult | null => {
    const line = ctx.state.doc.lineAt(ctx.pos);
    const before = line.text.slice(0, ctx.pos - line.from);
    const typed = OPEN_PLACEHOLDER.exec(before)?.[1];
    if (typed === undefined) return null;
    if (isCommentLine(line.text) && !continuesFromAbove(ctx, line.number)) return null;
    return { from: ctx.pos - typed.length, options, validFor: /^[^\s{}$]*$/ };
  };
}

/** Lint marks: the diagnostics of lintTemplate, positioned in the document. */
export function templateLinter(family: FamilyId, texts: EditorTexts): Extension {
  return linter(
    (view): Diagnostic[] => {
      const text = view.state.doc.toString();
      const max = text.length;
      return lintTemplate(family, text).map((d) => ({
        from: Math.min(d.from, max),
        to: Math.min(Math.max(d.to, d.from), max),
        severity: d.severity,
        source: d.code,
        message: texts.finding(d.i18n),
      }));
    },
    { delay: 120 },
  );
}

export function editorTheme(dark: boolean): Extension {
  const c = dark
    ? { bg: "#0f172a", fg: "#e2e8f0", gutter: "#0b1222", gutterFg: "#94a3b8", active: "rgba(148, 163, 184, 0.08)", sel: "rgba(59, 130, 246, 0.35)", cursor: "#e2e8f0", border: "#334155", panel: "#1e293b", focus: "#60a5fa" }
    : { bg: "#ffffff", fg: "#0f172a", gutter: "#f8fafc", gutterFg: "#475569", active: "rgba(47, 111, 222, 0.06)", sel: "rgba(47, 111, 222, 0.22)", cursor: "#0f172a", border: "#cbd5e1", panel: "#f1f5f9", focus: "#2f6fde" };
  return EditorView.theme(
    {
      "&": { color: c.fg, backgroundColor: c.bg, fontSize: "13px", height: "100%", borderRadius: "0.375rem" },
      "&.cm-focused": { outline: `2px solid ${c.focus}`, outlineOffset: "2px" },
      ".cm-scroller": { fontFamily: 'ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, Consolas, monospace', lineHeight: "1.55" },
      ".cm-content": { caretColor: c.cursor, paddingBlock: "8px" },
      ".cm-cursor, .cm-dropCursor": { borderLeftColor: c.cursor },
      "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: c.sel },
      ".cm-gutters": { backgroundColor: c.gutter, color: c.gutterFg, borderRight: `1px solid ${c.border}` },
      ".cm-activeLine": { backgroundColor: c.active },
      ".cm-activeLineGutter": { backgroundColor: c.active, color: c.fg },
      ".cm-tooltip": { backgroundColor: c.panel, color: c.fg, border: `1px solid ${c.border}`, borderRadius: "0.375rem" },
      ".cm-tooltip-autocomplete > ul > li": { padding: "2px 8px" },
      ".cm-tooltip-autocomplete > ul > li[aria-selected]": { backgroundColor: c.focus, color: "#fff" },
      ".cm-completionInfo": { maxWidth: "22rem", padding: "6px 10px" },
      ".herald-completion-info p": { margin: "0" },
      ".herald-completion-sample": { marginTop: "4px !important", opacity: "0.75", fontFamily: "ui-monospace, monospace", fontSize: "12px", wordBreak: "break-all" },
      ".cm-panels": { backgroundColor: c.panel, color: c.fg },
      ".cm-diagnostic": { whiteSpace: "pre-wrap" },
    },
    { dark },
  );
}

/** Everything the template editor adds to CodeMirror's basic setup. */
export function templateEditorExtensions(family: FamilyId, dark: boolean, labels: { label: string; describedBy?: string }, texts: EditorTexts): Extension[] {
  return [
    propertiesLanguage,
    syntaxHighlighting(propertiesHighlightStyle(dark)),
    autocompletion({ override: [variableCompletions(family, texts)], icons: false, activateOnTyping: true }),
    templateLinter(family, texts),
    lintGutter(),
    // Wrapped lines keep one line number, so a wrap is never mistaken for a "\" continuation.
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({
      "aria-label": labels.label,
      ...(labels.describedBy ? { "aria-describedby": labels.describedBy } : {}),
      spellcheck: "false",
      // The text is the scroll area's keyboard stop: an explicit tabindex makes it one for every
      // tool (a contenteditable alone is not counted), without adding a second stop.
      tabindex: "0",
    }),
    editorTheme(dark),
  ];
}
