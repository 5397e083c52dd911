/**
 * Planning an import: what each configuration file would change, field by field, and every
 * reason it cannot be applied. Nothing is applicable unless everything is valid.
 *
 * Semantics follow OSGi: a file is the whole configuration of its service ("replace"), so fields
 * it leaves out return to their defaults — except secrets, which keep their stored value when
 * the file does not mention them (a file without a password is not a request to delete it).
 * Pure; safe in the browser, but `values` in the plan may hold clear-text secrets from the file:
 * send `publicPlan(plan)` to the browser, never the plan itself.
 */
import type { PlaceholderPolicy } from "./placeholder-policy";
import { coerceValues } from "./coerce";
import { defaultValues, getField, sameValue, withDefaults } from "./define";
import { type DiffEntry, diffValues } from "./diff";
import type { ConfigFileFormat, ConfigFileResult, ParsedConfigFile } from "./formats/config-files";
import { secretPlaceholderName } from "./formats/export";
import { formatPlaceholder, isPlaceholder } from "./placeholders";
import { isSealed } from "./sealed";
import { getService, SERVICES } from "./services";
import type { ConfigValues, ServiceDef } from "./types";
import { crossServiceErrors, validateValues } from "./validate";
import { VALIDATION as V, fill } from "@/lib/validations/messages";

export type ImportProblemKind =
  | "parse"
  | "name"
  | "factory"
  | "format"
  | "unknown-pid"
  | "unknown-key"
  | "invalid-value"
  | "conflict"
  | "cross-service"
  | "empty";

export interface ImportProblem {
  kind: ImportProblemKind;
  message: string;
  file?: string;
  pid?: string;
  key?: string;
  line?: number;
  column?: number;
}

export interface ImportPlanService {
  pid: string;
  name: string;
  file: string;
  format: ConfigFileFormat;
  folder?: string;
  runModes?: string[];
  /** The service has no stored configuration yet (changes are against the defaults). */
  isNew: boolean;
  changes: DiffEntry[];
  problems: ImportProblem[];
  /** Remarks that do not block the import (kept secrets, clear-text secrets in the file, …). */
  notes: string[];
  /**
   * Keys the file leaves out whose stored value is not the default: the import sets them back
   * to their defaults (OSGi "replace" semantics, as AEM installs a configuration). Empty in
   * "merge" mode, for secrets (kept) and for keys already at their default.
   */
  resetToDefaults: string[];
  /**
   * The validated values to store, present when this service has no problems. Secret fields may
   * hold clear text from the file: seal them before storing, and never send them to the browser.
   */
  values?: ConfigValues;
}

export interface ImportPlan {
  /** True only when there is at least one service to import and no problem at all. */
  applicable: boolean;
  services: ImportPlanService[];
  /** Every problem, including those listed under a service. */
  problems: ImportProblem[];
  /** Files that were read but not used (another run mode was chosen). */
  ignored: { file: string; reason: string }[];
}

export interface ImportOptions {
  /**
   * The run modes of this Herald, for packages with config.<runmode> folders: a file applies when
   * all of its folder's run modes are listed, and the most specific one wins (as in AEM). Without
   * it, a service configured in more than one folder is a conflict.
   */
  runModes?: readonly string[];
  /** "replace" (default, OSGi semantics) or "merge" (fields missing from the file keep their stored value). */
  mode?: "replace" | "merge";
  /** Which variables placeholders may read (see ValidateOptions.placeholders). */
  placeholders?: PlaceholderPolicy;
}

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    // dp has b.length + 1 entries and j never exceeds b.length: every dp[…] below is in range.
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

function suggestion(def: ServiceDef, key: string): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const f of def.fields) {
    const d = levenshtein(key.toLowerCase(), f.key.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = f.key;
    }
  }
  return best !== null && bestD <= 2 ? best : null;
}

function unknownKeyMessage(def: ServiceDef, key: string): string {
  const best = suggestion(def, key);
  return best === null ? fill(V.cfgUnknownKey, { key, service: def.name }) : fill(V.cfgUnknownKeySuggest, { key, service: def.name, suggestion: best });
}

function fileLabel(f: ParsedConfigFile | ConfigFileResult): string {
  return f.folder !== undefined ? `${f.folder}/${f.file.split("/").pop()}` : f.file;
}

