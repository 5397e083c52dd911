"use client";
// The HTML template's editor: CodeMirror 6 in HTML mode, with the same `${` completion of the
// family's variables as the text editor (the layout knows only ${content}), HTML tag completion,
// and lint marks from lib/templates' lintHtml — the checks the server runs before saving.
import { memo, useMemo } from "react";
import CodeMirror, { type BasicSetupOptions, type EditorView } from "@uiw/react-codemirror";
import { autocompletion, type CompletionContext, type CompletionResult, type CompletionSource } from "@codemirror/autocomplete";
import { html, htmlCompletionSource } from "@codemirror/lang-html";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import { EditorView as View } from "@codemirror/view";
import { LAYOUT_CONTENT, lintHtml, type FamilyId } from "@/lib/templates";
import { editorTheme, variableCompletions, type EditorTexts } from "./editor-extensions";

const BASIC_SETUP: BasicSetupOptions = {
  lineNumbers: true,
  highlightActiveLineGutter: true,
  foldGutter: true,
  autocompletion: false, // ours: variables first, then tags
  completionKeymap: false,
  closeBrackets: false,
  indentOnInput: true,
  highlightActiveLine: true,
  searchKeymap: true,
  lintKeymap: true,
};

/** The layout's only placeholder; `detail` says what it stands for. */
const layoutCompletions =
  (detail: string): CompletionSource =>
  (ctx: CompletionContext): CompletionResult | null => {
    const m = ctx.matchBefore(/\$\{[^\s{}$]*$/);
    if (!m) return null;
    return { from: m.from + 2, options: [{ label: LAYOUT_CONTENT, type: "variable", detail, apply: LAYOUT_CONTENT + "}" }], validFor: /^[^\s{}$]*$/ };
  };

export const HtmlCodeEditor = memo(function HtmlCodeEditor({
  family,
  layout,
  companion,
  initialValue,
  onChange,
  onCreateEditor,
  dark,
  label,
  describedBy,
  texts,
}: {
  /** null: the shared layout. */
  family: FamilyId | null;
  layout: boolean;
  /** The other half of the mail (layout or body) for the size check. */
  companion: string | null;
  initialValue: string;
  onChange: (value: string) => void;
  onCreateEditor?: (view: EditorView) => void;
  dark: boolean;
  label: string;
  describedBy?: string;
  /** Stable (memoised): a new object reconfigures the editor. `contentDetail` describes ${content}. */
  texts: EditorTexts & { contentDetail: string };
}) {
  const extensions = useMemo(
    () => [
      html({ autoCloseTags: true }),
      autocompletion({ override: [family ? variableCompletions(family, texts) : layoutCompletions(texts.contentDetail), htmlCompletionSource], icons: false }),
      linter(
        (view): Diagnostic[] => {
          const text = view.state.doc.toString();
          const max = text.length;
          return lintHtml(family, text, { layout, companion }).map((d) => ({
            from: Math.min(d.from, max),
            to: Math.min(Math.max(d.to, d.from), max),
            severity: d.severity,
            source: d.code,
            message: texts.finding(d.i18n),
          }));
        },
        { delay: 150 },
      ),
      lintGutter(),
      View.lineWrapping,
      View.contentAttributes.of({ "aria-label": label, ...(describedBy ? { "aria-describedby": describedBy } : {}), spellcheck: "false" }),
      editorTheme(dark),
    ],
    [family, layout, companion, dark, label, describedBy, texts],
  );
  return (
    <CodeMirror
      value={initialValue}
      onChange={onChange}
      onCreateEditor={onCreateEditor}
      extensions={extensions}
      basicSetup={BASIC_SETUP}
      theme="none"
      indentWithTab={false}
      height="100%"
      className="h-full overflow-hidden rounded-md border border-slate-300 dark:border-slate-700"
      data-testid="html-code-editor"
    />
  );
});
