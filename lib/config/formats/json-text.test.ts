import { describe, expect, it } from "vitest";
import { parseJsonText } from "./json-text";

describe("parseJsonText", () => {
  it("parses what JSON.parse parses", () => {
    const samples = ['{"a":1,"b":[true,false,null],"c":{"d":"e\\n\\u00e9"}}', "[]", '"x"', "-1.5e3", "0", '{"":""}'];
    for (const s of samples) {
      const r = parseJsonText(s);
      expect(r.ok, s).toBe(true);
      if (r.ok) expect(r.value).toEqual(JSON.parse(s));
    }
  });

  it("reports top-level key lines", () => {
    const r = parseJsonText('{\n  "a": 1,\n\n  "b": {"c": 2}\n}');
    expect(r.ok && r.keyLines).toEqual({ a: 2, b: 4 });
  });

  it("says where it failed, by line and column", () => {
    expect(parseJsonText('{\n  "a": 1,\n  "b": }')).toEqual({
      ok: false,
      message: 'Expected a value but found "}".',
      line: 3,
      column: 8,
    });
    expect(parseJsonText('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({ ok: false, message: "A comma is missing before this key.", line: 3, column: 3 });
  });

  it("explains common mistakes", () => {
    expect(parseJsonText('{"a": 1,}')).toMatchObject({ ok: false, message: expect.stringMatching(/trailing commas/) });
    expect(parseJsonText("[1,]")).toMatchObject({ ok: false, message: expect.stringMatching(/trailing commas/) });
    expect(parseJsonText("{'a': 1}")).toMatchObject({ ok: false, message: expect.stringMatching(/key in double quotes/) });
    expect(parseJsonText('{"a": \'x\'}')).toMatchObject({ ok: false, message: expect.stringMatching(/double quotes, not single/) });
    expect(parseJsonText('{"a": "x')).toMatchObject({ ok: false, message: expect.stringMatching(/not closed/) });
    expect(parseJsonText('{"a": "x\ny"}')).toMatchObject({ ok: false, line: 1, message: expect.stringMatching(/before the end of the line/) });
    expect(parseJsonText('{"a": 1} x')).toMatchObject({ ok: false, message: expect.stringMatching(/after the end of the JSON value/) });
    expect(parseJsonText("")).toMatchObject({ ok: false, message: "Expected a value but found the end of the file." });
    expect(parseJsonText('{"a": 01}')).toMatchObject({ ok: false, message: 'Expected "," or "}" but found "1".' });
    expect(parseJsonText('{"a" 1}')).toMatchObject({ ok: false, message: 'Expected ":" after the key but found "1".' });
    expect(parseJsonText('{"a": "\\x"}')).toMatchObject({ ok: false, message: expect.stringMatching(/Invalid escape/) });
  });

  it("refuses duplicate keys (JSON.parse keeps the last silently)", () => {
    expect(parseJsonText('{\n"a": 1,\n"a": 2}')).toMatchObject({
      ok: false,
      message: 'The key "a" appears twice (first on line 2).',
      line: 3,
    });
  });

  it("accepts comments only when asked", () => {
    const text = '// header\n{\n  /* block */ "a": 1 // tail\n}';
    expect(parseJsonText(text).ok).toBe(false);
    const r = parseJsonText(text, { comments: true });
    expect(r.ok && r.value).toEqual({ a: 1 });
    expect(parseJsonText("/* open", { comments: true })).toMatchObject({ ok: false, message: expect.stringMatching(/comment is not closed/) });
  });

  it("keeps __proto__ as a plain key", () => {
    const r = parseJsonText('{"__proto__": {"x": 1}}');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(Object.keys(r.value as object)).toEqual(["__proto__"]);
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    }
  });

  it("refuses absurd nesting", () => {
    expect(parseJsonText("[".repeat(100) + "]".repeat(100))).toMatchObject({ ok: false, message: expect.stringMatching(/nested too deeply/) });
  });
});
