"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { AppError } from "@/lib/errors";
import { VALIDATION as V } from "@/lib/validations/messages";
import { saveServiceConfig, restoreVersion } from "@/lib/config/store";
import { sendTestEmailWithForm, type TestEmailView } from "@/lib/smtp/test-email";
import { planUpload, applyUpload, type ImportPreview } from "@/lib/config/import-apply";
import { getTranslations } from "next-intl/server";
import { describeChangeIn } from "@/lib/config/diff";
import { describeProblemIn } from "@/lib/config/import-export";
import { getService } from "@/lib/config/services";
import { labelTranslator, localizeConfigError, translatedServiceTexts } from "@/lib/config/services/catalog";

async function uploadFrom(form: FormData): Promise<{ name: string; bytes: Uint8Array }> {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new AppError("validation", V.cfgChooseUpload, { file: [V.cfgChooseUpload] });
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}


const formValues = z.record(z.string(), z.unknown(), { error: "The form must be an object." });
// Names of secrets to clear; anything else in the list is ignored, as the form only sends names.
const secretsToClear = z
  .unknown()
  .transform((v) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []));
// A blank recipient means "send it to me".
const recipient = z.unknown().transform((v) => (typeof v === "string" && v.trim() ? v.trim() : null));
const upload = z.tuple([z.instanceof(FormData, { error: V.cfgChooseUpload })]);

// The version of the service the form was loaded with (null: never saved then); saveServiceConfig
// refuses the save when someone saved it since. A form that does not say gets "reload the page".
const loadedVersion = z.union([z.null(), z.number().int().positive()]);
const LOADED_VERSION_ARG = 3;

function saveInvalid(error: z.ZodError): AppError {
  // A malformed version fails its entry (path [3]); a form that sends none fails the tuple's length.
  if (error.issues.some((i) => i.path[0] === LOADED_VERSION_ARG || (i.path.length === 0 && i.code === "too_small"))) {
    return new AppError("validation", V.cfgNoLoadedVersion, { version: ["must be a version number or null"] });
  }
  return new AppError("validation", error.issues[0]?.message ?? "The request is not valid.");
}

export const saveServiceAction = action(
  "admin",
  z.tuple([z.coerce.string(), formValues, secretsToClear, loadedVersion]),
  async (me, [pid, values, clear, loaded]) => {
    const r = await saveServiceConfig(pid, values, { actor: me.email, clear, loadedVersion: loaded });
    revalidatePath("/configuration");
    return { ok: true as const, data: { saved: r.saved, version: r.version, changes: r.changes.map((c) => c.label) } };
  },
  { invalid: saveInvalid },
);

export const restoreVersionAction = action("admin", z.tuple([z.coerce.string(), z.coerce.number()]), async (me, [pid, version]) => {
  const r = await restoreVersion(pid, version, me.email);
  revalidatePath("/configuration");
  return { ok: true as const, data: { saved: r.saved, version: r.version } };
});

export const sendTestEmailAction = action("admin", z.tuple([formValues, secretsToClear, recipient]), async (me, [values, clear, to]) => {
  const data: TestEmailView = await sendTestEmailWithForm(values, clear, to ?? me.email, me.id);
  return { ok: true as const, data };
});

export const previewImportAction = action("admin", upload, async (_me, [form]) => {
  const { name, bytes } = await uploadFrom(form);
  const { plan, skipped } = await planUpload(name, bytes);
  // The preview in the reader's language: labels from the service catalog, messages through the error map.
  const [tv, th, ts, ti] = await Promise.all([getTranslations("validation"), getTranslations("configHistory"), getTranslations("services"), getTranslations("configImport")]);
  const words = (pid?: string) => {
    const def = pid ? getService(pid) : undefined;
    const texts = def ? translatedServiceTexts(def, (k) => ts(k as never)).fields : {};
    const labelOf = def ? labelTranslator(def, texts) : (s: string) => s;
    return {
      texts,
      problem: { message: (m: string) => localizeConfigError(m, (k, v) => tv(k, v), labelOf), line: (n: number) => ti("line", { n: String(n) }) },
    };
  };
  const data: ImportPreview = {
    applicable: plan.applicable,
    services: plan.services.map((s) => {
      const w = words(s.pid);
      return {
        pid: s.pid,
        name: s.name,
        file: s.file,
        folder: s.folder,
        isNew: s.isNew,
        changes: s.changes.map((c) => describeChangeIn(c, (k, v) => th(`change.${k}`, v ?? {}), w.texts[c.key]?.label ?? c.label)),
        problems: s.problems.map((p) => describeProblemIn(p, w.problem)),
        notes: s.notes.map(w.problem.message),
        resetToDefaults: s.resetToDefaults,
        resetNote: s.resetToDefaults.length ? ti("resets", { count: s.resetToDefaults.length, keys: s.resetToDefaults.join(", ") }) : null,
      };
    }),
    problems: plan.problems.filter((p) => !p.pid || !plan.services.some((s) => s.pid === p.pid)).map((p) => describeProblemIn(p, words(p.pid).problem)),
    ignored: [...plan.ignored.map((i) => `${i.file}: ${i.reason}`), ...skipped.map((s) => `${s.path}: ${s.reason}`)],
  };
  return { ok: true as const, data };
});

export const applyImportAction = action("admin", upload, async (me, [form]) => {
  const { name, bytes } = await uploadFrom(form);
  const results = await applyUpload(name, bytes, me.email);
  revalidatePath("/configuration");
  return { ok: true as const, data: results.map((r) => ({ pid: r.pid, version: r.version, changed: r.changes.length })) };
});
