// CSV for the recipient directory (RFC 4180: commas, double quotes, CRLF or LF; UTF-8 with or
// without a byte order mark). Columns, by header name, in any order:
//   id, email, name, familyName, language, subscriptions, plainTextOnly
// plainTextOnly is true/false (also yes/no, 1/0; empty = false): the recipient gets no HTML part.
// email and name are required; id defaults to the email address; subscriptions use the compact
// notation "page:/content/site[PageModified|PageActivated]; forum:/content/forum".
// Cells that a spreadsheet would run as a formula (= + - @ at the start) are written with a
// leading apostrophe, which the reader removes again. Pure.
import { fieldErrors } from "@/lib/errors";
import { formatSubscriptions, parseSubscriptions, recipientSchema, type RecipientData } from "./schema";

export const CSV_COLUMNS = ["id", "email", "name", "familyName", "language", "subscriptions", "plainTextOnly"] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 50_000;

export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  cells: string[];
}

/** Parses CSV text into records; a quote that is never closed is an error naming its line. */
export function parseCsv(text: string): { ok: true; records: CsvRecord[] } | { ok: false; error: string } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let cellStarted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && !cellStarted) {
      quoted = true;
      cellStarted = true;
      continue;
    }
    if (c === ",") {
      cells.push(cell);
      cell = "";
      cellStarted = false;
      continue;
    }
    if (c === "\r" || c === "\n") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      cells.push(cell);
      if (!(cells.length === 1 && cells[0] === "")) records.push({ line: recordLine, cells });
      cells = [];
      cell = "";
      cellStarted = false;
      line++;
      recordLine = line;
      continue;
    }
    cell += c;
    cellStarted = true;
  }
  if (quoted) return { ok: false, error: `line ${recordLine}: a quoted cell is never closed (a " is missing)` };
  if (cellStarted || cells.length) {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === "")) records.push({ line: recordLine, cells });
  }
  return { ok: true, records };
}

const FORMULA_START = /^[=+\-@\t\r]/;

function escapeCell(v: string): string {
  const safe = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function unescapeCell(v: string): string {
  return v.length > 1 && v[0] === "'" && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v;
}

export interface CsvRecipient {
  id: string;
  email: string;
  name: string;
  familyName: string;
  language: string;
  plainTextOnly?: boolean;
  subscriptions: Parameters<typeof formatSubscriptions>[0];
}

/** Byte order mark: Excel reads a CSV file as UTF-8 only when it starts with one. */
export const UTF8_BOM = "\uFEFF";

/** A CSV cell as a yes/no value; undefined when it is neither. */
export function parseCsvBoolean(v: string): boolean | undefined {
  const t = v.trim().toLowerCase();
  if (t === "" || t === "false" || t === "no" || t === "0") return false;
  if (t === "true" || t === "yes" || t === "1") return true;
  return undefined;
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(",") + "\r\n";
}

export function csvRow(r: CsvRecipient): string {
  return [r.id, r.email, r.name, r.familyName, r.language, formatSubscriptions(r.subscriptions), r.plainTextOnly ? "true" : "false"].map(escapeCell).join(",") + "\r\n";
}

export interface RowProblem {
  field: string;
  message: string;
}

export type ParsedRow = { line: number; ok: true; data: RecipientData } | { line: number; ok: false; id: string | null; email: string | null; errors: RowProblem[] };

export interface ParsedFile {
  ok: boolean;
  /** Problems with the file as a whole (no header, missing column…); nothing is imported then. */
  fileErrors: string[];
  /** Header names Herald does not know; ignored. */
  ignoredColumns: string[];
  rows: ParsedRow[];
}

/** Reads and validates every row; rows are judged on their own (duplicates inside the file too). */
export function parseRecipientsCsv(text: string): ParsedFile {
  const fail = (e: string): ParsedFile => ({ ok: false, fileErrors: [e], ignoredColumns: [], rows: [] });
  if (new TextEncoder().encode(text).length > MAX_CSV_BYTES) return fail(`The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; split it.`);
  const parsed = parseCsv(text);
  if (!parsed.ok) return fail(parsed.error);
  const [head, ...records] = parsed.records;
  if (!head) return fail("The file is empty; the first line must name the columns: " + CSV_COLUMNS.join(","));
  if (records.length > MAX_CSV_ROWS) return fail(`The file has ${records.length} rows; at most ${MAX_CSV_ROWS} can be imported at once.`);
  const index = new Map<CsvColumn, number>();
  const ignored: string[] = [];
  head.cells.forEach((h, i) => {
    const name = h.trim();
    const col = CSV_COLUMNS.find((c) => c.toLowerCase() === name.toLowerCase());
    if (col) {
      if (!index.has(col)) index.set(col, i);
    } else if (name) ignored.push(name);
  });
  const missing = (["email", "name"] as const).filter((c) => !index.has(c));
  if (missing.length) return fail(`The first line must name the columns; missing: ${missing.join(", ")} (known columns: ${CSV_COLUMNS.join(", ")}).`);

  const seenIds = new Map<string, number>();
  const seenEmails = new Map<string, number>();
  const rows: ParsedRow[] = records.map((rec) => {
    const get = (c: CsvColumn) => {
      const i = index.get(c);
      return i === undefined ? undefined : unescapeCell((rec.cells[i] ?? "").trim());
    };
    const email = get("email") ?? "";
    const rawId = get("id");
    const errors: RowProblem[] = [];
    const subsText = get("subscriptions") ?? "";
    const subs = parseSubscriptions(subsText);
    if (!subs.ok) errors.push({ field: "subscriptions", message: subs.error });
    const plainCell = get("plainTextOnly") ?? "";
    const plainTextOnly = parseCsvBoolean(plainCell);
    if (plainTextOnly === undefined) errors.push({ field: "plainTextOnly", message: `"${plainCell}" is not true or false` });
    const input = {
      id: rawId ? rawId : email.toLowerCase(),
      email,
      name: get("name") ?? "",
      familyName: get("familyName") ?? "",
      language: get("language") || "en",
      plainTextOnly: plainTextOnly ?? false,
      subscriptions: subs.ok ? subs.value : [],
    };
    const checked = recipientSchema.safeParse(input);
    if (!checked.success) {
      for (const [field, messages] of Object.entries(fieldErrors(checked.error, { root: "_body" }))) for (const message of messages) errors.push({ field, message });
    }
    if (errors.length || !checked.success) return { line: rec.line, ok: false, id: input.id || null, email: email || null, errors };
    const d = checked.data;
    const dupId = seenIds.get(d.id);
    const dupEmail = seenEmails.get(d.email);
    if (dupId !== undefined) errors.push({ field: "id", message: `"${d.id}" is already on line ${dupId} of this file` });
    if (dupEmail !== undefined) errors.push({ field: "email", message: `${d.email} is already on line ${dupEmail} of this file` });
    if (errors.length) return { line: rec.line, ok: false, id: d.id, email: d.email, errors };
    seenIds.set(d.id, rec.line);
    seenEmails.set(d.email, rec.line);
    return { line: rec.line, ok: true, data: d };
  });
  return { ok: true, fileErrors: [], ignoredColumns: ignored, rows };
}
