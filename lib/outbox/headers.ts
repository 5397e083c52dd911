// Values that end up in mail headers (addresses, subject) are checked here before a message is
// stored, and again before it is sent: a CR or LF in any of them could add headers or recipients
// (header injection). Pure.
import { parseAddress, formatAddress } from "@/lib/config/address";

/** CR, LF and the other characters that end a line or break a header. */
const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export class HeaderValueError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "HeaderValueError";
  }
}

/** Why a header-bound text is not acceptable, or null. */
export function headerTextProblem(value: string): string | null {
  if (LINE_BREAK.test(value)) return "must not contain line breaks (it is written into a mail header)";
  if (CONTROL.test(value)) return "must not contain control characters";
  return null;
}

/** Checks one mailbox ("a@b.c" or "Name <a@b.c>") and returns it normalised; throws HeaderValueError. */
export function checkMailbox(field: string, value: string): string {
  if (typeof value !== "string") throw new HeaderValueError(field, "must be an email address");
  const problem = headerTextProblem(value);
  if (problem) throw new HeaderValueError(field, problem);
  const parsed = parseAddress(value);
  if (!parsed.ok) throw new HeaderValueError(field, `is not a valid email address: ${parsed.error}`);
  return formatAddress({ name: parsed.value.name, address: parsed.value.address });
}

/** The bare address (a@b.c) of a mailbox that already passed checkMailbox. */
export function bareAddress(mailbox: string): string {
  const p = parseAddress(mailbox);
  return p.ok ? p.value.address : mailbox;
}

export function checkSubject(field: string, value: string): string {
  const problem = headerTextProblem(value);
  if (problem) throw new HeaderValueError(field, problem);
  return value;
}

/** Stored address lists are joined with this; a formatted mailbox never contains it unquoted. */
export const ADDRESS_SEPARATOR = ", ";

/** Splits a stored list back into mailboxes (names with commas are quoted by formatAddress). */
export function splitStoredList(list: string | null | undefined): string[] {
  if (!list) return [];
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === "\\" && quoted) {
      cur += c + (list[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === "," && !quoted) {
      if (cur.trim()) out.push(cur.trim());
      cur = "";
      continue;
    }
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
