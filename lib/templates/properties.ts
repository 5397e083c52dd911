// A reader and writer for java.util.Properties text, the format of AEM's (and Herald's) email
// templates. The reader is a port of JDK 17's Properties.LineReader.readLine / load0 /
// loadConvert, so a template means the same here as in AEM; it is checked against vectors that
// real Java produced (tools/java-vectors, lib/templates/__vectors__).
//
// Pure TypeScript without Node or server imports: the template editor runs it in the browser.
//
// Where Herald deliberately differs from Java:
// - invalid UTF-8 is an error (Java's InputStreamReader silently substitutes U+FFFD);
// - errors name the 1-based line (and column) of the file; Java only says "Malformed \uxxxx
//   encoding." for the whole load.
import { templateText, type TemplateLintKey, type TemplateMessage, type TemplateMessageValues } from "./messages";

const CR = 13;
const LF = 10;
const SP = 32;
const TAB = 9;
const FF = 12;
const BACKSLASH = 92;
const HASH = 35;
const BANG = 33;
const EQUALS = 61;
const COLON = 58;
const LOWER_U = 117;

// ---------------------------------------------------------------------------------------------
// Public types

export type PropertiesErrorCode = "malformed-unicode-escape" | "invalid-utf8";

export interface PropertiesError {
  code: PropertiesErrorCode;
  /** The message by key and values, for the console to translate. */
  i18n: TemplateMessage;
  /** 1-based line of the file (natural lines ended by CR, LF or CRLF). */
  line: number;
  /** 1-based column in UTF-16 code units within that line. */
  column?: number;
  message: string;
}

export type ParseResult =
  | {
      ok: true;
      /** Key → value; iteration order is the order in which keys first appear, the last duplicate wins. */
      entries: Map<string, string>;
      /** Key → 1-based line where the winning (last) definition of the key starts. */
      keyLines: Map<string, number>;
    }
  | { ok: false; error: PropertiesError };

export type DiagnosticSeverity = "error" | "warning" | "info";

export type PropertiesDiagnosticCode =
  | PropertiesErrorCode
  | "byte-order-mark"
  | "duplicate-key"
  | "comment-ends-with-backslash"
  | "blank-continuation-line"
  | "continuation-starts-with-comment-char"
  | "escaped-space-at-line-end";

/** A problem with a source range; lines/columns 1-based, end exclusive; offsets index the decoded text. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  from: number;
  to: number;
}

export interface PropertiesDiagnostic extends SourceRange {
  severity: DiagnosticSeverity;
  code: PropertiesDiagnosticCode;
  message: string;
  /** The message by key and values, for the console to translate. */
  i18n: TemplateMessage;
}

/** One logical line that defines a key (duplicates included), with where it sits in the source. */
export interface PropertyItem {
  key: string;
  value: string;
  /** 1-based natural line where the logical line starts, and where it ends (continuations). */
  line: number;
  endLine: number;
  /** Source offsets (UTF-16, into `text`) of the raw key and raw value; `to` is exclusive. */
  keyFrom: number;
  keyTo: number;
  valueFrom: number;
  valueTo: number;
  /**
   * Source offset of each UTF-16 unit of `value` (an escape maps to its backslash), followed by
   * `valueTo`; length `value.length + 1`. Lets an editor mark a `${variable}` inside a value.
   */
  valueOffsets: number[];
}

export interface PropertiesAnalysis {
  /** The decoded text that offsets refer to (bytes are decoded with U+FFFD for invalid UTF-8). */
  text: string;
  entries: Map<string, string>;
  keyLines: Map<string, number>;
  /** Every key definition in file order, duplicates included. */
  items: PropertyItem[];
  diagnostics: PropertiesDiagnostic[];
  /** True when Java could not load the file (or it is not UTF-8). */
  hasErrors: boolean;
  /** Maps a source offset to a 1-based line and column. */
  position(offset: number): { line: number; column: number };
}

// ---------------------------------------------------------------------------------------------
// Line index

/** Line starts of a text, with CR, LF and CRLF as line terminators (as Java's reader counts them). */
export class LineIndex {
  readonly starts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) starts.push(i + 1);
      else if (c === CR) {
        if (i + 1 < n && text.charCodeAt(i + 1) === LF) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /** Number of natural lines (a trailing terminator starts an empty last line). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line containing `offset`. */
  lineOf(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      // lo < mid <= hi < s.length
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    // lineOf returns 1..starts.length
    return { line, column: offset - this.starts[line - 1]! + 1 };
  }

  range(from: number, to: number): SourceRange {
    const a = this.position(from);
    const b = this.position(Math.max(from, to));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column, from, to: Math.max(from, to) };
  }

  /** Offset of the first character of a 1-based line and of its terminator (or end of text). */
  lineBounds(line: number): { start: number; end: number } {
    const start = this.starts[line - 1];
    if (start === undefined || line < 1) throw new RangeError(`line ${line} is not in 1..${this.starts.length}`);
    let end = this.starts[line] ?? this.text.length;
    // step back over the terminator
    if (end > start && this.text.charCodeAt(end - 1) === LF) end--;
    if (end > start && this.text.charCodeAt(end - 1) === CR) end--;
    return { start, end };
  }
}

