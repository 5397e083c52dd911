"use client";
// The HTML side of a template (or the shared layout): CodeMirror in HTML mode beside a live
// preview in a sandboxed iframe, at desktop and 390 px mobile width. The preview is rendered in
// the browser by the same lib/templates code the server sends with (layout wrapped, variables
// escaped, links checked); only the CSS inlining (juice) is left to the server — the browser
// applies <style> itself, so the preview looks the same.
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import type { EditorView } from "@uiw/react-codemirror";
import { compileHtml, lintHtml, renderHtml, sampleData, type FamilyId, type TemplateValue } from "@/lib/templates";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
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
import { MINUTE } from "./format";
import { useFamilyName, useTemplateMessage, useVariableDescription } from "./i18n";
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

const TONE = { default: "slate", modified: "amber", added: "blue", none: "slate" } as const;

const code = (chunks: React.ReactNode) => (
  <code className="font-mono" translate="no">
    {chunks}
  </code>
);

function failureLines(r: { message: string; fieldErrors?: Record<string, string[]> }): string[] {
  return Object.values(r.fieldErrors ?? {}).flat();
}

export function HtmlTemplateEditor(props: HtmlEditorProps) {
  const { family, sampleFamily, lang, companion, actions } = props;
  const target = family ?? "_layout";
  const isLayout = family === null;
  const t = useTranslations("htmlTemplates");
  const te = useTranslations("templateEditor");
  const format = useFormatter();
  const tr = useLocalizeError();
  const message = useTemplateMessage(family);
  const describe = useVariableDescription();
  const { inText } = useFamilyName();
  const editorTexts = useMemo(
    () => ({
      finding: message,
      describe: (name: string) => describe(sampleFamily, name),
      multiline: te("multiline"),
      sample: (value: string) => te("sampleValue", { value }),
      contentDetail: t("contentDetail"),
    }),
    [message, describe, sampleFamily, te, t],
  );
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
    } else setSampleError(r.i18n ? te(r.i18n.key, r.i18n.values) : r.message);
  }, [te]);
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
      setNotice({ tone: "info", title: te("nothingToSave") });
      return;
    }
    const errors = lintHtml(family, text, { layout: isLayout }).filter((d) => d.severity === "error");
    if (errors.length) {
      setNotice({ tone: "error", title: te("notSavedErrors"), lines: errors.map((e) => te("errorLine", { line: e.line, message: message(e.i18n) })) });
      return;
    }
    setBusy("save");
    setNotice(null);
    try {
      const r = await actions.save(target, lang, text);
      if (r.ok) {
        setFile(r.data.file);
        setHistory(r.data.history);
        setNotice({ tone: "success", title: te("saved") });
      } else setNotice({ tone: "error", title: tr(r.message), lines: failureLines(r) });
    } finally {
      setBusy(null);
    }
  }, [busy, dirty, family, text, isLayout, actions, target, lang, te, tr, message]);

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
    if (!window.confirm(t("confirmReset"))) return;
    setBusy("reset");
    try {
      const r = await actions.reset(target, lang);
      if (r.ok) {
        setFile(r.data.file);
        setHistory(r.data.history);
        replaceText(r.data.file.html);
        setNotice({ tone: "success", title: te("resetDone") });
      } else setNotice({ tone: "error", title: tr(r.message), lines: failureLines(r) });
    } finally {
      setBusy(null);
    }
  }

  async function sendPreview() {
    if (!actions.sendPreview || family === null || props.text === undefined) return;
    if (sampleError) {
      setNotice({ tone: "error", title: te("fixSampleFirst"), lines: [sampleError] });
      return;
    }
    setBusy("send");
    setSent(null);
    setNotice(null);
    try {
      const r = await actions.sendPreview(family, props.text, data, { lang, html: text });
      if (r.ok) setSent(r.data);
      else setNotice({ tone: "error", title: tr(r.message), lines: failureLines(r) });
    } finally {
      setBusy(null);
    }
  }

  const unsafe = preview.problems.filter((p) => p.reason === "unsafe-url");

  return (
    <div className="space-y-6" data-testid="html-editor">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={TONE[file.status]}>
          <span data-testid="html-status">{t("status", { status: file.status })}</span>
        </Badge>
        {dirty ? (
          <span data-testid="unsaved-badge">
            <Badge tone="red">{te("unsaved")}</Badge>
          </span>
        ) : null}
        {file.updatedAt ? (
          <span className="text-xs text-slate-500 dark:text-slate-400">
            {te("lastSaved", { who: file.updatedBy ?? te("unknownActor"), at: format.dateTime(new Date(file.updatedAt), MINUTE) })}
          </span>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label={t("toolbar")}>
        <Button onClick={() => void save()} disabled={busy !== null} aria-keyshortcuts="Control+S Meta+S">
          {busy === "save" ? te("saving") : t("save")}
        </Button>
        {dirty ? (
          <Button variant="ghost" onClick={() => replaceText(file.html)} disabled={busy !== null}>
            {te("revert")}
          </Button>
        ) : null}
        {file.status === "modified" || (file.status !== "default" && props.defaultHtml !== null) ? (
          <Button variant="secondary" onClick={() => void reset()} disabled={busy !== null}>
            {busy === "reset" ? te("resetting") : te("reset")}
          </Button>
        ) : null}
        {family !== null && actions.sendPreview ? (
          <Button variant="secondary" onClick={() => void sendPreview()} disabled={busy !== null} title={t("sendTitle")}>
            {busy === "send" ? te("sending") : te("sendPreview")}
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
            {isLayout ? t("headingLayout") : t("headingBody")}{" "}
            <span className="font-mono text-sm font-normal text-slate-500" translate="no">
              {isLayout ? `_layout/${lang}.html` : `${lang}.html`}
            </span>
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
              label={t("editorLabel", { title: props.title })}
              describedBy={ids.problems}
              texts={editorTexts}
            />
          </div>
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            {isLayout ? t.rich("layoutHelp", { code }) : t.rich("bodyHelp", { code })}
          </p>
          <DiagnosticsList diagnostics={diagnostics} onPick={focusRange} id={ids.problems} family={family} />
        </section>
        <section aria-labelledby="html-preview-heading" className="min-w-0 space-y-3">
          <h2 id="html-preview-heading" className="text-base font-semibold">
            {te("previewHeading")} <span className="text-sm font-normal text-slate-500">{t("previewSub")}</span>
          </h2>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <div role="group" aria-label={t("widthGroup")} className="inline-flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
              {(["desktop", "mobile"] as const).map((w) => (
                <button
                  key={w}
                  type="button"
                  aria-pressed={width === w}
                  onClick={() => setWidth(w)}
                  className={`px-3 py-1 ${width === w ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : ""}`}
                >
                  {w === "desktop" ? t("desktop") : t("mobile", { px: MOBILE_WIDTH })}
                </button>
              ))}
            </div>
            <label className="flex items-center gap-1">
              <input type="checkbox" checked={allowRemote} onChange={(e) => setAllowRemote(e.target.checked)} />
              {t("remoteImages")}
            </label>
          </div>
          {unsafe.length ? (
            <Alert tone="error" title={t("unsafeTitle")}>
              {unsafe.map((p) => t("unsafeText", { placeholder: "${" + p.name + "}", value: String(p.value) })).join(" ")}
            </Alert>
          ) : null}
          {text === "" && !isLayout ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("noHtml")}</p>
          ) : (
            <HtmlPreview html={preview.html} width={width} allowRemoteImages={allowRemote} title={t("previewFrame", { width })} />
          )}
          <SampleDataPanel family={inText(sampleFamily)} json={sampleJson} error={sampleError} pristine={sampleJson === initialJson} onChange={onSampleChange} onRestore={onSampleRestore} ignored={overridden} />
        </section>
      </div>
      <Card title={te("history")}>
        <HistoryList entries={history} defaultText={props.defaultHtml} />
      </Card>
    </div>
  );
}
