"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { saveServiceConfig, restoreVersion } from "@/lib/config/store";
import { sendTestEmailWithForm, type TestEmailView } from "@/lib/config/test-email";
import { planUpload, applyUpload, type ImportPreview } from "@/lib/config/import-apply";
import { describeChange } from "@/lib/config/diff";
import { describeProblem, describeResets } from "@/lib/config/import-export";

async function uploadFrom(form: FormData): Promise<{ name: string; bytes: Uint8Array }> {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new AppError("validation", "Choose a .cfg.json, .xml or .zip file.", { file: ["Choose a .cfg.json, .xml or .zip file."] });
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}


function asRecord(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new AppError("validation", `${what} must be an object.`);
  return v as Record<string, unknown>;
}

function asStringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

function asLoadedVersion(v: unknown): number | null {
  if (v === null || (typeof v === "number" && Number.isInteger(v) && v > 0)) return v;
  throw new AppError("validation", "The form did not say which version it was loaded with; reload the page.", { version: ["must be a version number or null"] });
}

export const saveServiceAction = action("admin", async (me, pid: string, values: Record<string, unknown>, clear: string[], loadedVersion: number | null) => {
  const r = await saveServiceConfig(String(pid), asRecord(values, "The form"), { actor: me.email, clear: asStringList(clear), loadedVersion: asLoadedVersion(loadedVersion) });
  revalidatePath("/configuration");
  return { ok: true as const, data: { saved: r.saved, version: r.version, changes: r.changes.map((c) => c.label) } };
});

export const restoreVersionAction = action("admin", async (me, pid: string, version: number) => {
  const r = await restoreVersion(String(pid), Number(version), me.email);
  revalidatePath("/configuration");
  return { ok: true as const, data: { saved: r.saved, version: r.version } };
});

export const sendTestEmailAction = action("admin", async (me, values: Record<string, unknown>, clear: string[], to: string) => {
  const data: TestEmailView = await sendTestEmailWithForm(asRecord(values, "The form"), asStringList(clear), typeof to === "string" && to.trim() ? to.trim() : me.email, me.id);
  return { ok: true as const, data };
});

export const previewImportAction = action("admin", async (_me, form: FormData) => {
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

export const applyImportAction = action("admin", async (me, form: FormData) => {
  const { name, bytes } = await uploadFrom(form);
  const results = await applyUpload(name, bytes, me.email);
  revalidatePath("/configuration");
  return { ok: true as const, data: results.map((r) => ({ pid: r.pid, version: r.version, changed: r.changes.length })) };
});