// ---------------------------------------------------------------------------------------------
// UTF-8

interface InvalidUtf8 {
  /** Byte offset where the invalid sequence starts. */
  at: number;
  /** Length of the maximal invalid subpart (what a decoder replaces with one U+FFFD). */
  length: number;
  /** Number of bytes worth showing in a message (the subpart plus the byte that broke it). */
  shown: number;
  truncated: boolean;
}

/** The first invalid UTF-8 sequence at or after `from` (WHATWG rules, as TextDecoder); null if valid. */
function findInvalidUtf8(bytes: Uint8Array, from = 0): InvalidUtf8 | null {
  let i = from;
  for (let b = bytes[i]; b !== undefined; b = bytes[i]) {
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f; // UTF-16 surrogates are not valid UTF-8
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return { at: i, length: 1, shown: 1, truncated: false };
    for (let k = 1; k <= need; k++) {
      const cb = bytes[i + k];
      if (cb === undefined) return { at: i, length: k, shown: k, truncated: true };
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (cb < min || cb > max) return { at: i, length: k, shown: k + 1, truncated: false };
    }
    i += need + 1;
  }
  return null;
}

/** 1-based line and column (UTF-16 units) of byte offset `at`, counting CR, LF, CRLF. */
function bytePosition(bytes: Uint8Array, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    const b = bytes[i];
    if (b === LF) {
      line++;
      lineStart = i + 1;
    } else if (b === CR && bytes[i + 1] !== LF) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(lineStart, at)).length + 1;
  return { line, column };
}

function hexBytes(bytes: Uint8Array, at: number, length: number): string {
  const out: string[] = [];
  for (const b of bytes.subarray(at, at + length)) out.push("0x" + b.toString(16).toUpperCase().padStart(2, "0"));
  return out.join(" ");
}

function utf8Error(bytes: Uint8Array, bad: InvalidUtf8): PropertiesError {
  const { line, column } = bytePosition(bytes, bad.at);
  const i18n: TemplateMessage = {
    key: bad.truncated ? "invalidUtf8Truncated" : "invalidUtf8Bytes",
    values: { line, column, bytes: hexBytes(bytes, bad.at, bad.shown), at: bad.at },
  };
  return { code: "invalid-utf8", line, column, message: templateText(i18n.key, i18n.values), i18n };
}

/**
 * Decodes UTF-8 strictly (fatal). A byte order mark is kept as U+FEFF, as Java's UTF-8 decoder
 * does; Properties then reads it as part of the first key.
 */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: PropertiesError } {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const bad = findInvalidUtf8(bytes);
    // TextDecoder and the scanner implement the same (WHATWG) rules; the fallback is defensive.
    return { ok: false, error: utf8Error(bytes, bad ?? { at: 0, length: 1, shown: 1, truncated: false }) };
  }
}

// ---------------------------------------------------------------------------------------------
// The logical-line reader (JDK 17 Properties.LineReader.readLine)

interface LineHooks {
  /** A comment from its '#' or '!' to its terminator (or end of text). */
  comment?(from: number, to: number): void;
  /** A line continued by the backslash at `backslash` is followed by a blank line ending at `terminator`. */
  blankContinuation?(backslash: number, terminator: number): void;
}

/**
 * Called once per logical line. `segs` is a flat list of pairs [indexInLine, sourceOffset]: one
 * pair per natural-line piece, so any index of `line` maps back to the source. `start` is the
 * source offset of the logical line's first character, `end` the offset where it ended (its
 * terminator, or the end of text). Return false to stop reading.
 */
type LineCallback = (line: string, segs: readonly number[], start: number, end: number) => boolean | void;

