/**
 * Apache Felix's `.config` format (the format of Sling's and AEM's older OSGi configuration
 * files):
 *   # comment
 *   smtp.host="smtp.example.com"
 *   smtp.port=I"587"
 *   smtp.starttls=B"true"
 *   scopes=[ \
 *     "openid", \
 *     "offline_access", \
 *     ]
 * A value is an optional type letter (T string, I integer, L long, S short, X byte, F float,
 * D double, B boolean, C character; lower case for primitives) and a quoted string, a list
 * "[…]" or a vector "(…)" of quoted strings. Pure.
 */
import { lineAndColumn } from "./json-text";

export type FelixParseResult =
  | { ok: true; values: Record<string, unknown>; keyLines: Record<string, number> }
  | { ok: false; message: string; line: number; column: number };

class FelixError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

function convert(type: string, s: string, pos: number): string | number | boolean {
  const t = type.toUpperCase();
  switch (t) {
    case "T":
    case "C":
      return s;
    case "B": {
      const v = s.trim().toLowerCase();
      if (v === "true") return true;
      if (v === "false") return false;
      throw new FelixError(`"${s}" is not true or false (type B).`, pos);
    }
    case "I":
    case "L":
    case "S":
    case "X": {
      if (!/^[+-]?\d+$/.test(s.trim())) throw new FelixError(`"${s}" is not a whole number (type ${type}).`, pos);
      return Number(s.trim());
    }
    case "F":
    case "D": {
      // Felix writes floating point numbers as their raw IEEE bits (Float.floatToRawIntBits).
      if (/^[+-]?\d+$/.test(s.trim())) {
        const view = new DataView(new ArrayBuffer(8));
        if (t === "D") {
          view.setBigInt64(0, BigInt(s.trim()));
          return view.getFloat64(0);
        }
        view.setInt32(0, Number(s.trim()));
        return view.getFloat32(0);
      }
      const n = Number(s.trim());
      if (s.trim() === "" || !Number.isFinite(n)) throw new FelixError(`"${s}" is not a number (type ${type}).`, pos);
      return n;
    }
    default:
      throw new FelixError(`"${type}" is not a type letter (T, I, L, S, X, F, D, B or C).`, pos);
  }
}

export function parseFelixConfigText(text: string): FelixParseResult {
  let pos = 0;
  const values: Record<string, unknown> = {};
  const keyLines: Record<string, number> = {};

  // Blank space inside a line, including "\" line continuations.
  const skipInline = () => {
    for (;;) {
      const c = text[pos];
      if (c === " " || c === "\t") pos++;
      else if (c === "\\" && (text[pos + 1] === "\n" || (text[pos + 1] === "\r" && text[pos + 2] === "\n"))) {
        pos += text[pos + 1] === "\r" ? 3 : 2;
      } else return;
    }
  };
  const skipAll = () => {
    for (;;) {
      skipInline();
      const c = text[pos];
      if (c === "\n" || c === "\r") pos++;
      else return;
    }
  };

  const readQuoted = (): string => {
    const start = pos;
    pos++;
    let out = "";
    for (;;) {
      const c = text[pos];
      if (c === undefined || c === "\n" || c === "\r") throw new FelixError("A quoted value is not closed (missing \").", start);
      if (c === '"') {
        pos++;
        return out;
      }
      if (c === "\\") {
        const e = text[pos + 1];
        const map: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" };
        if (e === "u") {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new FelixError('Invalid "\\u" escape.', pos);
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 6;
          continue;
        }
        if (e === undefined) throw new FelixError("A quoted value ends with a lone backslash.", pos);
        out += map[e] ?? e;
        pos += 2;
        continue;
      }
      out += c;
      pos++;
    }
  };

  try {
    for (;;) {
      skipAll();
      if (pos >= text.length) break;
      if (text[pos] === "#") {
        while (pos < text.length && text[pos] !== "\n") pos++;
        continue;
      }
      const keyStart = pos;
      let key = "";
      while (pos < text.length && text[pos] !== "=" && text[pos] !== "\n" && text[pos] !== "\r") {
        if (text[pos] === "\\" && pos + 1 < text.length) {
          key += text[pos + 1];
          pos += 2;
          continue;
        }
        key += text[pos++];
      }
      key = key.trim();
      if (text[pos] !== "=") throw new FelixError(`Expected "=" after "${key}".`, pos);
      if (key === "") throw new FelixError("A line starts with \"=\": the key is missing.", keyStart);
      if (Object.prototype.hasOwnProperty.call(keyLines, key)) {
        throw new FelixError(`The key "${key}" appears twice (first on line ${keyLines[key]}).`, keyStart);
      }
      keyLines[key] = lineAndColumn(text, keyStart).line;
      pos++; // "="
      skipInline();
      let type = "T";
      const letter = text[pos];
      if (letter !== undefined && /[A-Za-z]/.test(letter)) {
        type = letter;
        if (!"TILSXFDBC".includes(type.toUpperCase())) {
          throw new FelixError(`"${type}" is not a type letter (T, I, L, S, X, F, D, B or C).`, pos);
        }
        pos++;
      }
      const c = text[pos];
      let value: unknown;
      if (c === '"') {
        const at = pos;
        value = convert(type, readQuoted(), at);
      } else if (c === "[" || c === "(") {
        const close = c === "[" ? "]" : ")";
        pos++;
        const list: unknown[] = [];
        for (;;) {
          skipAll();
          if (text[pos] === close) {
            pos++;
            break;
          }
          if (text[pos] !== '"') throw new FelixError(`Expected a quoted value or "${close}" in the list.`, pos);
          const at = pos;
          list.push(convert(type, readQuoted(), at));
          skipAll();
          if (text[pos] === ",") pos++;
          else if (text[pos] !== close) throw new FelixError(`Expected "," or "${close}" in the list.`, pos);
        }
        value = list;
      } else {
        throw new FelixError(`The value of "${key}" must be quoted, e.g. ${key}="value" or ${key}=I"25".`, pos);
      }
      skipInline();
      if (pos < text.length && text[pos] !== "\n" && text[pos] !== "\r") {
        throw new FelixError(`Unexpected text after the value of "${key}".`, pos);
      }
      Object.defineProperty(values, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return { ok: true, values, keyLines };
  } catch (e) {
    if (e instanceof FelixError) {
      const { line, column } = lineAndColumn(text, e.pos);
      return { ok: false, message: e.message, line, column };
    }
    throw e;
  }
}
