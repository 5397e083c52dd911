"use client";
// The HTML side of a template (or the shared layout): CodeMirror in HTML mode beside a live
// preview in a sandboxed iframe, at desktop and 390 px mobile width. The preview is rendered in
// the browser by the same lib/templates code the server sends with (layout wrapped, variables
// escaped, links checked); only the CSS inlining (juice) is left to the server — the browser
// applies <style> itself, so the preview looks the same.
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from "react";
import type { EditorView } from "@uiw/react-codemirror";
import { compileHtml, lintHtml, renderHtml, sampleData, type FamilyId, type TemplateValue } from "@/lib/templates";
import type { LintDiagnostic } from "@/lib/templates";
import type { ActionResult } from "@/lib/errors";
import type { ConfiguredVariable, PreviewSendView } from "@/lib/templates-store/preview";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card } from "@/components/ui/card";
import { useUnsavedWarning } from "@/components/ui/use-unsaved-warning";
import { DiagnosticsList, SampleDataPanel, SendResult } from "./editor-panels";
import { HistoryList } from "./history-list";
import { HtmlCodeEditor } from "./html-code-editor";
import { HtmlPreview, MOBILE_WIDTH, type PreviewWidth } from "./html-preview";
import { parseSampleData } from "./preview-model";
import { formatTime } from "./format";
import { usePrefersDark } from "./use-prefers-dark";
import type { HistoryEntry } from "./types";

export interface HtmlFileState {
  html: string;
  status: "default" | "modified" | "added" | "none";
  updatedAt: string | null;
  updatedBy: string | null;
}

type FileAndHistory = { file: HtmlFileState; history: HistoryEntry[] };

export interface HtmlEditorActions {
  save: (target: string, lang: string, html: string) => Promise<ActionResult<FileAndHistory & { saved: boolean }>>;
  reset: (target: string, lang: string) => Promise<ActionResult<FileAndHistory & { reset: boolean }>>;
  sendPreview?: (family: string, text: string, data: unknown, extra: { lang: string; html: string }) => Promise<ActionResult<PreviewSendView>>;
}

export interface HtmlEditorProps {
  /** The family whose body this is, or null for the shared layout. */
  family: FamilyId | null;
  /** For the layout: the family whose sample body is shown inside it. */
  sampleFamily: FamilyId;
  title: string;
  lang: string;
  initial: HtmlFileState;
  defaultHtml: string | null;
  /** Body: the layout it is wrapped in. Layout: a sample body to show inside it. */
  companion: string | null;
  /** The saved `.txt` (subject and text part) for "Send preview to me". */
  text?: string;
  /** Variables whose values come from the saved configuration (host.prefix, senders), as in real mail. */
  configured: ConfiguredVariable[];
  history: HistoryEntry[];
  actions: HtmlEditorActions;
}

const STATUS = {
  default: { label: "Default", tone: "slate" as const },
  modified: { label: "Modified", tone: "amber" as const },
  added: { label: "Added", tone: "blue" as const },
  none: { label: "No HTML (text only)", tone: "slate" as const },
};

function failureLines(r: { message: string; fieldErrors?: Record<string, string[]> }): string[] {
  return Object.values(r.fieldErrors ?? {}).flat();
}