function readLogicalLines(text: string, onLine: LineCallback, hooks?: LineHooks, from = 0): void {
  const n = text.length;
  const segs: number[] = [];
  let i = from;
  // Persist across logical lines, as in Java (set after a backslash-CR).
  let skipLF = false;
  for (;;) {
    let len = 0; // length of the logical line so far (Java's `len`)
    let skipWhiteSpace = true;
    let appendedLineBegin = false;
    let precedingBackslash = false;
    let parts = ""; // completed natural-line pieces of this logical line
    let segStart = -1; // source offset where the current piece started, -1 when none yet
    let lineStart = -1;
    let lastContinuation = -1;
    segs.length = 0;
    for (;;) {
      if (i >= n) {
        if (len === 0) return;
        const tail = segStart >= 0 ? text.slice(segStart, precedingBackslash ? n - 1 : n) : "";
        onLine(parts + tail, segs, lineStart, n);
        return;
      }
      const c = text.charCodeAt(i++);
      if (skipLF) {
        skipLF = false;
        if (c === LF) continue;
      }
      if (skipWhiteSpace) {
        if (c === SP || c === TAB || c === FF) continue;
        if (c === CR || c === LF) {
          if (!appendedLineBegin) continue;
          hooks?.blankContinuation?.(lastContinuation, i - 1);
        }
        skipWhiteSpace = false;
        appendedLineBegin = false;
      }
      if (len === 0 && (c === HASH || c === BANG)) {
        // A comment: consume the rest of the natural line. It never continues, even when it ends
        // in a backslash.
        const from = i - 1;
        let found = false;
        while (i < n) {
          const d = text.charCodeAt(i++);
          if (d === CR || d === LF) {
            found = true;
            break;
          }
        }
        hooks?.comment?.(from, found ? i - 1 : n);
        if (!found) return;
        skipWhiteSpace = true;
        continue;
      }
      if (c !== LF && c !== CR) {
        if (segStart < 0) {
          segStart = i - 1;
          segs.push(len, segStart);
          if (lineStart < 0) lineStart = segStart;
        }
        len++;
        precedingBackslash = c === BACKSLASH ? !precedingBackslash : false;
        continue;
      }
      // A line terminator.
      if (len === 0) {
        skipWhiteSpace = true;
        continue;
      }
      const eol = i - 1;
      if (i >= n) {
        // Java reads ahead here and, at the end of input, returns the line as it is; notably a
        // line that is just "\" yields an empty key with an empty value.
        const tail = segStart >= 0 ? text.slice(segStart, precedingBackslash ? eol - 1 : eol) : "";
        onLine(parts + tail, segs, lineStart, eol);
        return;
      }
      if (precedingBackslash) {
        // An odd number of backslashes: drop the last one and continue on the next line, skipping
        // its leading white space.
        parts += text.slice(segStart, eol - 1);
        if (eol - 1 === segStart) segs.length -= 2;
        segStart = -1;
        lastContinuation = eol - 1;
        len -= 1;
        skipWhiteSpace = true;
        appendedLineBegin = true;
        precedingBackslash = false;
        if (c === CR) skipLF = true;
      } else {
        const tail = segStart >= 0 ? text.slice(segStart, eol) : "";
        if (onLine(parts + tail, segs, lineStart, eol) === false) return;
        break;
      }
    }
  }
}

/** Source offsets for non-decreasing indexes of a logical line (one forward walk over `segs`). */
function sourceOffsets(segs: readonly number[], indexes: readonly number[], fallback: number): number[] {
  if (segs.length === 0) return indexes.map(() => fallback);
  const out = new Array<number>(indexes.length);
  let j = 0;
  let q = 0;
  for (const k of indexes) {
    // segs holds whole pairs and j stays even, so j + 1 < segs.length (and j + 3 when j + 2 is).
    while (j + 2 < segs.length && segs[j + 2]! <= k) j += 2;
    out[q++] = segs[j + 1]! + (k - segs[j]!);
  }
  return out;
}

/** Source offset of index `k` of a logical line. */
function sourceOffset(segs: readonly number[], k: number, fallback: number): number {
  if (segs.length === 0) return fallback;
  // segs holds whole pairs and j stays even and >= 0, so j + 1 < segs.length.
  let j = segs.length - 2;
  while (j > 0 && segs[j]! > k) j -= 2;
  return segs[j + 1]! + (k - segs[j]!);
}

// ---------------------------------------------------------------------------------------------
// Key / value split (JDK 17 Properties.load0) and escape conversion (loadConvert)

/** Result of splitKeyValue: [keyLen, valueStart]; reused to keep the hot path allocation-free. */
const splitOut: [number, number] = [0, 0];

