"use client";
// "Add language": a two-letter ISO 639-1 code, checked against the real list while typing and
// shown with its name; the new template starts as a copy of the family's English template.
import { useId, useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ISO_639_1, isIsoLanguage, nativeLanguageName, normalizeLanguage } from "@/lib/templates";
import type { ActionResult } from "@/lib/errors";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, describedBy } from "@/components/ui/field";
import { Alert } from "@/components/ui/card";
import type { LanguageNames } from "./language-names";

export type AddLanguageAction = (family: string, lang: string) => Promise<ActionResult<{ family: string; lang: string }>>;

type Translate = (key: "codeHelp" | "codeExists" | "codeTwoLetter" | "codeNotIso", values?: Record<string, string>) => string;

/** What the typed code means: a language, a near miss with a suggestion, or nothing. */
export function describeCode(input: string, existing: readonly string[], names: LanguageNames, t: Translate): { ok: boolean; text: string } {
  const code = input.trim().toLowerCase();
  if (!code) return { ok: false, text: t("codeHelp") };
  if (isIsoLanguage(code)) {
    const name = names[code] ?? code;
    const native = nativeLanguageName(code);
    const label = native && native !== name ? `${name} (${native})` : name;
    return existing.includes(code) ? { ok: false, text: t("codeExists", { label }) } : { ok: true, text: label };
  }
  const n = normalizeLanguage(code);
  if (n && isIsoLanguage(n)) return { ok: false, text: t("codeTwoLetter", { code: n, name: names[n] ?? n }) };
  return { ok: false, text: t("codeNotIso", { input: input.trim() }) };
}

export function AddLanguageForm({
  families,
  languagesByFamily,
  names,
  add,
}: {
  families: { id: string; title: string }[];
  languagesByFamily: Record<string, string[]>;
  /** Language names in the reader's language, by code. */
  names: LanguageNames;
  add: AddLanguageAction;
}) {
  const t = useTranslations("templates");
  const tr = useLocalizeError();
  const router = useRouter();
  const id = useId();
  const [family, setFamily] = useState(families.find((f) => f.id === "workflow")?.id ?? families[0]?.id ?? "");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; lang?: string[] } | null>(null);
  const existing = useMemo(() => languagesByFamily[family] ?? [], [languagesByFamily, family]);
  const meaning = useMemo(() => describeCode(code, existing, names, t), [code, existing, names, t]);
  const langId = `${id}-lang`;
  const fieldErrors = error?.lang ?? (code.trim() && !meaning.ok ? [meaning.text] : undefined);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (!meaning.ok) {
      setError({ message: meaning.text, lang: [meaning.text] });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await add(family, code.trim().toLowerCase());
      if (r.ok) router.push(`/templates/${r.data.family}/${r.data.lang}`);
      else setError({ message: tr(r.message), lang: r.fieldErrors?.lang?.map(tr) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label={t("addFormLabel")}>
      <div className="flex flex-wrap items-start gap-3">
        <div className="w-56">
          <Field id={`${id}-family`} label={t("family")}>
            <Select id={`${id}-family`} value={family} onChange={(e) => setFamily(e.target.value)}>
              {families.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className="w-72">
          <Field id={langId} label={t("codeLabel")} help={code.trim() && meaning.ok ? meaning.text : t("codeHelp")} errors={fieldErrors}>
            <Input
              id={langId}
              value={code}
              onChange={(e) => {
                setCode(e.target.value);
                setError(null);
              }}
              list={`${id}-codes`}
              autoComplete="off"
              maxLength={12}
              placeholder="es"
              aria-invalid={fieldErrors ? true : undefined}
              aria-describedby={describedBy(langId, !!(code.trim() && meaning.ok) || !code.trim(), !!fieldErrors)}
            />
          </Field>
          <datalist id={`${id}-codes`}>
            {ISO_639_1.filter((l) => !existing.includes(l.code)).map((l) => (
              <option key={l.code} value={l.code}>
                {names[l.code] ?? l.name}
              </option>
            ))}
          </datalist>
        </div>
        <div className="pt-6">
          <Button type="submit" disabled={busy}>
            {busy ? t("adding") : t("addLanguage")}
          </Button>
        </div>
      </div>
      {error && !error.lang ? <Alert tone="error">{error.message}</Alert> : null}
      <p className="text-xs text-slate-500 dark:text-slate-400">{t("copyNote")}</p>
    </form>
  );
}

/** One button that adds a given language to a family (from a "missing" cell or page). */
export function AddLanguageButton({ family, lang, label, add, size = "md" }: { family: string; lang: string; label: string; add: AddLanguageAction; size?: "sm" | "md" }) {
  const t = useTranslations("templates");
  const tr = useLocalizeError();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button
        size={size}
        variant={size === "sm" ? "ghost" : "primary"}
        disabled={busy}
        aria-label={label}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const r = await add(family, lang);
            if (r.ok) router.push(`/templates/${r.data.family}/${r.data.lang}`);
            else setError(tr(r.message));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? t("adding") : size === "sm" ? t("add") : label}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </span>
      ) : null}
    </span>
  );
}
