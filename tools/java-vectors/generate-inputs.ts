// Writes the input files of the Properties conformance vectors and their manifest:
//   lib/templates/__vectors__/reader/<name>.properties   hard cases from cases.ts
//   lib/templates/__vectors__/writer/<name>.properties   output of Herald's writeProperties
//   lib/templates/__vectors__/fuzz/<name>.properties     random texts of reader-hostile fragments
//   lib/templates/__vectors__/manifest.json
// The AEM templates (reader/aem-*.properties) are committed as copied from the AEM docs and are
// not rewritten here. Then run PropertiesVectors.java (see run.sh) to record what Java reads.
//
//   npx tsx tools/java-vectors/generate-inputs.ts
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { writeProperties, type WritePropertiesOptions } from "../../lib/templates/properties";
import { trickyMap } from "../../lib/templates/testing";
import { AEM_CASES, READER_CASES } from "./cases";

const root = path.resolve(__dirname, "../..");
const dir = path.join(root, "lib/templates/__vectors__");
const readerDir = path.join(dir, "reader");
const writerDir = path.join(dir, "writer");
const fuzzDir = path.join(dir, "fuzz");
for (const d of [readerDir, writerDir, fuzzDir]) fs.mkdirSync(d, { recursive: true });

interface WriterCase {
  name: string;
  description: string;
  options: WritePropertiesOptions;
  map: Map<string, string>;
}

const handWritten: WriterCase[] = [
  {
    name: "w-template-layout",
    description: "a template with multi-line values, leading spaces on value lines and a trailing newline",
    options: { comments: ["Herald writer vector", "second comment line \\"] },
    map: new Map([
      ["subject", "Workflow notification: ${event.EventType}"],
      ["header", "---\n Time: ${event.TimeStamp}\n  Step: ${item.node.title}\n---\n\n"],
      ["message", "Content: ${host.prefix}${payload.path.open}\n"],
      ["footer", "\n---\nThis is an automatically generated message. Please do not reply."],
    ]),
  },
  {
    name: "w-separators-in-keys",
    description: "keys with separators, white space, comment characters and escapes",
    options: {},
    map: new Map([
      ["a=b", "1"],
      ["c:d", "2"],
      ["e f", "3"],
      ["#g", "4"],
      ["!h", "5"],
      ["i#j!", "6"],
      ["", "empty key"],
      [" lead", "7"],
      ["tab\tkey", "8"],
      ["new\nline", "9"],
      ["back\\slash", "10"],
    ]),
  },
  {
    name: "w-whitespace-values",
    description: "values that start or end with white space, or are only white space",
    options: { continuationIndent: "\t" },
    map: new Map([
      ["lead", "   three leading"],
      ["trail", "two trailing  "],
      ["space", " "],
      ["spaces", "   "],
      ["tab", "\tx\t"],
      ["lines", " a \n  b  \n \n   "],
      ["empty", ""],
      ["newlines", "\n\n\n"],
    ]),
  },
  {
    name: "w-unicode-ascii-only",
    description: "non-ASCII, astral characters and lone surrogates written as \\uXXXX",
    options: { asciiOnly: true, lineSeparator: "\r\n" },
    map: new Map([
      ["日本", "語 😀 é"],
      ["lone", "\ud800 and \udfff"],
      ["controls", "\u0000\u0001\u007f\u0085\u2028\ufeff"],
    ]),
  },
  {
    name: "w-unicode-utf8",
    description: "non-ASCII written as UTF-8; invisible and unencodable characters escaped",
    options: { separator: " = ", blankLineBetweenEntries: true },
    map: new Map([
      ["schlüssel", "Größe ändern"],
      ["ko", "알림\n두 번째 줄"],
      ["emoji😀", "🎉"],
      ["lone", "x\udc00y\ud83d"],
      ["bom", "\ufeffstart"],
    ]),
  },
  {
    name: "w-backslashes",
    description: "values ending in backslashes before line breaks and at the end",
    options: { multiline: true, separator: ": " },
    map: new Map([
      ["one", "a\\"],
      ["two", "a\\\\"],
      ["lines", "x\\\ny\\\\\n\\"],
      ["u", "\\u0041 is not an escape"],
    ]),
  },
  {
    name: "w-single-line",
    description: "multiline: false keeps every value on one line",
    options: { multiline: false },
    map: new Map([
      ["a", "1\n2\n"],
      ["b", "\r\n\t"],
    ]),
  },
];

