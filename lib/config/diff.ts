/**
 * Field-by-field differences between two versions of a service's values, for the history view,
 * the audit log and import plans. Secret fields never carry a value: only whether the secret was
 * set, changed or cleared (and the placeholder, which names a variable and is not secret).
 * Pure; safe in the browser.
 */
import { getField, sameValue } from "./define";
import { formatPlaceholder, parsePlaceholder } from "./placeholders";
import type { FieldValue, ServiceDef } from "./types";
import { fill } from "@/lib/validations/messages";

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

/**
 * The wording of a change, by key: the English the CLI, the audit log and the API use, and the
 * keys under "configHistory.change" in the catalogs (the catalog test holds the English catalog
 * to exactly these texts).
 */
export const CHANGE_TEXTS = {
  secretSet: "{label}: set",
  secretSetVia: "{label}: set (from {placeholder})",
  secretChanged: "{label}: changed",
  secretChangedVia: "{label}: changed (from {placeholder})",
  secretCleared: "{label}: cleared",
  keyAdded: "{label}: added",
  keyRemoved: "{label}: removed",
  keyChanged: "{label}: changed",
  added: "{label}: {value}",
  removed: "{label}: removed (was {old})",
  changed: "{label}: {old} → {new}",
  valueNone: "(none)",
  valueEmptyList: "(empty list)",
  valueOn: "on",
  valueOff: "off",
  valueBlank: "(blank)",
} as const;
export type ChangeKey = keyof typeof CHANGE_TEXTS;
/** Words a change is told in: English by default, the reader's language in the console. */
export type ChangeWords = (key: ChangeKey, values?: Record<string, string>) => string;

const english: ChangeWords = (key, values = {}) => fill(CHANGE_TEXTS[key], values);

function show(v: FieldValue | undefined, w: ChangeWords): string {
  if (v === undefined) return w("valueNone");
  if (Array.isArray(v)) return v.length ? v.join(", ") : w("valueEmptyList");
  if (typeof v === "boolean") return w(v ? "valueOn" : "valueOff");
  if (v === "") return w("valueBlank");
  return String(v);
}

const SECRET_KEYS = {
  set: ["secretSet", "secretSetVia"],
  changed: ["secretChanged", "secretChangedVia"],
  cleared: ["secretCleared", "secretCleared"],
} as const satisfies Record<SecretChange, readonly [ChangeKey, ChangeKey]>;
const KEY_KEYS = { added: "keyAdded", removed: "keyRemoved", changed: "keyChanged" } as const satisfies Record<DiffKind, ChangeKey>;

/** One line of text for a change ("SMTP server port: 25 → 587", "SMTP password: set"), in English. */
export function describeChange(entry: DiffEntry): string {
  return describeChangeIn(entry, english, entry.label);
}

/** `describeChange` in the console's words (its catalog) with the field's translated label. */
export function describeChangeIn(entry: DiffEntry, words: ChangeWords, label: string): string {
  if (entry.secret) {
    const [plain, via] = SECRET_KEYS[entry.secret];
    return entry.newPlaceholder ? words(via, { label, placeholder: entry.newPlaceholder }) : words(plain, { label });
  }
  if (entry.old === undefined && entry.new === undefined) return words(KEY_KEYS[entry.kind], { label });
  if (entry.kind === "added") return words("added", { label, value: show(entry.new, words) });
  if (entry.kind === "removed") return words("removed", { label, old: show(entry.old, words) });
  return words("changed", { label, old: show(entry.old, words), new: show(entry.new, words) });
}