/** Chooses, per PID, the file that applies; reports conflicts and ignored files. */
function chooseFiles(
  files: ParsedConfigFile[],
  runModes: readonly string[] | undefined,
  problems: ImportProblem[],
  ignored: ImportPlan["ignored"],
): ParsedConfigFile[] {
  const byPid = new Map<string, ParsedConfigFile[]>();
  for (const f of files) byPid.set(f.pid, [...(byPid.get(f.pid) ?? []), f]);
  const chosen: ParsedConfigFile[] = [];
  for (const [pid, list] of byPid) {
    let eligible = list;
    if (runModes) {
      eligible = list.filter((f) => (f.runModes ?? []).every((m) => runModes.includes(m)));
      for (const f of list) {
        if (!eligible.includes(f)) {
          ignored.push({
            file: f.file,
            reason: `For run mode ${(f.runModes ?? []).join(".")}, which is not among ${runModes.join(", ") || "(none)"}.`,
          });
        }
      }
      if (eligible.length === 0) continue;
      const most = Math.max(...eligible.map((f) => (f.runModes ?? []).length));
      const top = eligible.filter((f) => (f.runModes ?? []).length === most);
      for (const f of eligible) {
        if (!top.includes(f)) ignored.push({ file: f.file, reason: `A more specific run-mode folder configures ${pid}.` });
      }
      eligible = top;
    }
    if (eligible.length > 1) {
      problems.push({
        kind: "conflict",
        pid,
        message:
          `${pid} is configured in ${eligible.length} files (${eligible.map(fileLabel).join(", ")}). ` +
          (runModes ? "Remove all but one." : "Choose the run mode to import, or remove all but one."),
      });
      continue;
    }
    const [only] = eligible;
    if (only) chosen.push(only);
  }
  return chosen;
}

/**
 * Plans the import of configuration files (from parseConfigFile / readContentPackage) against
 * the stored configurations (`current`, by PID; a missing PID is a service never saved).
 */
export function planImport(
  files: readonly ConfigFileResult[],
  current: Record<string, Record<string, unknown> | null | undefined>,
  options: ImportOptions = {},
): ImportPlan {
  const problems: ImportProblem[] = [];
  const ignored: ImportPlan["ignored"] = [];
  const services: ImportPlanService[] = [];
  const mode = options.mode ?? "replace";
  const candidates = new Map<string, Record<string, unknown>>();

  const readable: ParsedConfigFile[] = [];
  for (const f of files) {
    if (!f.ok) {
      const p: ImportProblem = { kind: f.kind, file: f.file, message: f.message };
      if (f.pid !== undefined) p.pid = f.pid;
      if (f.line !== undefined) p.line = f.line;
      if (f.column !== undefined) p.column = f.column;
      problems.push(p);
      continue;
    }
    if (!getService(f.pid)) {
      problems.push({
        kind: "unknown-pid",
        file: f.file,
        pid: f.pid,
        message: `${f.pid} is not a service Herald manages (it manages: ${SERVICES.map((s) => s.name).join(", ")}).`,
      });
      continue;
    }
    readable.push(f);
  }

  for (const f of chooseFiles(readable, options.runModes, problems, ignored)) {
    const def = getService(f.pid)!;
    const own: ImportProblem[] = [];
    const notes = [...f.warnings];
    const stored = current[f.pid] ?? undefined;
    const base = withDefaults(def, stored ?? undefined);

    const known: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(f.values)) {
      if (getField(def, key)) known[key] = value;
      else {
        own.push({
          kind: "unknown-key",
          file: f.file,
          pid: f.pid,
          key,
          line: f.keyLines[key],
          message: unknownKeyMessage(def, key),
        });
      }
    }
    const incoming = coerceValues(def, known);
    const resetToDefaults =
      mode === "merge"
        ? []
        : def.fields
            .filter((field) => field.type !== "secret" && !(field.key in known) && !sameValue(base[field.key], field.default))
            .map((field) => field.key);

    for (const field of def.fields) {
      if (field.type !== "secret") continue;
      const v = incoming[field.key];
      const storedValue = base[field.key];
      const storedSet = typeof storedValue === "string" && storedValue !== "";
      if (v === undefined) {
        if (storedSet) notes.push(fill(V.cfgNoteSecretKept, { label: field.label }));
        incoming[field.key] = storedValue;
        continue;
      }
      if (typeof v !== "string" || v === "") continue;
      const exported = formatPlaceholder("secret", secretPlaceholderName(def, field.key));
      if (v === exported && storedSet && !isPlaceholder(storedValue)) {
        // Herald's own export of a stored secret: importing it back must not replace the secret
        // with a reference to a variable that probably does not exist.
        incoming[field.key] = storedValue;
        notes.push(fill(V.cfgNoteExportedKept, { label: field.label, placeholder: exported }));
      } else if (isSealed(v)) {
        notes.push(fill(V.cfgNoteSealed, { label: field.label }));
      } else if (!isPlaceholder(v)) {
        notes.push(fill(V.cfgNoteClearText, { label: field.label, placeholder: exported }));
      }
    }

    const candidate: Record<string, unknown> =
      mode === "merge" ? { ...base, ...incoming } : { ...defaultValues(def), ...incoming };
    candidates.set(f.pid, candidate);
    const result = validateValues(def, candidate, { placeholders: options.placeholders });
    if (!result.ok) {
      for (const [key, messages] of Object.entries(result.fieldErrors)) {
        for (const message of messages) {
          own.push({ kind: "invalid-value", file: f.file, pid: f.pid, key, line: f.keyLines[key], message });
        }
      }
      for (const message of result.formErrors) own.push({ kind: "invalid-value", file: f.file, pid: f.pid, message });
    }
    const after = result.ok ? result.values : candidate;
    const entry: ImportPlanService = {
      pid: f.pid,
      name: def.name,
      file: f.file,
      format: f.format,
      isNew: stored === undefined || stored === null,
      changes: diffValues(def, base, after),
      problems: own,
      notes,
      resetToDefaults,
    };
    if (f.folder !== undefined) entry.folder = f.folder;
    if (f.runModes !== undefined) entry.runModes = [...f.runModes];
    if (result.ok && own.length === 0) entry.values = result.values;
    services.push(entry);
  }

  // Rules between services, on the configuration as it would be after the import.
  const imported = new Map(services.map((s) => [s.pid, s]));
  const after: Record<string, unknown> = {};
  for (const def of SERVICES) {
    after[def.pid] = imported.get(def.pid)?.values ?? candidates.get(def.pid) ?? current[def.pid] ?? undefined;
  }
  for (const e of crossServiceErrors(after)) {
    const target = imported.get(e.pid) ?? imported.get(e.relatedPid);
    if (!target) continue; // not caused by this import
    target.problems.push({ kind: "cross-service", file: target.file, pid: e.pid, key: e.keys[0], message: e.message });
    delete target.values;
  }

  for (const s of services) problems.push(...s.problems);
  if (services.length === 0 && problems.length === 0) {
    problems.push({
      kind: "empty",
      message:
        "No configuration files were found. Expected <PID>.cfg.json, <PID>.xml or <PID>.config files, in a content package under jcr_root/apps/<app>/config/.",
    });
  }
  return { applicable: problems.length === 0 && services.length > 0, services, problems, ignored };
}

