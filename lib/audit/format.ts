/**
 * Audit details as lines a person reads ("smtp.port: 25 → 587", "smtp.password: changed")
 * instead of the JSON they are stored as. Secret fields of a service never show a value, even
 * if an older row held one: only whether the secret was set, changed or cleared.
 * Pure; safe in the browser.
 */
import { getService } from "@/lib/config/services";

/**
 * The words of the detail lines, in English by default (the CLI); the console passes the same
 * keys from the "audit.words" namespace of the catalogs. Keys and values stay as stored.
 */
export const AUDIT_WORDS = {
  none: "(none)",
  blank: "(blank)",
  emptyList: "(empty list)",
  on: "on",
  off: "off",
  set: "set",
  cleared: "cleared",
  changed: "changed",
  removed: "(removed)",
  notShown: "(not shown)",
  version: "version",
  restoredFrom: "restored from version",
  count: "count",
} as const;
export type AuditWords = Record<keyof typeof AUDIT_WORDS, string>;

export interface AuditDetailView {
  /** One-line facts ("version 3", "imported from herald-config.zip"). */
  summary: string[];
  /** One line per changed field: "key: old → new". */
  changes: string[];
}

function show(v: unknown, w: AuditWords): string {
  if (v === undefined || v === null) return w.none;
  if (typeof v === "boolean") return v ? w.on : w.off;
  if (v === "") return w.blank;
  if (Array.isArray(v)) return v.length ? v.map((x) => show(x, w)).join(", ") : w.emptyList;
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const SECRET_WORDS = /secret|password|token|passphrase|apikey|api_key|credential/i;

function isSecretKey(pid: string | null, key: string): boolean {
  const field = pid ? getService(pid)?.fields.find((f) => f.key === key) : undefined;
  if (field) return field.type === "secret";
  return SECRET_WORDS.test(key);
}

/** One configuration change as stored by lib/config/store (summarize()). */
function changeLine(pid: string | null, c: Record<string, unknown>, w: AuditWords): string | null {
  const key = typeof c.key === "string" ? c.key : null;
  if (!key) return null;
  if (typeof c.secret === "string") return `${key}: ${c.secret === "set" ? w.set : c.secret === "cleared" ? w.cleared : w.changed}`;
  if (isSecretKey(pid, key)) {
    const kind = c.kind === "added" ? w.set : c.kind === "removed" ? w.cleared : w.changed;
    return `${key}: ${kind}`;
  }
  if (!("old" in c) && !("new" in c)) return `${key}: ${typeof c.kind === "string" ? c.kind : w.changed}`;
  if (c.kind === "added" || !("old" in c)) return `${key}: ${show(c.new, w)}`;
  if (c.kind === "removed" || !("new" in c)) return `${key}: ${show(c.old, w)} → ${w.removed}`;
  return `${key}: ${show(c.old, w)} → ${show(c.new, w)}`;
}

/** Detail fields shown under a word of their own ("" for none: the value alone). */
const LABELS: Record<string, keyof AuditWords | ""> = {
  version: "version",
  restoredFrom: "restoredFrom",
  note: "",
  count: "count",
};

/**
 * Turns a stored audit detail (JSON text, or anything else) into readable lines. `target` is the
 * row's target: for config.* actions it is the PID, which tells secret fields apart.
 */
export function formatAuditDetail(action: string, target: string | null, detail: string | null, w: AuditWords = AUDIT_WORDS): AuditDetailView {
  const out: AuditDetailView = { summary: [], changes: [] };
  if (detail === null || detail === "") return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    out.summary.push(detail);
    return out;
  }
  if (!isRecord(parsed)) {
    out.summary.push(show(parsed, w));
    return out;
  }
  const pid = action.startsWith("config.") || action.startsWith("oauth.") ? target : null;
  for (const [key, value] of Object.entries(parsed)) {
    if (key === "changes" && Array.isArray(value)) {
      for (const c of value) {
        const line = isRecord(c) ? changeLine(pid, c, w) : null;
        if (line) out.changes.push(line);
      }
      continue;
    }
    if (value === undefined) continue;
    if (isSecretKey(pid, key) && !/^(secret|secretSet|clientSecretSet)$/.test(key)) {
      out.summary.push(`${key}: ${w.notShown}`);
      continue;
    }
    // A stored field name is a key and stays as it is; only the few LABELS have a word.
    const label = Object.prototype.hasOwnProperty.call(LABELS, key) ? LABELS[key] : undefined;
    const word = label === undefined ? key : label === "" ? "" : w[label];
    out.summary.push(word ? `${word}: ${show(value, w)}` : show(value, w));
  }
  return out;
}
