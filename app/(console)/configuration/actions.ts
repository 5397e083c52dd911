"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { AppError } from "@/lib/errors";
import { saveServiceConfig, restoreVersion } from "@/lib/config/store";
import { sendTestEmailWithForm, type TestEmailView } from "@/lib/smtp/test-email";
import { planUpload, applyUpload, type ImportPreview } from "@/lib/config/import-apply";
import { describeChange } from "@/lib/config/diff";
import { describeProblem, describeResets } from "@/lib/config/import-export";

async function uploadFrom(form: FormData): Promise<{ name: string; bytes: Uint8Array }> {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new AppError("validation", "Choose a .cfg.json, .xml or .zip file.", { file: ["Choose a .cfg.json, .xml or .zip file."] });
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}


const formValues = z.record(z.string(), z.unknown(), { error: "The form must be an object." });
// Names of secrets to clear; anything else in the list is ignored, as the form only sends names.
const secretsToClear = z
  .unknown()
  .transform((v) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []));
// A blank recipient means "send it to me".
const recipient = z.unknown().transform((v) => (typeof v === "string" && v.trim() ? v.trim() : null));
const upload = z.tuple([z.instanceof(FormData, { error: "Choose a .cfg.json, .xml or .zip file." })]);

// The version of the service the form was loaded with (null: never saved then); saveServiceConfig
// refuses the save when someone saved it since. A form that does not say gets "reload the page".
const loadedVersion = z.union([z.null(), z.number().int().positive()]);
const LOADED_VERSION_ARG = 3;

function saveInvalid(error: z.ZodError): AppError {
  // A malformed version fails its entry (path [3]); a form that sends none fails the tuple's length.
  if (error.issues.some((i) => i.path[0] === LOADED_VERSION_ARG || (i.path.length === 0 && i.code === "too_small"))) {
    return new AppError("validation", "The form did not say which version it was loaded with; reload the page.", { version: ["must be a version number or null"] });
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
  const data: ImportPreview = {
    applicable: plan.applicable,
    services: plan.services.map((s) => ({
      pid: s.pid,
      name: s.name,
      file: s.file,
      folder: s.folder,
      isNew: s.isNew,
      changes: s.changes.map(describeChange),
      problems: s.problems.map(describeProblem),
      notes: s.notes,
      resetToDefaults: s.resetToDefaults,
      resetNote: describeResets(s.resetToDefaults),
    })),
    problems: plan.problems.filter((p) => !p.pid || !plan.services.some((s) => s.pid === p.pid)).map(describeProblem),
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
