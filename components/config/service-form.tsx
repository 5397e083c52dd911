"use client";
// The form of one configurable service, generated from its definition (lib/config/services).
// The same zod schema validates here (zodResolver) and again on the server.
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { useForm, Controller, get, type FieldErrors, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { getService } from "@/lib/config/services";
import { formDefaultValues, formSchema, flattenKeys } from "@/lib/config/form";
import { isSecretView, type RedactedValues } from "@/lib/config/redact";
import type { MissingPlaceholder } from "@/lib/config/placeholders";
import type { FieldDef } from "@/lib/config/types";
import { labelTranslator, localizeConfigError, type FieldTexts } from "@/lib/config/services/catalog";
import type { ActionResult } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, describedBy } from "@/components/ui/field";
import { Alert, Badge } from "@/components/ui/card";
import { useUnsavedWarning } from "@/components/ui/use-unsaved-warning";
import { StringListInput } from "./string-list-input";
import { TestEmailPanel, type TestEmailAction } from "./test-email-panel";

export type SaveServiceAction = (
  pid: string,
  values: Record<string, unknown>,
  clear: string[],
  loadedVersion: number | null,
) => Promise<ActionResult<{ saved: boolean; version: number | null; changes: string[] }>>;

type SecretMode = "keep" | "replace" | "clear";

