"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { preferencesSchema, type PreferencesInput } from "@/lib/i18n/preferences-schema";
import { LOCALES, LOCALE_NAMES } from "@/lib/i18n/locales";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import type { ActionResult } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { Field, Select, describedBy } from "@/components/ui/field";
import { Alert } from "@/components/ui/card";

/** Language and time zone of the console for this user; saved, then the page re-renders in them. */
export function PreferencesForm({
  locale,
  timeZone,
  serverTimeZone,
  timeZones,
  save,
}: {
  locale: string;
  timeZone: string;
  serverTimeZone: string;
  timeZones: string[];
  save: (input: PreferencesInput) => Promise<ActionResult>;
}) {
  const t = useTranslations("account");
  const tr = useLocalizeError();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const {
    register,
    handleSubmit,
    setError: setFieldError,
    formState: { errors, isSubmitting },
  } = useForm<PreferencesInput>({ resolver: zodResolver(preferencesSchema), defaultValues: { locale: locale as PreferencesInput["locale"], timeZone } });

  async function onSubmit(values: PreferencesInput) {
    setError(null);
    setDone(false);
    const r = await save(values);
    if (!r.ok) {
      setError(tr(r.message));
      for (const [k, m] of Object.entries(r.fieldErrors ?? {})) setFieldError(k as keyof PreferencesInput, { message: m.join(" ") });
      return;
    }
    setDone(true);
    router.refresh();
  }

  const err = (k: keyof PreferencesInput) => (errors[k]?.message ? [tr(errors[k]!.message!)] : undefined);

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-4" aria-label={t("preferences")}>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {done ? <Alert tone="success">{t("saved")}</Alert> : null}
      <Field id="pref-locale" label={t("language")} help={t("languageHelp")} errors={err("locale")}>
        <Select id="pref-locale" aria-invalid={!!errors.locale} aria-describedby={describedBy("pref-locale", true, !!errors.locale)} {...register("locale")}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="pref-timezone" label={t("timeZone")} help={t("timeZoneHelp")} errors={err("timeZone")}>
        <Select id="pref-timezone" aria-invalid={!!errors.timeZone} aria-describedby={describedBy("pref-timezone", true, !!errors.timeZone)} {...register("timeZone")}>
          <option value="">{t("serverTimeZone", { zone: serverTimeZone })}</option>
          {timeZones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? t("saving") : t("save")}
      </Button>
    </form>
  );
}