function splitKeyValue(line: string): void {
  const limit = line.length;
  let keyLen = 0;
  let valueStart = limit;
  let hasSep = false;
  let precedingBackslash = false;
  while (keyLen < limit) {
    const c = line.charCodeAt(keyLen);
    if ((c === EQUALS || c === COLON) && !precedingBackslash) {
      valueStart = keyLen + 1;
      hasSep = true;
      break;
    } else if ((c === SP || c === TAB || c === FF) && !precedingBackslash) {
      valueStart = keyLen + 1;
      break;
    }
    precedingBackslash = c === BACKSLASH ? !precedingBackslash : false;
    keyLen++;
  }
  while (valueStart < limit) {
    const c = line.charCodeAt(valueStart);
    if (c !== SP && c !== TAB && c !== FF) {
      if (!hasSep && (c === EQUALS || c === COLON)) hasSep = true;
      else break;
    }
    valueStart++;
  }
  splitOut[0] = keyLen;
  splitOut[1] = valueStart;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Whether a valid \uXXXX escape starts at `k` (the backslash) within [.., end). */
function validUnicodeEscape(s: string, k: number, end: number): boolean {
  if (k + 2 > end - 4) return false;
  for (let j = k + 2; j < k + 6; j++) if (hexValue(s.charCodeAt(j)) < 0) return false;
  return true;
}

function simpleEscape(c: number): string {
  switch (c) {
    case 116:
      return "\t";
    case 114:
      return "\r";
    case 110:
      return "\n";
    case 102:
      return "\f";
    default:
      return String.fromCharCode(c); // any other \x is x, as in Java
  }
}

/**
 * loadConvert for the strict parser: returns the converted text, or null after pushing the index
 * of a malformed \uXXXX escape onto `bad`.
 */
function convert(s: string, start: number, end: number, bad: number[]): string | null {
  let k = s.indexOf("\\", start);
  if (k < 0 || k >= end) return start === 0 && end === s.length ? s : s.slice(start, end);
  let out = "";
  let from = start;
  while (k >= 0 && k < end) {
    out += s.slice(from, k);
    let p = k + 1;
    const c = s.charCodeAt(p++);
    if (c === LOWER_U) {
      if (!validUnicodeEscape(s, k, end)) {
        bad.push(k);
        return null;
      }
      out += String.fromCharCode(
        (hexValue(s.charCodeAt(p)) << 12) |
          (hexValue(s.charCodeAt(p + 1)) << 8) |
          (hexValue(s.charCodeAt(p + 2)) << 4) |
          hexValue(s.charCodeAt(p + 3)),
      );
      p += 4;
    } else {
      out += simpleEscape(c);
    }
    from = p;
    k = s.indexOf("\\", from);
  }
  return out + s.slice(from, end);
}

/**
 * loadConvert for the analyzer: tolerant (a malformed \u escape is kept as written and its index
 * pushed onto `bad`) and records, for each output unit, the index in `s` it came from.
 */
function convertDetailed(
  s: string,
  start: number,
  end: number,
  bad: number[],
  origins: number[],
): string {
  let out = "";
  let p = start;
  while (p < end) {
    const k = p;
    const c = s.charCodeAt(p++);
    if (c !== BACKSLASH) {
      out += s[k];
      origins.push(k);
      continue;
    }
    const e = s.charCodeAt(p++);
    if (e === LOWER_U) {
      if (!validUnicodeEscape(s, k, end)) {
        bad.push(k);
        out += "\\u";
        origins.push(k, k + 1);
        continue;
      }
      out += String.fromCharCode(parseInt(s.slice(p, p + 4), 16));
      origins.push(k);
      p += 4;
    } else {
      out += simpleEscape(e);
      origins.push(k);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parsing

function describeBadEscape(raw: string, line: number, column: number): TemplateMessage {
  const shown = JSON.stringify(raw).slice(1, -1).replace(/\\\\/g, "\\");
  return { key: "malformedUnicodeEscape", values: { line, column, escape: shown } };
}

function badEscapeError(i18n: TemplateMessage, line: number, column: number): PropertiesError {
  return { code: "malformed-unicode-escape", line, column, message: templateText(i18n.key, i18n.values), i18n };
}

function badEscapeRaw(line: string, k: number, end: number): string {
  let j = k + 2;
  while (j < end && j < k + 6 && hexValue(line.charCodeAt(j)) >= 0) j++;
  if (j < end && j < k + 6) j++; // include the offending character
  return line.slice(k, j);
}

/** `key` null: no logical line after all (a line of just a backslash, continued into comments up to the end). */
type LineResult = { ok: true; key: string | null; value: string; end: number } | { ok: false; error: PropertiesError };

/**
 * The logical line that starts at `lineStart`, read, split and converted by the step-by-step port
 * of Java; `end` is where it ended (its terminator, or the end of text).
 */
function parseLineByJavaSteps(text: string, lineStart: number): LineResult {
  const bad: number[] = [];
  let result: LineResult = { ok: true, key: null, value: "", end: text.length };
  readLogicalLines(
    text,
    (line, segs, start, end) => {
      splitKeyValue(line);
      const keyLen = splitOut[0];
      const valueStart = splitOut[1];
      const key = convert(line, 0, keyLen, bad);
      const value = key === null ? null : convert(line, valueStart, line.length, bad);
      if (key !== null && value !== null) {
        result = { ok: true, key, value, end };
        return false;
      }
      const k = bad[0] ?? 0;
      const offset = sourceOffset(segs, k, start);
      const pos = new LineIndex(text).position(offset);
      const raw = badEscapeRaw(line, k, key === null ? keyLen : line.length);
      result = {
        ok: false,
        error: badEscapeError(describeBadEscape(raw, pos.line, pos.column), pos.line, pos.column),
      };
      return false;
    },
    undefined,
    lineStart,
  );
  return result;
}

/**
 * Reads Properties text exactly as `java.util.Properties.load(Reader)` does (JDK 17). Bytes are
 * decoded as UTF-8, strictly. Returns the first error Java would throw (or invalid UTF-8) with
 * its line and column.
 */
export function parseProperties(input: string | Uint8Array): ParseResult {
  let text: string;
  if (typeof input === "string") text = input;
  else {
    const decoded = decodeUtf8(input);
    if (!decoded.ok) return { ok: false, error: decoded.error };
    text = decoded.text;
  }
  const entries = new Map<string, string>();
  const keyLines = new Map<string, number>();
  const n = text.length;
  let i = 0;
  // Natural line of `i`: a CR counts, an LF counts unless a CR came just before it.
  let line = 1;

  // One pass that splits and unescapes while it reads, slicing runs straight out of `text`: Java
  // copies each logical line into a buffer and then converts it, which costs JavaScript two
  // string builds per line. Anything unusual in a logical line (an escape in the key, a \u
  // escape cut by the line end, a continuation before the separator is settled) is handed to
  // parseLineByJavaSteps, which is Java's algorithm step by step.
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c === SP || c === TAB || c === FF) {
      i++;
      continue;
    }
    if (c === CR || c === LF) {
      if (c === CR || i === 0 || text.charCodeAt(i - 1) !== CR) line++;
      i++;
      continue;
    }
    if (c === HASH || c === BANG) {
      // A comment runs to its terminator, which the branch above then counts; it never continues.
      while (i < n && (c = text.charCodeAt(i)) !== LF && c !== CR) i++;
      continue;
    }

    const lineStart = i;
    const lineNo = line;
    let k = i;
    for (; k < n; k++) {
      c = text.charCodeAt(k);
      if (c === EQUALS || c === COLON || c === SP || c === TAB || c === FF || c === BACKSLASH || c === LF || c === CR) break;
    }
    let slow = k < n && c === BACKSLASH;
    let key = "";
    let value = "";
    if (!slow) {
      key = text.slice(lineStart, k);
      // Java's separator: the first unescaped '=', ':' or white space, then white space and at
      // most one '=' or ':' more.
      let hasSep = false;
      let v = k;
      if (k < n && c !== LF && c !== CR) {
        hasSep = c === EQUALS || c === COLON;
        v = k + 1;
      }
      for (; v < n; v++) {
        c = text.charCodeAt(v);
        if (c === SP || c === TAB || c === FF) continue;
        if (!hasSep && (c === EQUALS || c === COLON)) hasSep = true;
        else break;
      }
      const valueStart = v;
      let from = v;
      for (;;) {
        if (v >= n) {
          value += text.slice(from, n);
          i = n;
          break;
        }
        c = text.charCodeAt(v);
        if (c > BACKSLASH) {
          v++;
          continue;
        }
        if (c === LF || c === CR) {
          // The terminator is left for the loop above to count.
          value += text.slice(from, v);
          i = v;
          break;
        }
        if (c !== BACKSLASH) {
          v++;
          continue;
        }
        value += text.slice(from, v);
        if (v + 1 >= n) {
          // A backslash at the very end is dropped.
          i = n;
          break;
        }
        const d = text.charCodeAt(v + 1);
        if (d === LF || d === CR) {
          // Without a separator yet, the next line could supply one ("key \" + "= value").
          if (v === valueStart && !hasSep) {
            slow = true;
            break;
          }
          v += 2;
          line++;
          if (d === CR && v < n && text.charCodeAt(v) === LF) v++;
          while (v < n && ((c = text.charCodeAt(v)) === SP || c === TAB || c === FF)) v++;
          if (v >= n || c === LF || c === CR) {
            // Continued onto a blank line (or the end): the value ends there.
            i = v;
            break;
          }
          from = v;
          continue;
        }
        if (d === LOWER_U) {
          if (!validUnicodeEscape(text, v, n)) {
            // Malformed, or its digits continue on the next line: Java's own steps decide.
            slow = true;
            break;
          }
          value += String.fromCharCode(
            (hexValue(text.charCodeAt(v + 2)) << 12) |
              (hexValue(text.charCodeAt(v + 3)) << 8) |
              (hexValue(text.charCodeAt(v + 4)) << 4) |
              hexValue(text.charCodeAt(v + 5)),
          );
          v += 6;
        } else {
          value += simpleEscape(d);
          v += 2;
        }
        from = v;
      }
    }
    if (slow) {
      const r = parseLineByJavaSteps(text, lineStart);
      if (!r.ok) return r;
      // The fast part may have counted some of these lines already.
      line = lineNo;
      for (let j = lineStart; j < r.end; j++) {
        c = text.charCodeAt(j);
        if (c === CR || (c === LF && text.charCodeAt(j - 1) !== CR)) line++;
      }
      i = r.end;
      if (r.key === null) continue;
      key = r.key;
      value = r.value;
    }
    entries.set(key, value);
    keyLines.set(key, lineNo);
  }
  return { ok: true, entries, keyLines };
}

/**
 * A tolerant, detailed read for editors: every key definition with source ranges, and every
 * problem (not just the first) as a diagnostic. Values are converted as Java would, except that
 * a malformed \uXXXX escape is kept as written.
 */
export function analyzeProperties(input: string | Uint8Array): PropertiesAnalysis {
  const diagnostics: PropertiesDiagnostic[] = [];
  let text: string;
  const utf8Problems: { offset: number; length: number; i18n: TemplateMessage }[] = [];
  if (typeof input === "string") text = input;
  else {
    text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(input);
    let from = 0;
    for (let count = 0; count < 50; count++) {
      const bad = findInvalidUtf8(input, from);
      if (!bad) break;
      const err = utf8Error(input, bad);
      // The decoder replaced the maximal invalid subpart with U+FFFD; its offset in `text` is the
      // length of the (sequence-aligned) decoded prefix.
      const offset = new TextDecoder("utf-8", { ignoreBOM: true }).decode(input.subarray(0, bad.at)).length;
      utf8Problems.push({ offset, length: 1, i18n: err.i18n });
      from = bad.at + bad.length;
    }
  }
  const index = new LineIndex(text);
  const add = (
    severity: DiagnosticSeverity,
    code: PropertiesDiagnosticCode,
    from: number,
    to: number,
    key: TemplateLintKey,
    values: TemplateMessageValues = {},
  ) => {
    diagnostics.push({ severity, code, message: templateText(key, values), i18n: { key, values }, ...index.range(from, to) });
  };

  for (const p of utf8Problems) add("error", "invalid-utf8", p.offset, p.offset + p.length, p.i18n.key, p.i18n.values);

  if (text.charCodeAt(0) === 0xfeff) {
    add(
      "warning",
      "byte-order-mark",
      0,
      1,
      "byteOrderMark",
    );
  }

  const entries = new Map<string, string>();
  const keyLines = new Map<string, number>();
  const items: PropertyItem[] = [];
  const commentLines = new Set<number>();

  readLogicalLines(
    text,
    (line, segs, start, end) => {
      splitKeyValue(line);
      const keyLen = splitOut[0];
      const valueStart = splitOut[1];
      const limit = line.length;
      const bad: number[] = [];
      const keyOrigins: number[] = [];
      const valueOrigins: number[] = [];
      const key = convertDetailed(line, 0, keyLen, bad, keyOrigins);
      const badInKey = bad.length;
      const value = convertDetailed(line, valueStart, limit, bad, valueOrigins);
      const src = (k: number) => sourceOffset(segs, k, start);
      bad.forEach((k, b) => {
        const raw = badEscapeRaw(line, k, b < badInKey ? keyLen : limit);
        const from = src(k);
        const pos = index.position(from);
        const m = describeBadEscape(raw, pos.line, pos.column);
        add("error", "malformed-unicode-escape", from, src(k + raw.length - 1) + 1, m.key, m.values);
      });
      // Continuation pieces that start with '#' or '!' look like comments but are part of the value.
      for (let s = 3; s < segs.length; s += 2) {
        const off = segs[s]!; // s < segs.length
        const ch = text.charCodeAt(off);
        if (ch === HASH || ch === BANG) {
          const pos = index.position(off);
          add(
            "info",
            "continuation-starts-with-comment-char",
            off,
            off + 1,
            "continuationStartsWithCommentChar",
            { line: pos.line, char: text[off] ?? "", key },
          );
        }
      }
      const lineEnd = limit > 0 ? src(limit - 1) + 1 : end;
      const keyFrom = limit > 0 ? src(0) : start;
      const keyTo = keyLen > 0 ? src(keyLen - 1) + 1 : keyFrom;
      const valueFrom = valueStart < limit ? src(valueStart) : lineEnd;
      const valueOffsets = sourceOffsets(segs, valueOrigins, start);
      valueOffsets.push(lineEnd);
      const item: PropertyItem = {
        key,
        value,
        line: index.lineOf(start),
        endLine: index.lineOf(lineEnd),
        keyFrom,
        keyTo,
        valueFrom,
        valueTo: lineEnd,
        valueOffsets,
      };
      items.push(item);
      entries.set(key, value);
      keyLines.set(key, item.line);
    },
    {
      comment(from, to) {
        commentLines.add(index.lineOf(from));
        let run = 0;
        for (let j = to - 1; j > from && text.charCodeAt(j) === BACKSLASH; j--) run++;
        if (run % 2 === 1) {
          add(
            "info",
            "comment-ends-with-backslash",
            to - 1,
            to,
            "commentEndsWithBackslash",
          );
        }
      },
      blankContinuation(backslash, terminator) {
        const blank = index.lineOf(terminator);
        add(
          "warning",
          "blank-continuation-line",
          backslash,
          backslash + 1,
          "blankContinuationLine",
          { blank, next: blank + 1 },
        );
      },
    },
  );

  // Duplicates: the last definition wins, earlier ones are dead text.
  const lastIndexOfKey = new Map<string, number>();
  items.forEach((it, idx) => lastIndexOfKey.set(it.key, idx));
  items.forEach((it, idx) => {
    const last = lastIndexOfKey.get(it.key)!;
    if (last !== idx) {
      add(
        "warning",
        "duplicate-key",
        it.keyFrom,
        Math.max(it.keyTo, it.keyFrom + 1),
        "duplicateKey",
        { key: it.key, line: String(items[last]?.line) },
      );
    }
  });

  // "\ " at the end of a line is an escaped space, not a continuation: a classic slip after "\n\".
  for (let ln = 1; ln <= index.lineCount; ln++) {
    if (commentLines.has(ln)) continue;
    const { start, end } = index.lineBounds(ln);
    let j = end;
    while (j > start && isWs(text.charCodeAt(j - 1))) j--;
    if (j === end || j === start || text.charCodeAt(j - 1) !== BACKSLASH) continue;
    let run = 0;
    for (let q = j - 1; q >= start && text.charCodeAt(q) === BACKSLASH; q--) run++;
    if (run % 2 === 1) {
      add(
        "info",
        "escaped-space-at-line-end",
        j - 1,
        end,
        "escapedSpaceAtLineEnd",
      );
    }
  }

  diagnostics.sort((a, b) => a.from - b.from || severityRank(a.severity) - severityRank(b.severity));
  return {
    text,
    entries,
    keyLines,
    items,
    diagnostics,
    hasErrors: diagnostics.some((d) => d.severity === "error"),
    position: (offset) => index.position(offset),
  };
}

function isWs(c: number): boolean {
  return c === SP || c === TAB || c === FF;
}

function severityRank(s: DiagnosticSeverity): number {
  return s === "error" ? 0 : s === "warning" ? 1 : 2;
}

/** All problems of a Properties text (see analyzeProperties), for editor lint marks. */
export function diagnoseProperties(input: string | Uint8Array): PropertiesDiagnostic[] {
  return analyzeProperties(input).diagnostics;
}

// ---------------------------------------------------------------------------------------------
// Writing

export interface WritePropertiesOptions {
  /** Escape every character above U+007E as \uXXXX (Java's `store` style). Default false: UTF-8 as is. */
  asciiOnly?: boolean;
  /**
   * Write a value's line breaks as "\n\" + line break + indent, one source line per value line
   * (AEM's layout). Default true; false writes "\n" inline.
   */
  multiline?: boolean;
  /** Indent of continuation lines; white space only (it is dropped on read). Default four spaces. */
  continuationIndent?: string;
  /** Default "\n". */
  lineSeparator?: "\n" | "\r\n";
  /** Between key and value. Default "=". */
  separator?: "=" | " = " | ": ";
  /** Comment lines written first, each prefixed with "# ". */
  comments?: string | readonly string[];
  /** An empty line between entries. Default false. */
  blankLineBetweenEntries?: boolean;
}

export type PropertiesInput =
  | ReadonlyMap<string, string>
  | Iterable<readonly [string, string]>
  | Readonly<Record<string, string>>;

function hex4(c: number): string {
  return "\\u" + c.toString(16).toUpperCase().padStart(4, "0");
}

/**
 * Characters written as \uXXXX even in UTF-8 output: controls, invisible or line-breaking
 * characters that an editor would mangle or hide, and lone surrogates (not encodable in UTF-8).
 */
function needsUnicodeEscape(s: string, i: number, asciiOnly: boolean): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x20 || c === 0x7f) return true;
  if (c < 0x7f) return false;
  if (asciiOnly) return true;
  if (c <= 0x9f) return true; // C1 controls incl. U+0085 NEXT LINE
  if (c === 0x2028 || c === 0x2029 || c === 0xfeff) return true;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(i + 1);
    return !(d >= 0xdc00 && d <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const b = i > 0 ? s.charCodeAt(i - 1) : 0;
    return !(b >= 0xd800 && b <= 0xdbff);
  }
  return false;
}

