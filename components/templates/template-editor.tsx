"use client";
// The template editor: the file in CodeMirror beside a live preview of the email, rendered in the
// browser by the same lib/templates code the server sends with, on every keystroke. A keystroke
// re-renders only what follows the text: CodeMirror is uncontrolled (it owns the document), the
// side panels are memoised, and the preview's body lines are memoised one by one.
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import type { EditorView } from "@uiw/react-codemirror";
import { lintTemplate, eventSampleData, type FamilyId, type TemplateValue } from "@/lib/templates";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import type { ActionResult } from "@/lib/errors";
import type { ConfiguredVariable, PreviewSendView } from "@/lib/templates-store/preview";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card } from "@/components/ui/card";
import { useUnsavedWarning } from "@/components/ui/use-unsaved-warning";
import { TemplateCodeEditor } from "./code-editor";
import { EmailPreview } from "./email-preview";
import { DiffView } from "./diff-view";
import { DiagnosticsList, ResolutionPanel, SampleDataPanel, SendResult, VariablesPanel } from "./editor-panels";
import { HistoryList } from "./history-list";
import { MINUTE } from "./format";
import { useFamilyName, useTemplateMessage, useVariableDescription } from "./i18n";
import { labelOf, type LanguageNames } from "./language-names";
import { createPreviewer, parseSampleData, sampleRecipient } from "./preview-model";
import { usePrefersDark } from "./use-prefers-dark";
import type { HistoryEntry, SenderView, TemplateFileState } from "./types";

type FileAndHistory = { file: TemplateFileState; history: HistoryEntry[] };

export interface TemplateEditorActions {
  save: (family: string, lang: string, text: string) => Promise<ActionResult<FileAndHistory & { saved: boolean }>>;
  reset: (family: string, lang: string) => Promise<ActionResult<FileAndHistory & { reset: boolean }>>;
  remove: (family: string, lang: string) => Promise<ActionResult>;
  sendPreview: (family: string, text: string, data: unknown, lang: string) => Promise<ActionResult<PreviewSendView>>;
}

export interface TemplateEditorProps {
  family: FamilyId;
  /** The family's variable names, in the catalog's order (descriptions come from the catalogs). */
  familyVariables: string[];
  lang: string;
  initial: TemplateFileState;
  /** The shipped default of this language; null for an added language. */
  defaultText: string | null;
  /** What "Diff against default" compares with: the default, or English for an added language. */
  base: { text: string; label: string };
  history: HistoryEntry[];
  sender: SenderView;
  /** Variables whose value comes from the saved configuration (e.g. ${host.prefix}). */
  configured: ConfiguredVariable[];
  mail: { configured: boolean; server: string | null };
  me: string;
  /** The family's languages (for the resolution check). */
  languages: string[];
  /** Language names in the reader's language, by code. */
  languageNames: LanguageNames;
  actions: TemplateEditorActions;
}

type Notice = { tone: "success" | "error" | "info" | "warning"; title: string; text?: string; lines?: string[] };

const TONE: Record<TemplateFileState["status"], "slate" | "amber" | "blue"> = { default: "slate", modified: "amber", added: "blue" };

const noSubscribe = () => () => {};
const clientShortcut = () => (/Mac|iPhone|iPad/.test(navigator.platform) ? "⌘S" : "Ctrl+S");

/**
 * Above this size the preview follows a deferred copy of the text (useDeferredValue): React
 * renders it after the keystroke and drops stale renders, so typing never waits. Below it the
 * preview is computed with the keystroke itself (≈ 0.3 ms even at 20 KB).
 */
const DEFER_ABOVE_CHARS = 64 * 1024;

const code = (chunks: React.ReactNode) => (
  <code className="font-mono" translate="no">
    {chunks}
  </code>
);

function failureLines(r: { message: string; fieldErrors?: Record<string, string[]> }): string[] {
  return Object.values(r.fieldErrors ?? {}).flat();
}

