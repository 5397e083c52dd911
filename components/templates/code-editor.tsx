"use client";
// The template text editor: CodeMirror 6 (through @uiw/react-codemirror) with Properties
// highlighting, `${` completion, lint marks and a light / dark theme.
import { memo, useMemo } from "react";
import CodeMirror, { type BasicSetupOptions, type EditorView } from "@uiw/react-codemirror";
import type { FamilyId } from "@/lib/templates";
import { templateEditorExtensions, type EditorTexts } from "./editor-extensions";

// Stable objects: @uiw/react-codemirror reconfigures the editor whenever these change identity.
const BASIC_SETUP: BasicSetupOptions = {
  lineNumbers: true,
  highlightActiveLineGutter: true,
  foldGutter: false,
  dropCursor: true,
  allowMultipleSelections: true,
  indentOnInput: false,
  bracketMatching: false,
  closeBrackets: false,
  autocompletion: false, // ours, with the family's variables
  completionKeymap: false,
  rectangularSelection: true,
  crosshairCursor: false,
  highlightActiveLine: true,
  highlightSelectionMatches: true,
  searchKeymap: true,
  lintKeymap: true,
};

/**
 * Uncontrolled: CodeMirror owns the document; `initialValue` is read once and changes come back
 * through `onChange`. To replace the text (revert, reset) dispatch a change on the view. With
 * stable props a keystroke never re-renders this component.
 */
export const TemplateCodeEditor = memo(function TemplateCodeEditor({
  family,
  initialValue,
  onChange,
  onCreateEditor,
  dark,
  label,
  describedBy,
  texts,
}: {
  family: FamilyId;
  initialValue: string;
  onChange: (value: string) => void;
  onCreateEditor?: (view: EditorView) => void;
  dark: boolean;
  label: string;
  describedBy?: string;
  /** Stable (memoised): a new object reconfigures the editor. */
  texts: EditorTexts;
}) {
  const extensions = useMemo(() => templateEditorExtensions(family, dark, { label, describedBy }, texts), [family, dark, label, describedBy, texts]);
  return (
    <CodeMirror
      value={initialValue}
      onChange={onChange}
      onCreateEditor={onCreateEditor}
      extensions={extensions}
      basicSetup={BASIC_SETUP}
      theme="none"
      // Tab moves the focus on (no keyboard trap); indentation means nothing in a Properties file.
      indentWithTab={false}
      height="100%"
      className="h-full overflow-hidden rounded-md border border-slate-300 dark:border-slate-700"
      data-testid="template-code-editor"
    />
  );
});
