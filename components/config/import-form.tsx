"use client";
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import type { ActionResult } from "@/lib/errors";
import type { ImportPreview } from "@/lib/config/import-apply";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card } from "@/components/ui/card";

type Applied = { pid: string; version: number | null; changed: number }[];

export function ImportForm({
  preview,
  apply,
}: {
  preview: (form: FormData) => Promise<ActionResult<ImportPreview>>;
  apply: (form: FormData) => Promise<ActionResult<Applied>>;
}) {
  const t = useTranslations("configImport");
  const tv = useTranslations("validation");
  const localize = useLocalizeError();
  const fileRef = useRef<HTMLInputElement>(null);
  const [plan, setPlan] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [applied, setApplied] = useState<Applied | null>(null);
  const [busy, setBusy] = useState(false);

  function formData(): FormData | null {
    const f = fileRef.current?.files?.[0];
    if (!f) {
      setError(tv("cfgChooseImportFile"));
      return null;
    }
    const fd = new FormData();
    fd.set("file", f);
    return fd;
  }

  async function onPreview() {
    setError(null);
    setApplied(null);
    setPlan(null);
    const fd = formData();
    if (!fd) return;
    setBusy(true);
    const r = await preview(fd);
    setBusy(false);
    if (!r.ok) setError(localize(r.message));
    else setPlan(r.data);
  }

  async function onApply() {
    const fd = formData();
    if (!fd) return;
    setBusy(true);
    const r = await apply(fd);
    setBusy(false);
    if (!r.ok) setError(localize(r.message));
    else {
      setApplied(r.data);
      setPlan(null);
    }
  }

  return (
    <div className="space-y-4">
      <Card>
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="import-file" className="block text-sm font-medium">{t("file")}</label>
            <input id="import-file" ref={fileRef} type="file" accept=".json,.xml,.config,.zip" className="mt-1 block text-sm" onChange={() => { setPlan(null); setApplied(null); setError(null); }} />
          </div>
          <Button variant="secondary" onClick={onPreview} disabled={busy}>{t("preview")}</Button>
        </div>
      </Card>
      {error ? <Alert tone="error"><span className="whitespace-pre-line">{error}</span></Alert> : null}
      {applied ? (
        <Alert tone="success" title={t("imported")}>
          <ul>{applied.map((a) => <li key={a.pid}><span translate="no">{a.pid}</span>: {a.version ? t("savedAs", { version: String(a.version), changed: a.changed }) : t("upToDate")}</li>)}</ul>
        </Alert>
      ) : null}
      {plan ? (
        <Card title={t("planTitle")} actions={plan.applicable ? <Badge tone="green">{t("valid")}</Badge> : <Badge tone="red">{t("notApplicable")}</Badge>}>
          <div className="space-y-4" data-testid="import-plan">
            {plan.problems.length ? (
              <div>
                <p className="text-sm font-semibold text-red-700 dark:text-red-300">{t("problems")}</p>
                <ul className="ml-5 list-disc text-sm text-red-700 dark:text-red-300">{plan.problems.map((p, i) => <li key={i}>{p}</li>)}</ul>
              </div>
            ) : null}
            {plan.services.map((s) => (
              <section key={s.pid + s.file} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
                <p className="text-sm font-semibold">
                  <span translate="no">{s.name}</span> <span translate="no" className="font-mono text-xs font-normal text-slate-500 dark:text-slate-400">{s.file}{s.folder ? ` · ${s.folder}` : ""}</span>{" "}
                  {s.isNew ? <Badge tone="blue">{t("new")}</Badge> : null}
                </p>
                {s.changes.length ? (
                  <ul className="mt-2 space-y-0.5 font-mono text-xs">{s.changes.map((c, i) => <li key={i}>{c}</li>)}</ul>
                ) : (
                  <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">{t("noChanges")}</p>
                )}
                {s.resetNote ? (
                  <p className="mt-2 text-sm text-amber-800 dark:text-amber-200" data-testid="import-resets">
                    {s.resetNote} <span className="text-slate-600 dark:text-slate-400">{t("resetsWhy")}</span>
                  </p>
                ) : null}
                {s.problems.length ? <ul className="mt-2 ml-5 list-disc text-sm text-red-700 dark:text-red-300">{s.problems.map((p, i) => <li key={i}>{p}</li>)}</ul> : null}
                {s.notes.length ? <ul className="mt-2 ml-5 list-disc text-xs text-amber-700 dark:text-amber-300">{s.notes.map((p, i) => <li key={i}>{p}</li>)}</ul> : null}
              </section>
            ))}
            {plan.ignored.length ? <p className="text-xs text-slate-500 dark:text-slate-400">{t("ignored", { list: plan.ignored.join("; ") })}</p> : null}
            <Button onClick={onApply} disabled={!plan.applicable || busy}>{t("apply")}</Button>
          </div>
        </Card>
      ) : null}
    </div>
  );
}