export function TemplateEditor(props: TemplateEditorProps) {
  const { family, lang, defaultText, base, sender, mail, actions, languages, languageNames: names } = props;
  const t = useTranslations("templateEditor");
  const format = useFormatter();
  const tr = useLocalizeError();
  const message = useTemplateMessage(family);
  const { title: familyName, inText } = useFamilyName();
  const familyTitle = familyName(family);
  const familyInText = inText(family);
  const router = useRouter();
  const dark = usePrefersDark();
  const shortcut = useSyncExternalStore(noSubscribe, clientShortcut, () => "Ctrl+S");
  const ids = { problems: useId(), diff: useId() };
  const viewRef = useRef<EditorView | null>(null);

  // The editor owns the document; `text` mirrors it (onChange) for the preview, lint and save.
  const [initialText] = useState(props.initial.text);
  const [text, setText] = useState(props.initial.text);
  const [file, setFile] = useState<TemplateFileState>(props.initial);
  const [history, setHistory] = useState<HistoryEntry[]>(props.history);
  const [busy, setBusy] = useState<null | "save" | "reset" | "remove" | "send">(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [sent, setSent] = useState<PreviewSendView | null>(null);
  const [showDiff, setShowDiff] = useState(false);

  // The sample data holds what an event supplies; configured variables are not sample data.
  const initialJson = useMemo(() => JSON.stringify(eventSampleData(family), null, 2), [family]);
  const [sampleJson, setSampleJson] = useState(initialJson);
  const [sample, setSample] = useState<Record<string, TemplateValue>>(() => eventSampleData(family));
  const [sampleError, setSampleError] = useState<string | null>(null);
  const { configured } = props;
  // What the recipient gets: the sample data, with the configured values on top (as real mail).
  const data = useMemo(() => {
    const d: Record<string, TemplateValue> = { ...sample };
    for (const c of configured) d[c.name] = c.value;
    return d;
  }, [sample, configured]);
  const overridden = useMemo(() => configured.filter((c) => Object.hasOwn(sample, c.name)).map((c) => c.name), [configured, sample]);

  const dirty = text !== file.text;
  useUnsavedWarning(dirty);

  const deferredText = useDeferredValue(text);
  const source = text.length > DEFER_ABOVE_CHARS ? deferredText : text;
  const previewer = useMemo(() => createPreviewer(family), [family]);
  const preview = useMemo(() => previewer(source, data), [previewer, source, data]);
  // The problems list is not urgent: it always follows the deferred text, off the keystroke's path.
  const diagnostics = useMemo(() => lintTemplate(family, deferredText), [family, deferredText]);
  const to = useMemo(() => sampleRecipient(family, data), [family, data]);

  /** Replaces the whole document (revert, reset); the editor's onChange updates `text`. */
  const replaceText = useCallback((next: string) => {
    const view = viewRef.current;
    if (view) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    else setText(next);
  }, [setText]);

  const onSampleChange = useCallback((json: string) => {
    setSampleJson(json);
    const r = parseSampleData(json);
    if (r.ok) {
      setSample(r.data);
      setSampleError(null);
    } else setSampleError(r.i18n ? t(r.i18n.key, r.i18n.values) : r.message);
  }, [t]);
  const onSampleRestore = useCallback(() => onSampleChange(initialJson), [onSampleChange, initialJson]);

  const thisLanguage = labelOf(names, lang);
  const fileName = `${lang}.txt`;
  const describe = useVariableDescription();
  const editorTexts = useMemo(
    () => ({ finding: message, describe: (name: string) => describe(family, name), multiline: t("multiline"), sample: (value: string) => t("sampleValue", { value }) }),
    [message, describe, family, t],
  );
  const focusRange = useCallback((from: number, to: number) => {
    const view = viewRef.current;
    if (!view) return;
    const max = view.state.doc.length;
    view.dispatch({ selection: { anchor: Math.min(from, max), head: Math.min(to, max) }, scrollIntoView: true });
    view.focus();
  }, []);

  const insertVariable = useCallback((name: string) => {
    const view = viewRef.current;
    if (!view) return;
    view.dispatch(view.state.replaceSelection("${" + name + "}"));
    view.focus();
  }, []);

  const onCreateEditor = useCallback((view: EditorView) => {
    viewRef.current = view;
  }, []);

  const save = useCallback(async () => {
    if (busy) return;
    if (text === file.text) {
      setNotice({ tone: "info", title: t("nothingToSave"), text: t("nothingToSaveText") });
      return;
    }
    const errors = lintTemplate(family, text).filter((d) => d.severity === "error");
    if (errors.length) {
      setNotice({ tone: "error", title: t("notSavedErrors"), lines: errors.map((e) => t("errorLine", { line: e.line, message: message(e.i18n) })) });
      return;
    }
    setBusy("save");
    setNotice(null);
    try {
      const r = await actions.save(family, lang, text);
      if (r.ok) {
        setFile(r.data.file);
        setHistory(r.data.history);
        setNotice({ tone: "success", title: r.data.file.status === "default" ? t("savedIsDefault") : t("saved") });
      } else setNotice({ tone: "error", title: tr(r.message), lines: failureLines(r) });
    } finally {
      setBusy(null);
    }
  }, [busy, text, file.text, family, lang, actions, t, tr, message]);

  // Cmd/Ctrl+S anywhere on the page (the editor, the sample data, a button) saves.
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
    if (!window.confirm(t("confirmReset", { code: lang, family: familyInText }))) return;
    setBusy("reset");
    setNotice(null);
    try {
      const r = await actions.reset(family, lang);
      if (r.ok) {
        setFile(r.data.file);
        setHistory(r.data.history);
        replaceText(r.data.file.text);
        setNotice({ tone: "success", title: t("resetDone") });
      } else setNotice({ tone: "error", title: tr(r.message), lines: failureLines(r) });
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    if (!window.confirm(t("confirmRemove", { language: thisLanguage, family: familyInText }))) return;
    setBusy("remove");
    try {
      const r = await actions.remove(family, lang);
      if (r.ok) router.push("/templates");
      else setNotice({ tone: "error", title: tr(r.message), lines: failureLines(r) });
    } finally {
      setBusy(null);
    }
  }

  async function sendPreview() {
    if (sampleError) {
      setNotice({ tone: "error", title: t("fixSampleFirst"), text: sampleError });
      return;
    }
    setBusy("send");
    setSent(null);
    setNotice(null);
    try {
      const r = await actions.sendPreview(family, text, sample, lang);
      if (r.ok) setSent(r.data);
      else setNotice({ tone: "error", title: tr(r.message), lines: failureLines(r) });
    } finally {
      setBusy(null);
    }
  }


  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={TONE[file.status]}>
          <span data-testid="template-status" title={t("statusHelp", { status: file.status })}>
            {t("status", { status: file.status })}
          </span>
        </Badge>
        {dirty ? (
          <span data-testid="unsaved-badge">
            <Badge tone="red">{t("unsaved")}</Badge>
          </span>
        ) : null}
        {file.updatedAt ? (
          <span className="text-xs text-slate-500 dark:text-slate-400">
            {t("lastSaved", { who: file.updatedBy ?? t("unknownActor"), at: format.dateTime(new Date(file.updatedAt), MINUTE) })}
          </span>
        ) : null}
      </div>

      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label={t("toolbar")}>
        <Button onClick={() => void save()} disabled={busy !== null} aria-keyshortcuts="Control+S Meta+S">
          {busy === "save" ? t("saving") : t("save")}
          <kbd className="rounded border border-white/40 px-1 font-sans text-[11px] opacity-80">{shortcut}</kbd>
        </Button>
        {dirty ? (
          <Button variant="ghost" onClick={() => replaceText(file.text)} disabled={busy !== null}>
            {t("revert")}
          </Button>
        ) : null}
        {/* aria-controls only while the diff exists: it must never point at a missing element. */}
        <Button variant="secondary" aria-expanded={showDiff} aria-controls={showDiff ? ids.diff : undefined} onClick={() => setShowDiff((v) => !v)}>
          {defaultText !== null ? t("diffDefault") : t("diffEnglish")}
        </Button>
        {file.status === "modified" ? (
          <Button variant="secondary" onClick={() => void reset()} disabled={busy !== null}>
            {busy === "reset" ? t("resetting") : t("reset")}
          </Button>
        ) : null}
        {file.status === "added" ? (
          <Button variant="danger" onClick={() => void remove()} disabled={busy !== null}>
            {busy === "remove" ? t("removing") : t("remove")}
          </Button>
        ) : null}
        <Button
          variant="secondary"
          onClick={() => void sendPreview()}
          disabled={busy !== null}
          title={t("sendTitle", { email: props.me })}
        >
          {busy === "send" ? t("sending") : t("sendPreview")}
        </Button>
      </div>

      <div aria-live="polite" className="space-y-2" data-testid="editor-notices">
        {notice ? (
          <Alert tone={notice.tone} title={notice.title}>
            {notice.text}
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
        {!mail.configured && !sent ? (
          <p className="text-xs text-slate-500 dark:text-slate-400">{t("noMailYet")}</p>
        ) : null}
      </div>

      {showDiff ? (
        <Card title={defaultText !== null ? t("diffTitleDefault") : t("diffTitleEnglish")}>
          <div id={ids.diff}>
            <DiffView oldText={base.text} newText={text} oldLabel={base.label} newLabel={dirty ? t("yourText") : t("thisTemplate")} testId="default-diff" />
          </div>
        </Card>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="editor-heading" className="min-w-0">
          <h2 id="editor-heading" className="mb-2 text-base font-semibold">
            {t("fileHeading")}{" "}
            <span className="font-mono text-sm font-normal text-slate-600 dark:text-slate-400" translate="no">
              {fileName}
            </span>
          </h2>
          <div className="h-[26rem] lg:h-[34rem]">
            <TemplateCodeEditor
              family={family}
              initialValue={initialText}
              onChange={setText}
              onCreateEditor={onCreateEditor}
              dark={dark}
              label={t("editorLabel", { family: familyTitle, language: thisLanguage })}
              describedBy={ids.problems}
              texts={editorTexts}
            />
          </div>
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{t.rich("editorHelp", { family: familyInText, shortcut, code })}</p>
          <DiagnosticsList diagnostics={diagnostics} onPick={focusRange} id={ids.problems} family={family} />
          <VariablesPanel family={family} variables={props.familyVariables} onInsert={insertVariable} />
        </section>

        <section aria-labelledby="preview-heading" className="min-w-0 space-y-4">
          <div>
            <h2 id="preview-heading" className="mb-2 text-base font-semibold">
              {t("previewHeading")} <span className="text-sm font-normal text-slate-600 dark:text-slate-400">{t("previewSub")}</span>
            </h2>
            <EmailPreview
              from={sender.address}
              fromSource={sender.source}
              to={to}
              subject={preview.subject}
              body={preview.body}
              problems={preview.problems}
              errors={preview.errors}
              parseError={preview.parseError}
              family={family}
              configured={configured}
            />
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{t.rich("dottedMarks", { code })}</p>
          </div>
          <ResolutionPanel lang={lang} family={family} languages={languages} names={names} />
          <SampleDataPanel
            family={familyInText}
            json={sampleJson}
            error={sampleError}
            pristine={sampleJson === initialJson}
            onChange={onSampleChange}
            onRestore={onSampleRestore}
            ignored={overridden}
          />
        </section>
      </div>

      <Card title={t("history")}>
        <HistoryList entries={history} defaultText={defaultText} />
      </Card>
    </div>
  );
}
