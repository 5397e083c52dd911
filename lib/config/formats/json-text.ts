/**
 * A small strict JSON reader that says where it failed (line and column) and refuses duplicate
 * keys — JSON.parse does neither (it keeps the last duplicate silently, and its error messages
 * differ between Node versions). `//` and `/* *\/` comments are accepted on request, as Sling's
 * .cfg.json reader accepts them. Pure.
 */

export type JsonParseResult =
  | { ok: true; value: unknown; keyLines: Record<string, number> }
  | { ok: false; message: string; line: number; column: number };

class JsonError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 64;

export function lineAndColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: pos - lineStart + 1 };
}

function describe(c: string | undefined): string {
  if (c === undefined) return "the end of the file";
  if (c === "\n" || c === "\r") return "a line break";
  if (c === '"') return "'\"'";
  return `"${c}"`;
}

/**
 * Parses JSON text. `keyLines` gives the line of each key of the top-level object (for messages
 * about a particular setting).
 */
export function parseJsonText(text: string, opts: { comments?: boolean } = {}): JsonParseResult {
  let pos = 0;
  const keyLines: Record<string, number> = {};

  const skip = () => {
    for (;;) {
      const c = text[pos];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") {
        pos++;
      } else if (opts.comments && c === "/" && text[pos + 1] === "/") {
        while (pos < text.length && text[pos] !== "\n") pos++;
      } else if (opts.comments && c === "/" && text[pos + 1] === "*") {
        const end = text.indexOf("*/", pos + 2);
        if (end < 0) throw new JsonError("A /* comment is not closed.", pos);
        pos = end + 2;
      } else {
        return;
      }
    }
  };

  const expected = (what: string): never => {
    throw new JsonError(`Expected ${what} but found ${describe(text[pos])}.`, pos);
  };

  const parseString = (): string => {
    const start = pos;
    pos++; // opening quote
    let out = "";
    for (;;) {
      const c = text[pos];
      if (c === undefined) throw new JsonError("A string is not closed (missing \").", start);
      if (c === '"') {
        pos++;
        return out;
      }
      if (c === "\\") {
        const e = text[pos + 1];
        const map: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e !== undefined && e in map) {
          out += map[e];
          pos += 2;
          continue;
        }
        if (e === "u") {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new JsonError("Invalid \\u escape in a string.", pos);
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 6;
          continue;
        }
        throw new JsonError(`Invalid escape "\\${e ?? ""}" in a string.`, pos);
      }
      if (c < " ") {
        throw new JsonError(
          c === "\n" || c === "\r" ? "A string is not closed before the end of the line." : "A string contains a control character; escape it.",
          pos,
        );
      }
      out += c;
      pos++;
    }
  };

  const parseNumber = (): number => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(pos, pos + 400));
    if (!m || m[0] === "" || m[0] === "-") return expected("a value");
    pos += m[0].length;
    return Number(m[0]);
  };

  const parseValue = (depth: number, topLevel: boolean): unknown => {
    if (depth > MAX_DEPTH) throw new JsonError("The JSON is nested too deeply.", pos);
    skip();
    const c = text[pos];
    if (c === "{") {
      pos++;
      const obj: Record<string, unknown> = {};
      const seenAt: Record<string, number> = {};
      skip();
      if (text[pos] === "}") {
        pos++;
        return obj;
      }
      for (;;) {
        skip();
        if (text[pos] !== '"') {
          if (text[pos] === "}") throw new JsonError("A comma is followed by \"}\" (trailing commas are not allowed in JSON).", pos);
          expected('a key in double quotes');
        }
        const keyPos = pos;
        const key = parseString();
        const keyLine = lineAndColumn(text, keyPos).line;
        if (Object.prototype.hasOwnProperty.call(seenAt, key)) {
          throw new JsonError(`The key "${key}" appears twice (first on line ${seenAt[key]}).`, keyPos);
        }
        seenAt[key] = keyLine;
        if (topLevel) keyLines[key] = keyLine;
        skip();
        if (text[pos] !== ":") expected('":" after the key');
        pos++;
        const value = parseValue(depth + 1, false);
        Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
        skip();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "}") {
          pos++;
          return obj;
        }
        if (text[pos] === '"') throw new JsonError('A comma is missing before this key.', pos);
        expected('"," or "}"');
      }
    }
    if (c === "[") {
      pos++;
      const arr: unknown[] = [];
      skip();
      if (text[pos] === "]") {
        pos++;
        return arr;
      }
      for (;;) {
        skip();
        if (text[pos] === "]") throw new JsonError("A comma is followed by \"]\" (trailing commas are not allowed in JSON).", pos);
        arr.push(parseValue(depth + 1, false));
        skip();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "]") {
          pos++;
          return arr;
        }
        expected('"," or "]"');
      }
    }
    if (c === '"') return parseString();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return parseNumber();
    for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return value;
      }
    }
    if (c === "'") throw new JsonError("Strings in JSON need double quotes, not single quotes.", pos);
    return expected("a value");
  };

  try {
    const value = parseValue(0, true);
    skip();
    if (pos < text.length) throw new JsonError(`Unexpected ${describe(text[pos])} after the end of the JSON value.`, pos);
    return { ok: true, value, keyLines };
  } catch (e) {
    if (e instanceof JsonError) {
      const { line, column } = lineAndColumn(text, e.pos);
      return { ok: false, message: e.message, line, column };
    }
    throw e;
  }
}
