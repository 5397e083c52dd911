import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import {
  analyzeProperties,
  diagnoseProperties,
  escapePropertiesKey,
  escapePropertiesValue,
  LineIndex,
  parseProperties,
  writeProperties,
  type WritePropertiesOptions,
} from "./properties";
import { trickyMap, trickyString } from "./testing";

const VECTORS = path.join(path.dirname(fileURLToPath(import.meta.url)), "__vectors__");

interface Expected {
  ok: boolean;
  entries?: [string, string][];
  exception?: string;
}

interface Manifest {
  reader: { name: string; description: string; error?: { line: number; column: number } }[];
  writer: { name: string; options: WritePropertiesOptions; entries: [string, string][] }[];
}

const manifest = JSON.parse(fs.readFileSync(path.join(VECTORS, "manifest.json"), "utf8")) as Manifest;

function inputs(sub: string): string[] {
  return fs
    .readdirSync(path.join(VECTORS, sub))
    .filter((f) => f.endsWith(".properties"))
    .map((f) => f.slice(0, -".properties".length))
    .sort();
}

function load(sub: string, name: string): { bytes: Uint8Array; expected: Expected } {
  const bytes = new Uint8Array(fs.readFileSync(path.join(VECTORS, sub, `${name}.properties`)));
  const expected = JSON.parse(fs.readFileSync(path.join(VECTORS, sub, `${name}.expected.json`), "utf8")) as Expected;
  return { bytes, expected };
}