function escapeCommon(s: string, i: number, asciiOnly: boolean): string | null {
  const c = s.charCodeAt(i);
  switch (c) {
    case BACKSLASH:
      return "\\\\";
    case TAB:
      return "\\t";
    case LF:
      return "\\n";
    case CR:
      return "\\r";
    case FF:
      return "\\f";
  }
  if (needsUnicodeEscape(s, i, asciiOnly)) {
    // A high surrogate escaped because the pair is incomplete: only this unit.
    return hex4(c);
  }
  return null;
}

/** Escapes a key so that it reads back unchanged (separators, white space, leading comment chars). */
export function escapePropertiesKey(key: string, options: { asciiOnly?: boolean } = {}): string {
  const asciiOnly = options.asciiOnly ?? false;
  let out = "";
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === SP) out += "\\ ";
    else if (c === EQUALS || c === COLON) out += "\\" + key[i];
    else if (i === 0 && (c === HASH || c === BANG)) out += "\\" + key[i];
    else {
      const e = escapeCommon(key, i, asciiOnly);
      out += e ?? key[i];
    }
  }
  return out;
}

/**
 * Escapes one piece of a value that starts a source line's content (after "key=" or a
 * continuation indent). A leading space would be skipped on read and is written as "\ "; a
 * trailing space at the very end of a line is written as "\ " too, so editors that strip
 * trailing white space cannot change the value.
 */