/** The plan without the values to store: safe to send to the browser. */
export function publicPlan(plan: ImportPlan): ImportPlan {
  return {
    ...plan,
    services: plan.services.map((s) => {
      const copy = { ...s, changes: [...s.changes], problems: [...s.problems], notes: [...s.notes], resetToDefaults: [...s.resetToDefaults] };
      delete copy.values;
      return copy;
    }),
  };
}

/**
 * The sentence the import preview shows for keys that go back to their defaults, or null:
 * "3 keys not in the file go back to their defaults: smtp.user, smtp.ssl, debug.email."
 */
export function describeResets(keys: readonly string[]): string | null {
  if (keys.length === 0) return null;
  return keys.length === 1
    ? `1 key not in the file goes back to its default: ${keys[0]}.`
    : `${keys.length} keys not in the file go back to their defaults: ${keys.join(", ")}.`;
}

/** One line per problem, with file, line and key ("a.cfg.json, line 3 (smtp.port): …"). */
export function describeProblem(p: ImportProblem): string {
  return describeProblemIn(p, {});
}

/**
 * `describeProblem` in the console's words: `message` translates the problem's message (the
 * error map), `line` says "line 3".
 */
export function describeProblemIn(p: ImportProblem, words: { message?: (m: string) => string; line?: (n: number) => string }): string {
  const line = words.line ?? ((n: number) => `line ${n}`);
  const where = [p.file, p.line !== undefined && !p.message.startsWith("Line ") ? line(p.line) : undefined]
    .filter(Boolean)
    .join(", ");
  const key = p.key && !p.message.includes(`"${p.key}"`) ? ` (${p.key})` : "";
  return `${where ? `${where}${key}: ` : key ? `${key.trim()}: ` : ""}${words.message ? words.message(p.message) : p.message}`;
}