export function HtmlTemplateEditor(props: HtmlEditorProps) {
  const { family, sampleFamily, lang, companion, actions } = props;
  const target = family ?? "_layout";
  const isLayout = family === null;
  const dark = usePrefersDark();
  const ids = { problems: useId() };
  const viewRef = useRef<EditorView | null>(null);
  const [initialText] = useState(props.initial.html);
  const [text, setText] = useState(props.initial.html);
  const [file, setFile] = useState<HtmlFileState>(props.initial);
  const [history, setHistory] = useState<HistoryEntry[]>(props.history);
  const [busy, setBusy] = useState<null | "save" | "reset" | "send">(null);
  const [notice, setNotice] = useState<{ tone: "success" | "error" | "info"; title: string; lines?: string[] } | null>(null);
  const [sent, setSent] = useState<PreviewSendView | null>(null);
  const [width, setWidth] = useState<PreviewWidth>("desktop");
  const [allowRemote, setAllowRemote] = useState(false);

  const initialJson = useMemo(() => JSON.stringify(sampleData(sampleFamily), null, 2), [sampleFamily]);
  const [sampleJson, setSampleJson] = useState(initialJson);
  const [data, setData] = useState<Record<string, TemplateValue>>(() => sampleData(sampleFamily));
  const [sampleError, setSampleError] = useState<string | null>(null);

  const dirty = text !== file.html;
  useUnsavedWarning(dirty);

  // What the recipient gets: the sample data with the configured values on top (as real mail).
  const { configured } = props;
  const mailData = useMemo(() => {
    const d = { ...data };
    for (const c of configured) d[c.name] = c.value;
    return d;
  }, [data, configured]);
  const overridden = useMemo(() => configured.filter((c) => Object.hasOwn(data, c.name)).map((c) => c.name), [configured, data]);

  // Body: body in the layout. Layout: the sample body in this layout.
  const preview = useMemo(() => {
    if (isLayout) return renderHtml(compileHtml(companion ?? "", { family: sampleFamily, layout: text }), mailData);
    return renderHtml(compileHtml(text, { family: sampleFamily, layout: companion }), mailData);
  }, [isLayout, text, companion, sampleFamily, mailData]);
  const deferredText = useDeferredValue(text);
  const diagnostics = useMemo(() => lintHtml(family, deferredText, { layout: isLayout, companion }), [family, deferredText, isLayout, companion]);

  const onSampleChange = useCallback((json: string) => {
    setSampleJson(json);
    const r = parseSampleData(json);
    if (r.ok) {
      setData(r.data);
      setSampleError(null);
    } else setSampleError(r.message);
  }, []);
  const onSampleRestore = useCallback(() => onSampleChange(initialJson), [onSampleChange, initialJson]);
  const onCreateEditor = useCallback((view: EditorView) => {
    viewRef.current = view;
  }, []);
  const focusRange = useCallback((from: number, to: number) => {
    const view = viewRef.current;
    if (!view) return;
    const max = view.state.doc.length;
    view.dispatch({ selection: { anchor: Math.min(from, max), head: Math.min(to, max) }, scrollIntoView: true });
    view.focus();
  }, []);
  const replaceText = useCallback((next: string) => {
    const view = viewRef.current;
    if (view) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    else setText(next);
  }, []);

  const save = useCallback(async () => {
    if (busy) return;
    if (!dirty) {
      setNotice({ tone: "info", title: "Nothing to save" });
      return;
    }
    const errors = lintHtml(family, text, { layout: isLayout }).filter((d) => d.severity === "error");
    if (errors.length) {
      setNotice({ tone: "error", title: "Not saved: fix the errors first", lines: errors.map((e) => `Line ${e.line}: ${e.message}`) });
      return;
    }
    setBusy("save");
    setNotice(null);
    try {
      const r = await actions.save(target, lang, text);
      if (r.ok) {
        setFile(r.data.file);
        setHistory(r.data.history);
        setNotice({ tone: "success", title: "Saved" });
      } else setNotice({ tone: "error", title: r.message, lines: failureLines(r) });
    } finally {
      setBusy(null);
    }
  }, [busy, dirty, family, text, isLayout, actions, target, lang]);

  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void saveRef.current();
      }
    };
    document.addEventListener("keydown", onKey, true);
    return () => document.removeEventListener("keydown", onKey, true);
  }, []);

  async function reset() {
    if (!window.confirm(`Reset this HTML to the shipped default? Your edits are kept in the history.`)) return;
    setBusy("reset");
    try {
      const r = await actions.reset(target, lang);
      if (r.ok) {
        setFile(r.data.file);
        setHistory(r.data.history);
        replaceText(r.data.file.html);
        setNotice({ tone: "success", title: "Reset to the shipped default" });
      } else setNotice({ tone: "error", title: r.message, lines: failureLines(r) });
    } finally {
      setBusy(null);
    }
  }

  async function sendPreview() {
    if (!actions.sendPreview || family === null || props.text === undefined) return;
    if (sampleError) {
      setNotice({ tone: "error", title: "Fix the sample data first", lines: [sampleError] });
      return;
    }
    setBusy("send");
    setSent(null);
    setNotice(null);
    try {
      const r = await actions.sendPreview(family, props.text, data, { lang, html: text });
      if (r.ok) setSent(r.data);
      else setNotice({ tone: "error", title: r.message, lines: failureLines(r) });
    } finally {
      setBusy(null);
    }
  }

  const status = STATUS[file.status];
  const unsafe = preview.problems.filter((p) => p.reason === "unsafe-url");

  return (
    <div className="space-y-6" data-testid="html-editor">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={status.tone}>
          <span data-testid="html-status">{status.label}</span>
        </Badge>
        {dirty ? (
          <span data-testid="unsaved-badge">
            <Badge tone="red">Unsaved changes</Badge>
          </span>
        ) : null}
        {file.updatedAt ? (
          <span className="text-xs text-slate-500 dark:text-slate-400">
            last saved by {file.updatedBy ?? "unknown"}, {formatTime(file.updatedAt)}
          </span>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="HTML actions">
        <Button onClick={() => void save()} disabled={busy !== null} aria-keyshortcuts="Control+S Meta+S">
          {busy === "save" ? "Saving…" : "Save HTML"}
        </Button>
        {dirty ? (
          <Button variant="ghost" onClick={() => replaceText(file.html)} disabled={busy !== null}>
            Revert unsaved changes
          </Button>
        ) : null}
        {file.status === "modified" || (file.status !== "default" && props.defaultHtml !== null) ? (
          <Button variant="secondary" onClick={() => void reset()} disabled={busy !== null}>
            {busy === "reset" ? "Resetting…" : "Reset to default"}
          </Button>
        ) : null}
        {family !== null && actions.sendPreview ? (
          <Button variant="secondary" onClick={() => void sendPreview()} disabled={busy !== null} title="Sends the saved text and this (unsaved) HTML with the sample data to you">
            {busy === "send" ? "Sending…" : "Send preview to me"}
          </Button>
        ) : null}
      </div>
      <div aria-live="polite" className="space-y-2">
        {notice ? (
          <Alert tone={notice.tone} title={notice.title}>
            {notice.lines?.length ? (
              <ul className="mt-1 list-disc pl-5">
                {notice.lines.map((l, i) => (
                  <li key={i}>{l}</li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
        {sent ? <SendResult view={sent} /> : null}
      </div>

      <div className="grid gap-6 xl:grid-cols-2">
        <section aria-labelledby="html-editor-heading" className="min-w-0">
          <h2 id="html-editor-heading" className="mb-2 text-base font-semibold">
            {isLayout ? "Layout" : "HTML body"} <span className="font-mono text-sm font-normal text-slate-500">{isLayout ? `_layout/${lang}.html` : `${lang}.html`}</span>
          </h2>
          <div className="h-[26rem] lg:h-[34rem]">
            <HtmlCodeEditor
              family={family}
              layout={isLayout}
              companion={companion}
              initialValue={initialText}
              onChange={setText}
              onCreateEditor={onCreateEditor}
              dark={dark}
              label={`${props.title}, HTML`}
              describedBy={ids.problems}
            />
          </div>
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            {isLayout ? (
              <>
                Shared by every family in this language. <code className="font-mono">{"${content}"}</code> is where each email&apos;s body goes.
              </>
            ) : (
              <>
                Type <code className="font-mono">{"${"}</code> for the variables; values are HTML-escaped, and links built from them must be http(s). Empty = text only. The subject and
                the text part come from the <code className="font-mono">.txt</code>.
              </>
            )}
          </p>
          <DiagnosticsList diagnostics={diagnostics as unknown as LintDiagnostic[]} onPick={focusRange} id={ids.problems} />
        </section>
        <section aria-labelledby="html-preview-heading" className="min-w-0 space-y-3">
          <h2 id="html-preview-heading" className="text-base font-semibold">
            Preview <span className="text-sm font-normal text-slate-500">with the sample data</span>
          </h2>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <div role="group" aria-label="Preview width" className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
              {(["desktop", "mobile"] as const).map((w) => (
                <button
                  key={w}
                  type="button"
                  aria-pressed={width === w}
                  onClick={() => setWidth(w)}
                  className={`px-3 py-1 ${width === w ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : ""}`}
                >
                  {w === "desktop" ? "Desktop" : `Mobile (${MOBILE_WIDTH} px)`}
                </button>
              ))}
            </div>
            <label className="flex items-center gap-1">
              <input type="checkbox" checked={allowRemote} onChange={(e) => setAllowRemote(e.target.checked)} />
              Load remote images
            </label>
          </div>
          {unsafe.length ? (
            <Alert tone="error" title="Unsafe link replaced">
              {unsafe.map((p) => `\${${p.name}} makes "${p.value}", which is not an http(s) URL; the link became "#".`).join(" ")}
            </Alert>
          ) : null}
          {text === "" && !isLayout ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">No HTML: this language is sent as text only.</p>
          ) : (
            <HtmlPreview html={preview.html} width={width} allowRemoteImages={allowRemote} title={`HTML preview, ${width}`} />
          )}
          <SampleDataPanel familyTitle={props.title} json={sampleJson} error={sampleError} pristine={sampleJson === initialJson} onChange={onSampleChange} onRestore={onSampleRestore} ignored={overridden} />
        </section>
      </div>
      <Card title="History">
        <HistoryList entries={history} defaultText={props.defaultHtml} />
      </Card>
    </div>
  );
}