function escapeValuePiece(piece: string, asciiOnly: boolean, endsLine: boolean): string {
  let out = "";
  const last = piece.length - 1;
  for (let i = 0; i < piece.length; i++) {
    const c = piece.charCodeAt(i);
    if (c === SP && (i === 0 || (endsLine && i === last))) out += "\\ ";
    else {
      const e = escapeCommon(piece, i, asciiOnly);
      out += e ?? piece[i];
    }
  }
  return out;
}

/** Escapes a value for a single source line (line breaks as \n). */
export function escapePropertiesValue(value: string, options: { asciiOnly?: boolean } = {}): string {
  return escapeValuePiece(value, options.asciiOnly ?? false, true);
}

function toPairs(input: PropertiesInput): Iterable<readonly [string, string]> {
  if (input instanceof Map) return input.entries();
  if (typeof (input as Iterable<unknown>)[Symbol.iterator] === "function") {
    return input as Iterable<readonly [string, string]>;
  }
  const rec = input as Readonly<Record<string, string>>;
  return Object.entries(rec);
}

function commentLine(text: string, asciiOnly: boolean): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Comments are not unescaped on read; this only keeps the file free of control characters.
    out += c !== TAB && needsUnicodeEscape(text, i, asciiOnly) ? hex4(c) : text[i];
  }
  return out.length ? "# " + out : "#";
}

