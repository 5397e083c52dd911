// Syntax highlighting of java.util.Properties templates for CodeMirror 6: a line-by-line stream
// tokenizer (incremental and viewport-lazy, so a 20 KB template costs nothing per keystroke) that
// follows the same rules as lib/templates/properties.ts — comments only at the start of a logical
// line, a trailing odd backslash continues the line, the continuation's leading white space is
// dropped, key/value separated by `=`, `:` or white space, escapes `\n \t \uXXXX …`, and
// `${variable}` placeholders inside values.
import { HighlightStyle, StreamLanguage, StringStream, type StreamParser } from "@codemirror/language";
import { Tag, tags as t } from "@lezer/highlight";

export type Phase = "start" | "key" | "separator" | "value";

export interface PropertiesState {
  phase: Phase;
  /** The previous natural line ended in an odd number of backslashes. */
  continued: boolean;
}

/** A trailing backslash that continues the logical line onto the next one. */
export const continuationTag = Tag.define(t.escape);
/** `${name}` in a value. */
export const placeholderTag = Tag.define(t.variableName);
/** `\uXXXX` with fewer than four hex digits: Java refuses the whole file. */
export const badEscapeTag = Tag.define(t.invalid);
/** White space dropped at the start of a continuation line (AEM's indent). */
export const indentTag = Tag.define(t.meta);

const SEPARATOR_OR_SPACE = /[=: \t\f]/;
const PLACEHOLDER = /^\$\{[^\s{}$]+\}/;

/** Reads one escape (the stream is at a backslash). */
function escape(stream: StringStream, state: PropertiesState): string {
  stream.next();
  if (stream.eol()) {
    state.continued = true;
    return "continuation";
  }
  const c = stream.next();
  if (c === "u") {
    if (stream.match(/^[0-9a-fA-F]{4}/)) return "escape";
    stream.match(/^[0-9a-fA-F]{0,3}/);
    return "badEscape";
  }
  return "escape";
}

function token(stream: StringStream, state: PropertiesState): string | null {
  if (stream.sol()) {
    if (state.continued) {
      state.continued = false;
      // The continuation's leading white space is not part of the value.
      if (stream.eatWhile(/[ \t\f]/)) return stream.eol() ? ((state.phase = "start"), "indent") : "indent";
      if (stream.eol()) state.phase = "start";
    } else state.phase = "start";
  }
  return tokenInPhase(stream, state);
}

function tokenInPhase(stream: StringStream, state: PropertiesState): string | null {
  switch (state.phase) {
    case "start": {
      if (stream.eatWhile(/[ \t\f]/)) return null;
      const c = stream.peek();
      if (c === "#" || c === "!") {
        stream.skipToEnd();
        return "comment";
      }
      state.phase = "key";
      return tokenInPhase(stream, state);
    }
    case "key": {
      if (stream.peek() === "\\") return escape(stream, state) === "continuation" ? "continuation" : "keyEscape";
      if (stream.eatWhile((ch) => ch !== "\\" && !SEPARATOR_OR_SPACE.test(ch))) return "key";
      state.phase = "separator";
      return tokenInPhase(stream, state);
    }
    case "separator": {
      stream.eatWhile(/[ \t\f]/);
      const c = stream.peek();
      state.phase = "value";
      if (c === "=" || c === ":") {
        stream.next();
        stream.eatWhile(/[ \t\f]/);
        return "separator";
      }
      if (stream.current().length > 0) return null;
      return tokenInPhase(stream, state);
    }
    case "value": {
      const c = stream.peek();
      if (c === "\\") {
        const kind = escape(stream, state);
        return kind === "continuation" ? "continuation" : kind === "badEscape" ? "badEscape" : "escape";
      }
      if (c === "$" && stream.match(PLACEHOLDER)) return "placeholder";
      stream.next();
      stream.eatWhile((ch) => ch !== "\\" && ch !== "$");
      return "value";
    }
  }
}

export const propertiesParser: StreamParser<PropertiesState> = {
  name: "properties",
  startState: () => ({ phase: "start", continued: false }),
  copyState: (s) => ({ ...s }),
  blankLine(state) {
    // A blank line after a continuation ends the logical line (Java reads it as the end).
    state.continued = false;
    state.phase = "start";
  },
  token,
  tokenTable: {
    key: t.propertyName,
    keyEscape: [t.propertyName, t.escape],
    separator: t.definitionOperator,
    comment: t.lineComment,
    escape: t.escape,
    continuation: continuationTag,
    badEscape: badEscapeTag,
    placeholder: placeholderTag,
    indent: indentTag,
    value: t.string,
  },
};

export const propertiesLanguage = StreamLanguage.define(propertiesParser);

export interface Token {
  text: string;
  type: string | null;
}

/**
 * Tokenizes a whole text line by line as CodeMirror would (for tests and the docs): one array of
 * tokens per line.
 */
export function tokenizeProperties(text: string): Token[][] {
  const state = propertiesParser.startState!(2);
  const out: Token[][] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const tokens: Token[] = [];
    if (line === "") propertiesParser.blankLine!(state, 2);
    else {
      const stream = new StringStream(line, 4, 2);
      while (!stream.eol()) {
        stream.start = stream.pos;
        const type = propertiesParser.token(stream, state);
        if (stream.pos === stream.start) throw new Error(`tokenizer made no progress at ${stream.pos} in ${JSON.stringify(line)}`);
        const prev = tokens[tokens.length - 1];
        const piece = line.slice(stream.start, stream.pos);
        if (prev && prev.type === type) prev.text += piece;
        else tokens.push({ text: piece, type });
      }
    }
    out.push(tokens);
  }
  return out;
}

/** Colours for light and dark backgrounds (the console follows prefers-color-scheme). */
export function propertiesHighlightStyle(dark: boolean): HighlightStyle {
  const c = dark
    ? { key: "#93c5fd", sep: "#94a3b8", comment: "#94a3b8", escape: "#f0abfc", cont: "#fbbf24", bad: "#fca5a5", ph: "#5eead4", phBg: "rgba(45, 212, 191, 0.14)", value: "#e2e8f0", indent: "rgba(148, 163, 184, 0.35)" }
    : { key: "#1f58c0", sep: "#475569", comment: "#475569", escape: "#a21caf", cont: "#b45309", bad: "#b91c1c", ph: "#0f766e", phBg: "rgba(20, 184, 166, 0.12)", value: "#0f172a", indent: "rgba(100, 116, 139, 0.25)" };
  return HighlightStyle.define(
    [
      { tag: t.propertyName, color: c.key, fontWeight: "600" },
      { tag: t.definitionOperator, color: c.sep },
      { tag: t.lineComment, color: c.comment, fontStyle: "italic" },
      { tag: t.escape, color: c.escape },
      { tag: continuationTag, color: c.cont, fontWeight: "700" },
      { tag: badEscapeTag, color: c.bad, textDecoration: "underline wavy", fontWeight: "600" },
      { tag: placeholderTag, color: c.ph, backgroundColor: c.phBg, borderRadius: "3px" },
      { tag: indentTag, backgroundColor: c.indent },
      { tag: t.string, color: c.value },
    ],
    { themeType: dark ? "dark" : "light" },
  );
}
