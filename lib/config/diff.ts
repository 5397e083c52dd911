/**
 * Field-by-field differences between two versions of a service's values, for the history view,
 * the audit log and import plans. Secret fields never carry a value: only whether the secret was
 * set, changed or cleared (and the placeholder, which names a variable and is not secret).
 * Pure; safe in the browser.
 */
import { getField, sameValue } from "./define";
import { formatPlaceholder, parsePlaceholder } from "./placeholders";
import type { FieldValue, ServiceDef } from "./types";

export type DiffKind = "added" | "removed" | "changed";
export type SecretChange = "set" | "changed" | "cleared";

export interface DiffEntry {
  key: string;
  label: string;
  kind: DiffKind;
  /** Previous value; never present for secrets or keys unknown to the definition. */
  old?: FieldValue;
  /** New value; never present for secrets or keys unknown to the definition. */
  new?: FieldValue;
  /** For secret fields: what happened to the secret. */
  secret?: SecretChange;
  /** For secret fields stored as placeholders. */
  oldPlaceholder?: string;
  newPlaceholder?: string;
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function secretSet(v: unknown): boolean {
  return typeof v === "string" && v !== "";
}

function asFieldValue(v: unknown): FieldValue {
  return Array.isArray(v) ? [...(v as string[])] : (v as FieldValue);
}

/**
 * Lists what changed from `before` to `after`, in field order, then keys unknown to the
 * definition (sorted; shown without values, as they may be secrets of an older definition).
 * A key missing on one side is "added" / "removed"; a secret going from "" to a value is "set".
 */
export function diffValues(
  def: ServiceDef,
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): DiffEntry[] {
  const b = before ?? {};
  const a = after ?? {};
  const out: DiffEntry[] = [];

  for (const f of def.fields) {
    const ov = b[f.key];
    const nv = a[f.key];
    if (f.type === "secret") {
      const was = secretSet(ov);
      const is = secretSet(nv);
      if (!was && !is) continue;
      if (was && is && ov === nv) continue;
      const entry: DiffEntry = {
        key: f.key,
        label: f.label,
        kind: was && is ? "changed" : is ? "added" : "removed",
        secret: was && is ? "changed" : is ? "set" : "cleared",
      };
      const op = was ? parsePlaceholder(ov as string) : null;
      const np = is ? parsePlaceholder(nv as string) : null;
      if (op) entry.oldPlaceholder = formatPlaceholder(op.kind, op.name);
      if (np) entry.newPlaceholder = formatPlaceholder(np.kind, np.name);
      out.push(entry);
      continue;
    }
    if (!present(ov) && !present(nv)) continue;
    if (present(ov) && present(nv) && sameValue(ov, nv)) continue;
    const entry: DiffEntry = {
      key: f.key,
      label: f.label,
      kind: !present(ov) ? "added" : !present(nv) ? "removed" : "changed",
    };
    if (present(ov)) entry.old = asFieldValue(ov);
    if (present(nv)) entry.new = asFieldValue(nv);
    out.push(entry);
  }

  const extra = [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => !getField(def, k))
    .sort();
  for (const key of extra) {
    const ov = b[key];
    const nv = a[key];
    if (present(ov) && present(nv) && sameValue(ov, nv)) continue;
    if (!present(ov) && !present(nv)) continue;
    out.push({ key, label: key, kind: !present(ov) ? "added" : !present(nv) ? "removed" : "changed" });
  }
  return out;
}

function show(v: FieldValue | undefined): string {
  if (v === undefined) return "(none)";
  if (Array.isArray(v)) return v.length ? v.join(", ") : "(empty list)";
  if (typeof v === "boolean") return v ? "on" : "off";
  if (v === "") return "(blank)";
  return String(v);
}

/** One line of text for a change ("SMTP server port: 25 → 587", "SMTP password: set"). */
export function describeChange(entry: DiffEntry): string {
  if (entry.secret) {
    const via = entry.newPlaceholder ? ` (from ${entry.newPlaceholder})` : "";
    return `${entry.label}: ${entry.secret}${via}`;
  }
  if (entry.old === undefined && entry.new === undefined) return `${entry.label}: ${entry.kind}`;
  if (entry.kind === "added") return `${entry.label}: ${show(entry.new)}`;
  if (entry.kind === "removed") return `${entry.label}: removed (was ${show(entry.old)})`;
  return `${entry.label}: ${show(entry.old)} → ${show(entry.new)}`;
}