const optionVariants: WritePropertiesOptions[] = [
  {},
  { asciiOnly: true },
  { lineSeparator: "\r\n", continuationIndent: "" },
  { multiline: false, separator: ": " },
  { continuationIndent: " \t\f", separator: " = " },
];

const random: WriterCase[] = fc
  .sample(trickyMap(10), { seed: 20261126, numRuns: 40 })
  .map((map, i) => ({
    name: `w-random-${String(i + 1).padStart(2, "0")}`,
    description: "random tricky map (fast-check, seed 20261126)",
    options: optionVariants[i % optionVariants.length] ?? {},
    map,
  }));

// Random reader inputs: fragments that interact in the line reader (backslash runs, every kind
// of line end, separators, comment characters, white space, escapes). Mostly valid; a few carry
// a malformed \u escape.
const FRAGMENTS = [
  "a", "b", "key", "v", "=", ":", " ", "  ", "\t", "\f", "\\", "\\\\", "\n", "\r", "\r\n", "\n\n",
  "#", "!", "\\\n", "\\\r\n", "\\\r", "\\ ", "\\=", "\\:", "\\n", "\\t", "\\u0041", "\\uD83D\\uDE00",
  "é", "日", "😀", "${x}", "\u000b",
];
const fuzzText = fc
  .array(
    fc.oneof(
      { weight: 40, arbitrary: fc.constantFrom(...FRAGMENTS) },
      { weight: 1, arbitrary: fc.constantFrom("\\u00", "\\uZZZZ", "\\u") },
    ),
    { minLength: 1, maxLength: 60 },
  )
  .map((parts) => parts.join(""));
const fuzz = fc.sample(fuzzText, { seed: 639, numRuns: 120 }).map((text, i) => ({
  name: `fuzz-${String(i + 1).padStart(3, "0")}`,
  text,
}));

// Remove stale generated inputs (but keep the AEM copies) before writing.
for (const f of fs.readdirSync(readerDir)) {
  if (!f.startsWith("aem-")) fs.rmSync(path.join(readerDir, f));
}
for (const f of fs.readdirSync(writerDir)) fs.rmSync(path.join(writerDir, f));
for (const f of fs.readdirSync(fuzzDir)) fs.rmSync(path.join(fuzzDir, f));
for (const c of fuzz) fs.writeFileSync(path.join(fuzzDir, `${c.name}.properties`), Buffer.from(c.text, "utf8"));

for (const c of READER_CASES) {
  fs.writeFileSync(path.join(readerDir, `${c.name}.properties`), Buffer.from(c.text, "utf8"));
}
for (const c of [...handWritten, ...random]) {
  // Lone surrogates are escaped by the writer, so UTF-8 encoding is lossless here.
  fs.writeFileSync(path.join(writerDir, `${c.name}.properties`), Buffer.from(writeProperties(c.map, c.options), "utf8"));
}

const manifest = {
  generatedBy: "tools/java-vectors/generate-inputs.ts",
  expectedBy: "tools/java-vectors/PropertiesVectors.java (java.util.Properties.load, UTF-8 reader)",
  reader: [
    ...AEM_CASES.map((c) => ({ name: c.name, description: c.description })),
    ...READER_CASES.map((c) => ({ name: c.name, description: c.description, ...(c.error ? { error: c.error } : {}) })),
  ],
  fuzz: { count: fuzz.length, seed: 639 },
  writer: [...handWritten, ...random].map((c) => ({
    name: c.name,
    description: c.description,
    options: c.options,
    entries: [...c.map.entries()],
  })),
};
fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(
  `wrote ${READER_CASES.length} reader inputs (+${AEM_CASES.length} AEM templates), ${fuzz.length} fuzz inputs ` +
    `and ${handWritten.length + random.length} writer inputs to ${path.relative(root, dir)}`,
);