/**
 * Writes entries as Properties text that `parseProperties` (and Java) read back to the same map,
 * laid out like AEM's templates: a value with line breaks becomes one source line per value line.
 * Key order is preserved.
 */
export function writeProperties(input: PropertiesInput, options: WritePropertiesOptions = {}): string {
  const asciiOnly = options.asciiOnly ?? false;
  const multiline = options.multiline ?? true;
  const eol = options.lineSeparator ?? "\n";
  const indent = options.continuationIndent ?? "    ";
  if (!/^[ \t\f]*$/.test(indent)) throw new RangeError("continuationIndent must contain only spaces, tabs or form feeds");
  const sep = options.separator ?? "=";
  const lines: string[] = [];

  if (options.comments !== undefined) {
    const list = typeof options.comments === "string" ? [options.comments] : options.comments;
    for (const c of list) for (const l of c.split(/\r\n|\r|\n/)) lines.push(commentLine(l, asciiOnly));
  }

  let first = true;
  for (const [key, value] of toPairs(input)) {
    if (options.blankLineBetweenEntries && !first) lines.push("");
    first = false;
    let out = escapePropertiesKey(key, { asciiOnly }) + sep;
    if (!multiline || value.indexOf("\n") < 0) {
      out += escapeValuePiece(value, asciiOnly, true);
    } else {
      const pieces = value.split("\n");
      const lastPiece = pieces.pop() ?? ""; // split gives at least one piece
      pieces.forEach((piece, p) => {
        out += escapeValuePiece(piece, asciiOnly, false) + "\\n";
        // A final empty piece needs no continuation: the value simply ends with "\n".
        if (p < pieces.length - 1 || lastPiece !== "") out += "\\" + eol + indent;
      });
      if (lastPiece !== "") out += escapeValuePiece(lastPiece, asciiOnly, true);
    }
    lines.push(out);
  }
  return lines.length ? lines.join(eol) + eol : "";
}