/** Entries sorted as Java sorted them (String.compareTo = UTF-16 code unit order). */
function sorted(entries: Iterable<[string, string]>): [string, string][] {
  return [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function expectMatchesJava(bytes: Uint8Array, expected: Expected) {
  const r = parseProperties(bytes);
  if (expected.ok) {
    if (!r.ok) throw new Error(`Java read the file, Herald failed: ${r.error.message}`);
    expect(sorted(r.entries)).toEqual(expected.entries);
  } else {
    expect(expected.exception).toBe("java.lang.IllegalArgumentException");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("malformed-unicode-escape");
  }
  return r;
}

describe("parseProperties against java.util.Properties (recorded vectors)", () => {
  it("has an expected output for every input, and the manifest lists every reader input", () => {
    for (const sub of ["reader", "fuzz", "writer"]) {
      const names = inputs(sub);
      expect(names.length).toBeGreaterThan(0);
      for (const n of names) expect(fs.existsSync(path.join(VECTORS, sub, `${n}.expected.json`)), `${sub}/${n}`).toBe(true);
    }
    expect(manifest.reader.map((c) => c.name).sort()).toEqual(inputs("reader"));
    expect(manifest.writer.map((c) => c.name).sort()).toEqual(inputs("writer"));
    expect(inputs("reader").length).toBeGreaterThanOrEqual(50);
    expect(inputs("fuzz").length).toBeGreaterThanOrEqual(100);
  });

  describe("hard cases and AEM's templates", () => {
    for (const c of manifest.reader) {
      it(`${c.name}: ${c.description}`, () => {
        const { bytes, expected } = load("reader", c.name);
        const r = expectMatchesJava(bytes, expected);
        if (c.error) {
          if (r.ok) throw new Error("expected an error");
          expect({ line: r.error.line, column: r.error.column }).toEqual(c.error);
          expect(r.error.message).toContain(`Line ${c.error.line}`);
        } else {
          expect(expected.ok).toBe(true);
        }
        // Text input reads the same as bytes.
        expect(parseProperties(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes))).toEqual(r);
      });
    }
  });

  it("reads the 120 random fuzz files exactly as Java did", () => {
    let errors = 0;
    for (const name of inputs("fuzz")) {
      const { bytes, expected } = load("fuzz", name);
      try {
        expectMatchesJava(bytes, expected);
      } catch (e) {
        throw new Error(`fuzz/${name}: ${(e as Error).message}`);
      }
      if (!expected.ok) errors++;
    }
    // The set exercises both outcomes.
    expect(errors).toBeGreaterThan(0);
  });

  it("reads AEM's default page template with the leading spaces AEM's mails show", () => {
    const r = parseProperties(load("reader", "aem-page-en").bytes);
    if (!r.ok) throw new Error(r.error.message);
    const dashes = "-".repeat(85);
    expect(r.entries.get("subject")).toBe("[CQ Page Event Notification]: Page Event");
    expect(r.entries.get("header")).toBe(`${dashes}\n Time: \${time}\n User: \${userFullName} (\${userId})\n ${dashes}\n\n`);
    expect(r.entries.get("message")).toBe("The following pages were affected by the event: \n \n ${modifications} \n \n\n");
    expect(r.entries.get("footer")).toBe(`\n ${dashes}\n This is an automatically generated message. Please do not reply.`);
    expect([...r.keyLines]).toEqual([
      ["subject", 1],
      ["header", 3],
      ["message", 8],
      ["footer", 12],
    ]);
  });
});

describe("writeProperties output read by Java (recorded vectors)", () => {
  for (const c of manifest.writer) {
    it(c.name, () => {
      const { bytes, expected } = load("writer", c.name);
      // Java read back exactly the map Herald wrote…
      expect(expected.ok).toBe(true);
      expect(expected.entries).toEqual(sorted(c.entries));
      // …and so does Herald's reader…
      expectMatchesJava(bytes, expected);
      // …and the writer still produces these very bytes (re-run tools/java-vectors if it changes).
      expect(writeProperties(new Map(c.entries), c.options)).toBe(new TextDecoder().decode(bytes));
    });
  }
});

describe("parseProperties", () => {
  it("keeps the order of first appearance while the last duplicate wins", () => {
    const r = parseProperties("b=1\na=2\nb=3\n");
    expect(r.ok && [...r.entries]).toEqual([
      ["b", "3"],
      ["a", "2"],
    ]);
    expect(r.ok && r.keyLines.get("b")).toBe(3);
  });

  it("reports the line where a key's logical line starts, counting CR, LF and CRLF", () => {
    const r = parseProperties("# c\r\na=1\\\r\n  2\rb=2\n\n  c = 3\\\n\\\n  d\n");
    if (!r.ok) throw new Error(r.error.message);
    expect([...r.entries]).toEqual([
      ["a", "12"],
      ["b", "2"],
      ["c", "3d"],
    ]);
    expect([...r.keyLines]).toEqual([
      ["a", 2],
      ["b", 4],
      ["c", 6],
    ]);
  });

  it("names line and column of a malformed \\u escape and explains it", () => {
    const r = parseProperties("subject=Hi\nheader=a\\\n   b \\u00G1 c\n");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: "malformed-unicode-escape", line: 3, column: 6 });
    expect(r.error.message).toContain("\\u00G");
    expect(r.error.message).toMatch(/four hexadecimal digits/);
  });

  it("rejects invalid UTF-8 with the line and column of the bad bytes", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const cases: { bytes: Uint8Array; line: number; column: number; shows: string }[] = [
      { bytes: new Uint8Array([...enc("a=1\nb=2\nc=é"), 0x80, ...enc("\n")]), line: 3, column: 4, shows: "0x80" },
      { bytes: new Uint8Array([...enc("a=1\r\nb="), 0xc3, 0x28]), line: 2, column: 3, shows: "0xC3 0x28" },
      { bytes: new Uint8Array([...enc("k=日本"), 0xc0, 0x80]), line: 1, column: 5, shows: "0xC0" }, // overlong NUL
      { bytes: new Uint8Array([...enc("k=\r"), 0xed, 0xa0, 0x80]), line: 2, column: 1, shows: "0xED 0xA0" }, // a surrogate
      { bytes: new Uint8Array([...enc("k=v\rw="), 0xe6, 0x97]), line: 2, column: 3, shows: "truncated" },
      { bytes: new Uint8Array([...enc("k="), 0xf5, 0x80, 0x80, 0x80]), line: 1, column: 3, shows: "0xF5" },
    ];
    for (const c of cases) {
      const r = parseProperties(c.bytes);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error).toMatchObject({ code: "invalid-utf8", line: c.line, column: c.column });
      expect(r.error.message).toContain(c.shows);
    }
  });

  it("keeps a byte order mark as part of the first key, as Java's UTF-8 reader does", () => {
    const r = parseProperties(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("subject=x\n")]));
    expect(r.ok && [...r.entries.keys()]).toEqual(["\ufeffsubject"]);
  });

  it("decodes escapes once: \\u005c yields a backslash that is not an escape", () => {
    const r = parseProperties("a=\\u005cn\\u005cu0041\n");
    expect(r.ok && r.entries.get("a")).toBe("\\n\\u0041");
  });

  // The one-pass reader hands these lines to Java's step-by-step port; outputs recorded with Java 17.0.15.
  it.each([
    ["a separator on the continued line", "key \\\n= value\n", [["key", "value"]]],
    ["a \\u escape in a key, cut by a continuation", "\\u12\\\n  34=x\n", [["\u1234", "x"]]],
    ["a \\u escape in a value, cut by a continuation", "a=\\u12\\\n  34\n", [["a", "\u1234"]]],
    ["a lone backslash line continued into a comment", "\\\n#c\nb=1", [["b", "1"]]],
    ["a lone backslash line continued into a comment at the end", "\\\n#c", []],
    ["a continuation onto a blank CRLF line, a backslash at the end", "k=v\\\r\n\r\nx:y\\", [["k", "v"], ["x", "y"]]],
  ])("reads %s as Java does", (_name, text, expected) => {
    const r = parseProperties(text);
    expect(r.ok && [...r.entries]).toEqual(expected);
  });

  it("counts the lines of a continued line once when it is handed over midway", () => {
    const r = parseProperties("a=x\\\n\\u12\\\r\n 34\nb=1\n");
    expect(r.ok && [...r.keyLines]).toEqual([
      ["a", 1],
      ["b", 4],
    ]);
  });

  it("property: the one-pass reader agrees with the step-by-step reader, line numbers included", () => {
    // Fragments that push lines off the one-pass path: escapes in keys, \u escapes cut by a
    // continuation, continuations before the separator, lone backslash lines before comments.
    const fragment = fc.constantFrom(
      "k", "=", ":", " ", "\t", "\\", "\n", "\r", "\r\n", "#", "!", "\\u0041", "\\u12\\\n  34", "\\\n", "\\\r\n",
      "\\\r", "\\\\", "\\n", "\\ ", "=v", "é", "\nk=a\\\n\\u12\\\r\n  34\n",
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        const p = parseProperties(text);
        const a = analyzeProperties(text);
        expect(p.ok).toBe(true);
        if (!p.ok) return;
        expect([...p.entries]).toEqual([...a.entries]);
        expect([...p.keyLines]).toEqual([...a.keyLines]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("analyzeProperties / diagnoseProperties", () => {
  it("reports every malformed escape, not only the first, and keeps their text", () => {
    const a = analyzeProperties("a=\\uZZZZ\nb=ok\nc\\u12=\\u1\n");
    const bad = a.diagnostics.filter((d) => d.code === "malformed-unicode-escape");
    expect(bad.map((d) => [d.line, d.column])).toEqual([
      [1, 3],
      [3, 2],
      [3, 7],
    ]);
    expect(a.hasErrors).toBe(true);
    expect(a.entries.get("a")).toBe("\\uZZZZ");
    expect(a.entries.get("c\\u12")).toBe("\\u1");
    expect(a.entries.get("b")).toBe("ok");
  });

  it("flags the surprises of the format with their position", () => {
    const text = [
      "# a comment that ends in a backslash \\", // 1
      "a=one\\", // 2
      "", // 3
      "b=two\\", // 4
      "# still the value of b", // 5
      "a=again", // 6
      "c=oops\\n\\ ", // 7
      "d=x",
    ].join("\n");
    const ds = diagnoseProperties(text);
    const brief = ds.map((d) => [d.code, d.severity, d.line, d.column]);
    expect(brief).toEqual([
      ["comment-ends-with-backslash", "info", 1, 38],
      ["duplicate-key", "warning", 2, 1],
      ["blank-continuation-line", "warning", 2, 6],
      ["continuation-starts-with-comment-char", "info", 5, 1],
      ["escaped-space-at-line-end", "info", 7, 9],
    ]);
    expect(ds.find((d) => d.code === "blank-continuation-line")!.message).toContain("line 3");
    expect(ds.find((d) => d.code === "duplicate-key")!.message).toContain("line 6");
  });

  it("reports a byte order mark and every run of invalid UTF-8", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("a=x"), 0xff, 0x0a, 0x62, 0x3d, 0xc3]);
    const ds = diagnoseProperties(bytes);
    expect(ds.map((d) => [d.code, d.line, d.column])).toEqual([
      ["byte-order-mark", 1, 1],
      ["invalid-utf8", 1, 5],
      ["invalid-utf8", 2, 3],
    ]);
  });

  it("maps every value character back to its place in the source", () => {
    const text = "k=a\\tb\\\n    c\\u0041d\\\r\n\te\\\\f\n";
    const a = analyzeProperties(text);
    const it0 = a.items[0];
    expect(it0!.value).toBe("a\tbcAde\\f");
    // Characters that are not escapes sit at their offset; escapes map to their backslash.
    expect(it0!.valueOffsets.map((o) => text[o])).toEqual(["a", "\\", "b", "c", "\\", "d", "e", "\\", "f", "\n"]);
    expect(a.position(it0!.valueOffsets[5]!)).toEqual({ line: 2, column: 12 }); // the d after \u0041
    expect([it0!.line, it0!.endLine]).toEqual([1, 3]);
  });

  it("agrees with parseProperties on every vector file", () => {
    for (const sub of ["reader", "fuzz", "writer"]) {
      for (const name of inputs(sub)) {
        const { bytes } = load(sub, name);
        const p = parseProperties(bytes);
        const a = analyzeProperties(bytes);
        if (p.ok) {
          expect([...a.entries], `${sub}/${name}`).toEqual([...p.entries]);
          expect([...a.keyLines], `${sub}/${name}`).toEqual([...p.keyLines]);
          expect(a.hasErrors).toBe(false);
        } else {
          const first = a.diagnostics.find((d) => d.severity === "error");
          expect(first && [first.line, first.column], `${sub}/${name}`).toEqual([p.error.line, p.error.column]);
        }
      }
    }
  });

  it("property: analyze and parse agree, and value offsets point at the source", () => {
    const fragment = fc.constantFrom(
      "a", "k", "=", ":", " ", "\t", "\f", "\\", "\n", "\r", "\r\n", "#", "!", "\\u0041", "\\u00", "\\n", "é", "😀", "${x}",
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 50 }), (parts) => {
        const text = parts.join("");
        const p = parseProperties(text);
        const a = analyzeProperties(text);
        if (p.ok) {
          expect([...a.entries]).toEqual([...p.entries]);
          expect([...a.keyLines]).toEqual([...p.keyLines]);
        } else {
          expect(a.diagnostics.some((d) => d.severity === "error" && d.line === p.error.line)).toBe(true);
        }
        for (const item of a.items) {
          expect(item.valueOffsets.length).toBe(item.value.length + 1);
          for (let i = 0; i < item.value.length; i++) {
            const src = text[item.valueOffsets[i]!];
            if (src !== "\\") expect(src).toBe(item.value[i]);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("LineIndex counts CR, LF and CRLF as one line end each", () => {
    const idx = new LineIndex("a\r\nb\rc\n\nd");
    expect(idx.lineCount).toBe(5);
    expect(idx.position(0)).toEqual({ line: 1, column: 1 });
    expect(idx.position(3)).toEqual({ line: 2, column: 1 });
    expect(idx.position(5)).toEqual({ line: 3, column: 1 });
    expect(idx.position(8)).toEqual({ line: 5, column: 1 });
    expect(idx.lineBounds(1)).toEqual({ start: 0, end: 1 });
  });
});

describe("writeProperties", () => {
  it("writes one source line per value line, like AEM's templates", () => {
    const text = writeProperties(
      new Map([
        ["subject", "Hello ${user}"],
        ["message", "Line one\nLine two\n\nLast\n"],
      ]),
    );
    expect(text).toBe("subject=Hello ${user}\nmessage=Line one\\n\\\n    Line two\\n\\\n    \\n\\\n    Last\\n\n");
  });

  it("escapes the leading space of a value line, which the continuation would otherwise drop", () => {
    const map = new Map([["header", "---\n Time: ${time}\n   User\n"]]);
    const text = writeProperties(map, { continuationIndent: "" });
    expect(text).toBe("header=---\\n\\\n\\ Time: ${time}\\n\\\n\\   User\\n\n");
    const back = parseProperties(text);
    expect(back.ok && back.entries).toEqual(map);
  });

  it("escapes keys: separators, white space, leading comment characters, backslashes", () => {
    expect(escapePropertiesKey("a=b:c d\te#!\\")).toBe("a\\=b\\:c\\ d\\te#!\\\\");
    expect(escapePropertiesKey("#x")).toBe("\\#x");
    expect(escapePropertiesKey("!x")).toBe("\\!x");
    expect(escapePropertiesKey("")).toBe("");
  });

  it("escapes values minimally: leading and line-final spaces, controls, invisible characters", () => {
    expect(escapePropertiesValue(" a=b: #c! ")).toBe("\\ a=b: #c!\\ ");
    expect(escapePropertiesValue("tab\tcr\rlf\nff\f")).toBe("tab\\tcr\\rlf\\nff\\f");
    expect(escapePropertiesValue("\u0000\u0085\u2028\ufeff")).toBe("\\u0000\\u0085\\u2028\\uFEFF");
    expect(escapePropertiesValue("日本 😀")).toBe("日本 😀");
    expect(escapePropertiesValue("日本 😀", { asciiOnly: true })).toBe("\\u65E5\\u672C \\uD83D\\uDE00");
    expect(escapePropertiesValue("lone \ud800 \udc00")).toBe("lone \\uD800 \\uDC00");
  });

  it("supports comments, CRLF, separators, blank lines and plain-object or iterable input", () => {
    const text = writeProperties(
      { a: "1", b: "2" },
      { comments: ["first\nsecond", ""], lineSeparator: "\r\n", separator: " = ", blankLineBetweenEntries: true },
    );
    expect(text).toBe("# first\r\n# second\r\n#\r\na = 1\r\n\r\nb = 2\r\n");
    expect(writeProperties([["x", "y"]] as const)).toBe("x=y\n");
    expect(writeProperties(new Map())).toBe("");
  });

  it("refuses a continuation indent that is not white space", () => {
    expect(() => writeProperties({ a: "b" }, { continuationIndent: "  x" })).toThrow(RangeError);
  });

  const optionsArb: fc.Arbitrary<WritePropertiesOptions> = fc.record(
    {
      asciiOnly: fc.boolean(),
      multiline: fc.boolean(),
      continuationIndent: fc.constantFrom("", " ", "    ", "\t", " \f\t"),
      lineSeparator: fc.constantFrom("\n" as const, "\r\n" as const),
      separator: fc.constantFrom("=" as const, " = " as const, ": " as const),
      comments: fc.array(trickyString(20), { maxLength: 3 }),
      blankLineBetweenEntries: fc.boolean(),
    },
    { requiredKeys: [] },
  );

  it("property: parse(write(map)) equals map, in key order, with default options", () => {
    fc.assert(
      fc.property(trickyMap(10), (map) => {
        const r = parseProperties(writeProperties(map));
        if (!r.ok) throw new Error(r.error.message);
        expect([...r.entries]).toEqual([...map]);
      }),
      { numRuns: 1000 },
    );
  });

  it("property: round trip through UTF-8 bytes with any writer options", () => {
    fc.assert(
      fc.property(trickyMap(8), optionsArb, (map, options) => {
        const text = writeProperties(map, options);
        const r = parseProperties(new TextEncoder().encode(text));
        if (!r.ok) throw new Error(r.error.message);
        expect([...r.entries]).toEqual([...map]);
        // ASCII only: printable ASCII plus the line ends and indent white space the writer itself uses.
        if (options.asciiOnly) expect(/^[\t\n\r\f\x20-\x7e]*$/.test(text)).toBe(true);
        // Well-formed UTF-16 always: lone surrogates are escaped, never written raw.
        expect(text.isWellFormed()).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("property: writes no diagnostics above info level and no raw control characters", () => {
    fc.assert(
      fc.property(trickyMap(6), (map) => {
        const text = writeProperties(map);
        expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)).toBe(false);
        // Writer output has no duplicates and no errors; "\ " at line end is deliberate (info).
        expect(diagnoseProperties(text).filter((d) => d.severity !== "info")).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