const fieldId = (key: string) => `f-${key.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

function errorMessages(errors: FieldErrors, key: string, withItems = true): string[] {
  const e = get(errors, key) as { message?: unknown; root?: { message?: string } } | undefined;
  if (!e) return [];
  const out: string[] = [];
  if (typeof e.message === "string" && e.message) out.push(e.message);
  if (e.root?.message) out.push(e.root.message);
  if (withItems && Array.isArray(e)) e.forEach((item: { message?: string } | undefined) => item?.message && out.push(item.message));
  return out;
}

export function ServiceForm({
  pid,
  version,
  values,
  missing,
  save,
  testEmail,
  texts,
  name,
  related,
}: {
  pid: string;
  /** The field texts of a service this one's rules name (the OAuth2 provider, for the Mail Service). */
  related?: { pid: string; texts: Record<string, FieldTexts> };
  /** The service's name as the page shows it (AEM's name, with the reader's label beside it). */
  name?: string;
  /** The fields' labels, help, units and options in the reader's language, by property key. */
  texts: Record<string, FieldTexts>;
  /** The stored version these values are (null: never saved); a save names it so the server can refuse one made over someone else's. */
  version: number | null;
  values: RedactedValues;
  missing: MissingPlaceholder[];
  save: SaveServiceAction;
  /** On the Mail Service page: sends a test email with the form's current (unsaved) values. */
  testEmail?: { send: TestEmailAction; defaultTo: string };
}) {
  const def = getService(pid)!;
  const t = useTranslations("configuration");
  const tv = useTranslations("validation");
  const labelOf = useMemo(
    () => labelTranslator(def, texts, ...(related ? ([[getService(related.pid)!, related.texts]] as const) : [])),
    [def, texts, related],
  );
  const localize = useCallback((m: string) => localizeConfigError(m, (k, v) => tv(k, v), labelOf), [tv, labelOf]);
  const tx = (f: FieldDef): FieldTexts => texts[f.key] ?? { label: f.label, help: f.help };
  const plain = useMemo(() => {
    const v: Record<string, unknown> = {};
    for (const f of def.fields) v[f.key] = f.type === "secret" ? "" : values[f.key];
    return v;
  }, [def, values]);
  const [secretModes, setSecretModes] = useState<Record<string, SecretMode>>({});
  // A link such as the dashboard's "Change sender address" (…#f-email-from) lands in the field itself.
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (!id.startsWith("f-")) return;
    const el = document.getElementById(id);
    if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) {
      el.focus();
      if (el instanceof HTMLInputElement) el.select();
    }
  }, []);
  const [loadedVersion, setLoadedVersion] = useState(version);
  const [summary, setSummary] = useState<string[]>([]);
  const [result, setResult] = useState<{ tone: "success" | "error" | "info"; text: string } | null>(null);

  const form = useForm<Record<string, unknown>>({
    resolver: zodResolver(formSchema(def) as never) as unknown as Resolver<Record<string, unknown>>,
    defaultValues: formDefaultValues(def, plain),
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const { register, handleSubmit, control, formState, reset, setError, setValue, getValues } = form;
  const clear = Object.entries(secretModes).filter(([, m]) => m === "clear").map(([k]) => k);
  const replacing = Object.values(secretModes).some((m) => m === "replace");
  const dirty = formState.isDirty || clear.length > 0 || replacing;
  useUnsavedWarning(dirty);

  function collectSummary(errors: FieldErrors): string[] {
    const list: string[] = [];
    for (const f of def.fields) for (const m of errorMessages(errors, f.key)) list.push(localize(m));
    const root = (errors as Record<string, { message?: string }>)[""]?.message;
    if (root) list.push(localize(root));
    return list;
  }

  async function onValid(data: Record<string, unknown>) {
    setSummary([]);
    setResult(null);
    const flat = flattenKeys(data);
    const r = await save(pid, flat, clear, loadedVersion);
    if (!r.ok) {
      const form: string[] = [];
      for (const [k, msgs] of Object.entries(r.fieldErrors ?? {})) {
        if (k === "_form") form.push(...msgs);
        else setError(k, { type: "server", message: msgs.join(" ") });
      }
      setSummary([...(form.length ? form : [r.message]), ...Object.entries(r.fieldErrors ?? {}).filter(([k]) => k !== "_form").flatMap(([, m]) => m)].map(localize));
      return;
    }
    const data2 = r.data;
    setLoadedVersion(data2.version);
    setResult(
      data2.saved
        ? { tone: "success", text: t("savedAs", { version: String(data2.version), changes: data2.changes.map(labelOf).join(", ") }) }
        : { tone: "info", text: t("nothingChanged") },
    );
    // The new values become the baseline; secrets go back to "keep".
    reset(getValues(), { keepValues: true });
    for (const f of def.fields) if (f.type === "secret") setValue(f.key, "", { shouldDirty: false });
    setSecretModes({});
  }

  function renderField(f: FieldDef) {
    const id = fieldId(f.key);
    // List entries show their own errors next to the entry; the field shows list-level ones.
    const errs = errorMessages(formState.errors, f.key, f.type !== "stringList").map(localize);
    const { label, help, unit, itemLabel, options } = tx(f);
    const aria = { "aria-invalid": errs.length > 0, "aria-describedby": describedBy(id, !!help, errs.length > 0) };
    const defaultHint = f.type === "secret" ? undefined : t("defaultHint", { value: formatDefault(f, t) });
    const warn = missing.find((m) => m.key === f.key);
    switch (f.type) {
      case "boolean":
        return (
          <div key={f.key} className="space-y-1">
            <div className="flex items-center gap-2">
              <input id={id} type="checkbox" className="h-4 w-4 rounded border-slate-300 text-brand-600" {...aria} {...register(f.key)} />
              <label htmlFor={id} className="text-sm font-medium">{label}</label>
              <span translate="no" className="font-mono text-xs text-slate-600 dark:text-slate-400">{f.key}</span>
              <span className="text-xs text-slate-500 dark:text-slate-400">({defaultHint})</span>
            </div>
            <p id={`${id}-help`} className="pl-6 text-xs text-slate-500 dark:text-slate-400">{help}</p>
            {errs.length ? <p id={`${id}-error`} role="alert" className="pl-6 text-sm text-red-600 dark:text-red-400">{errs.join(" ")}</p> : null}
          </div>
        );
      case "secret": {
        const sv = values[f.key];
        const view = isSecretView(sv) ? sv : { set: false };
        const mode = secretModes[f.key] ?? "keep";
        const setMode = (m: SecretMode) => {
          setSecretModes((s) => ({ ...s, [f.key]: m }));
          setValue(f.key, "", { shouldDirty: false });
        };
        return (
          <Field key={f.key} id={id} label={<>{label} <span translate="no" className="font-mono text-xs font-normal text-slate-600 dark:text-slate-400">{f.key}</span></>} help={help} errors={errs}>
            <div className="flex flex-wrap items-center gap-2">
              {mode === "clear" ? (
                <Badge tone="amber">{t("secretWillClear")}</Badge>
              ) : view.set ? (
                <Badge tone="green">{view.placeholder ? t("secretSetFrom", { placeholder: view.placeholder }) : t("secretSet")}</Badge>
              ) : (
                <Badge>{t("secretNotSet")}</Badge>
              )}
              {mode === "keep" ? (
                <>
                  <Button size="sm" variant="secondary" onClick={() => setMode("replace")}>{view.set ? t("secretReplace") : t("secretSetButton")}</Button>
                  {view.set ? <Button size="sm" variant="ghost" onClick={() => setMode("clear")}>{t("secretClear")}</Button> : null}
                </>
              ) : (
                <Button size="sm" variant="ghost" onClick={() => setMode("keep")}>{t("secretCancel")}</Button>
              )}
            </div>
            {mode === "replace" ? (
              <Input id={id} type="password" autoComplete="new-password" placeholder={t("secretPlaceholder")} className="mt-2" {...aria} {...register(f.key)} />
            ) : null}
            {warn ? <p className="text-sm text-amber-700 dark:text-amber-400">{warn.refused ? `${label}: ${warn.refused}` : t("missingVariableSecret", { placeholder: warn.placeholder, variable: warn.variable })}</p> : null}
          </Field>
        );
      }
      case "stringList":
        return (
          <Field key={f.key} id={id} label={<>{label} <span translate="no" className="font-mono text-xs font-normal text-slate-600 dark:text-slate-400">{f.key}</span></>} help={help} errors={errs} hint={defaultHint}>
            <Controller
              control={control}
              name={f.key}
              render={({ field }) => (
                <StringListInput id={id} itemLabel={itemLabel ?? t("entry")} value={(field.value as string[]) ?? []} onChange={field.onChange} onBlur={field.onBlur} placeholder={f.placeholder} itemErrors={itemErrors(formState.errors, f.key).map((m) => (m ? localize(m) : m))} />
              )}
            />
          </Field>
        );
      case "enum":
        return (
          <Field key={f.key} id={id} label={<>{label} <span translate="no" className="font-mono text-xs font-normal text-slate-600 dark:text-slate-400">{f.key}</span></>} help={help} errors={errs} hint={defaultHint}>
            <Select id={id} {...aria} {...register(f.key)}>
              {f.options.map((o) => <option key={o.value} value={o.value}>{options?.[o.value] ?? o.label}</option>)}
            </Select>
          </Field>
        );
      case "number":
        return (
          <Field key={f.key} id={id} label={<>{label} <span translate="no" className="font-mono text-xs font-normal text-slate-600 dark:text-slate-400">{f.key}</span></>} help={help} errors={errs} hint={defaultHint}>
            <div className="flex items-center gap-2">
              <Input id={id} type="number" inputMode="numeric" className="max-w-40" {...aria} {...register(f.key, { setValueAs: (v) => (v === "" || v === null ? NaN : Number(v)) })} />
              {unit ? <span className="text-sm text-slate-500 dark:text-slate-400">{unit}</span> : null}
            </div>
          </Field>
        );
      default:
        return (
          <Field key={f.key} id={id} label={<>{label} <span translate="no" className="font-mono text-xs font-normal text-slate-600 dark:text-slate-400">{f.key}</span></>} help={help} errors={errs} hint={defaultHint}>
            <Input id={id} type={f.format === "url" ? "url" : "text"} placeholder={f.placeholder} {...aria} {...register(f.key)} />
            {warn ? <p className="text-sm text-amber-700 dark:text-amber-400">{warn.refused ? `${label}: ${warn.refused}` : t("missingVariable", { placeholder: warn.placeholder, variable: warn.variable })}</p> : null}
          </Field>
        );
    }
  }

  return (
    <div className="space-y-6">
      <form
        noValidate
        aria-label={name ?? def.name}
        onSubmit={handleSubmit(onValid, (errors) => setSummary(collectSummary(errors)))}
        className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      >
        {summary.length ? (
          <div role="alert" aria-labelledby="error-summary-title" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
            <p id="error-summary-title" className="font-semibold">{t("errorSummary")}</p>
            <ul className="ml-5 list-disc">{summary.map((m, i) => <li key={i}>{m}</li>)}</ul>
          </div>
        ) : null}
        {result ? <Alert tone={result.tone}>{result.text}</Alert> : null}
        <input type="hidden" name="loadedVersion" value={loadedVersion ?? ""} />
        {def.fields.map(renderField)}
        <div className="flex items-center gap-3 border-t border-slate-200 pt-4 dark:border-slate-800">
          <Button type="submit" disabled={!dirty || formState.isSubmitting}>{formState.isSubmitting ? t("saving") : t("save")}</Button>
          <Button
            variant="ghost"
            disabled={!dirty}
            onClick={() => {
              reset();
              setSecretModes({});
              setSummary([]);
            }}
          >
            {t("discard")}
          </Button>
          {dirty ? <span className="text-sm text-amber-700 dark:text-amber-400">{t("unsaved")}</span> : <span className="text-sm text-slate-500 dark:text-slate-400">{t("noChanges")}</span>}
        </div>
      </form>
      {testEmail ? <TestEmailPanel send={testEmail.send} defaultTo={testEmail.defaultTo} current={() => ({ values: flattenKeys(getValues()), clear })} /> : null}
    </div>
  );
}

function itemErrors(errors: FieldErrors, key: string): (string | undefined)[] {
  const e = get(errors, key);
  if (!Array.isArray(e)) return [];
  return e.map((x) => x?.message);
}

function formatDefault(f: FieldDef, t: (key: "defaultOn" | "defaultOff" | "defaultNone" | "defaultEmpty") => string): string {
  if (f.type === "boolean") return f.default ? t("defaultOn") : t("defaultOff");
  if (f.type === "stringList") return f.default.length ? f.default.join(", ") : t("defaultNone");
  if (f.type === "secret") return "";
  return f.default === "" ? t("defaultEmpty") : String(f.default);
}
