import "server-only";
// Import of uploaded configuration files (console, CLI) against the stored configuration:
// plan first (what would change, what is wrong), apply only when everything is valid, all
// services in one transaction.
import { readContentPackage, parseConfigFile, planImport, publicPlan, describeProblem, type ImportPlan, type ConfigFileResult } from "@/lib/config/import-export";
import { SERVICES } from "@/lib/config/services";
import { latestVersion, saveManyServiceConfigs } from "@/lib/config/store";
import { AppError } from "@/lib/errors";
import { placeholderPolicy } from "@/lib/env";

/** What the import page shows: plain strings, no values (so no secrets). */
export interface ImportPreview {
  applicable: boolean;
  services: { pid: string; name: string; file: string; folder?: string; isNew: boolean; changes: string[]; problems: string[]; notes: string[];
    /** Keys the file leaves out that go back to their defaults (AEM's semantics), and the sentence saying so. */
    resetToDefaults: string[]; resetNote: string | null }[];
  problems: string[];
  ignored: string[];
}

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** The configuration files in an upload: one file, or the config folders of a content package. */
export async function readUpload(name: string, bytes: Uint8Array): Promise<{ files: ConfigFileResult[]; skipped: { path: string; reason: string }[] }> {
  if (bytes.byteLength > MAX_UPLOAD_BYTES) throw new AppError("payload_too_large", `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
  if (/\.zip$/i.test(name)) {
    const pkg = await readContentPackage(bytes);
    if (!pkg.ok) throw new AppError("validation", `${name}: ${pkg.error}`);
    return { files: pkg.files, skipped: pkg.skipped };
  }
  return { files: [parseConfigFile(name, bytes)], skipped: [] };
}

async function currentValues(): Promise<Record<string, Record<string, unknown> | null>> {
  const out: Record<string, Record<string, unknown> | null> = {};
  for (const s of SERVICES) out[s.pid] = (await latestVersion(s.pid))?.values ?? null;
  return out;
}

/** The plan of an upload, safe to show in a browser (no values, so no secrets). */
export async function planUpload(name: string, bytes: Uint8Array): Promise<{ plan: ImportPlan; skipped: { path: string; reason: string }[] }> {
  const { files, skipped } = await readUpload(name, bytes);
  const plan = planImport(files, await currentValues(), { placeholders: placeholderPolicy() });
  return { plan: publicPlan(plan), skipped };
}

/** Applies an upload when every file and value is valid; otherwise stores nothing and lists why. */
export async function applyUpload(name: string, bytes: Uint8Array, actor: string) {
  const { files } = await readUpload(name, bytes);
  const plan = planImport(files, await currentValues(), { placeholders: placeholderPolicy() });
  if (!plan.applicable) {
    throw new AppError("validation", `Nothing was imported:\n${plan.problems.map(describeProblem).join("\n")}`, {
      _form: plan.problems.map(describeProblem),
    });
  }
  return saveManyServiceConfigs(
    plan.services.map((s) => ({ pid: s.pid, values: s.values! })),
    { actor, action: "config.import", note: `Imported from ${name}` },
  );
}
