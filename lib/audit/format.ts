/**
 * Audit details as lines a person reads ("smtp.port: 25 → 587", "smtp.password: changed")
 * instead of the JSON they are stored as. Secret fields of a service never show a value, even
 * if an older row held one: only whether the secret was set, changed or cleared.
 * Pure; safe in the browser.
 */
import { getService } from "@/lib/config/services";

export interface AuditDetailView {
  /** One-line facts ("version 3", "imported from herald-config.zip"). */
  summary: string[];
  /** One line per changed field: "key: old → new". */
  changes: string[];
}

function show(v: unknown): string {
  if (v === undefined || v === null) return "(none)";
  if (typeof v === "boolean") return v ? "on" : "off";
  if (v === "") return "(blank)";
  if (Array.isArray(v)) return v.length ? v.map((x) => show(x)).join(", ") : "(empty list)";
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
function changeLine(pid: string | null, c: Record<string, unknown>): string | null {
  const key = typeof c.key === "string" ? c.key : null;
  if (!key) return null;
  if (typeof c.secret === "string") return `${key}: ${c.secret === "set" ? "set" : c.secret === "cleared" ? "cleared" : "changed"}`;
  if (isSecretKey(pid, key)) {
    const kind = c.kind === "added" ? "set" : c.kind === "removed" ? "cleared" : "changed";
    return `${key}: ${kind}`;
  }
  if (!("old" in c) && !("new" in c)) return `${key}: ${typeof c.kind === "string" ? c.kind : "changed"}`;
  if (c.kind === "added" || !("old" in c)) return `${key}: ${show(c.new)}`;
  if (c.kind === "removed" || !("new" in c)) return `${key}: ${show(c.old)} → (removed)`;
  return `${key}: ${show(c.old)} → ${show(c.new)}`;
}

const LABELS: Record<string, string> = {
  version: "version",
  restoredFrom: "restored from version",
  note: "",
  count: "count",
};

/**
 * Turns a stored audit detail (JSON text, or anything else) into readable lines. `target` is the
 * row's target: for config.* actions it is the PID, which tells secret fields apart.
 */
export function formatAuditDetail(action: string, target: string | null, detail: string | null): AuditDetailView {
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
    out.summary.push(show(parsed));
    return out;
  }
  const pid = action.startsWith("config.") || action.startsWith("oauth.") ? target : null;
  for (const [key, value] of Object.entries(parsed)) {
    if (key === "changes" && Array.isArray(value)) {
      for (const c of value) {
        const line = isRecord(c) ? changeLine(pid, c) : null;
        if (line) out.changes.push(line);
      }
      continue;
    }
    if (value === undefined) continue;
    if (isSecretKey(pid, key) && !/^(secret|secretSet|clientSecretSet)$/.test(key)) {
      out.summary.push(`${key}: (not shown)`);
      continue;
    }
    const label = key in LABELS ? LABELS[key] : key;
    out.summary.push(label ? `${label}: ${show(value)}` : show(value));
  }
  return out;
}
