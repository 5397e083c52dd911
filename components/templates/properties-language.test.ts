import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tokenizeProperties, type Token } from "./properties-language";

const types = (line: Token[]) => line.map((t) => [t.text, t.type]);

describe("properties highlighting", () => {
  it("marks keys, separators, escapes, placeholders and continuations of AEM's page template", () => {
    const text = fs.readFileSync(path.join(process.cwd(), "lib/templates/__vectors__/reader/aem-page-en.properties"), "utf8");
    const lines = tokenizeProperties(text);
    expect(types(lines[0]!)).toEqual([
      ["subject", "key"],
      ["=", "separator"],
      ["[CQ Page Event Notification]: Page Event", "value"],
    ]);
    expect(types(lines[3]!)).toEqual([
      ["Time: ", "value"],
      ["${time}", "placeholder"],
      ["\\n", "escape"],
      [" ", "value"],
      ["\\", "continuation"],
    ]);
    // The continuation's leading white space is dropped by the reader: marked as indent.
    expect(types(lines[8]!)).toEqual([
      [" ", "indent"],
      ["\\n", "escape"],
      [" ", "value"],
      ["\\", "continuation"],
    ]);
    expect(types(lines[10]!)).toEqual([
      [" ", "indent"],
      ["\\n\\n", "escape"],
    ]);
    expect(types(lines[11]!)[0]).toEqual(["footer", "key"]);
  });

  it("treats # as a comment only at the start of a logical line", () => {
    const lines = tokenizeProperties("  # a comment \\\nkey=a \\\n# not a comment\n! bang");
    expect(types(lines[0]!)).toEqual([
      ["  ", null],
      ["# a comment \\", "comment"],
    ]);
    expect(types(lines[1]!)).toEqual([
      ["key", "key"],
      ["=", "separator"],
      ["a ", "value"],
      ["\\", "continuation"],
    ]);
    expect(types(lines[2]!)).toEqual([["# not a comment", "value"]]);
    expect(types(lines[3]!)).toEqual([["! bang", "comment"]]);
  });

  it("counts backslashes: an even run is escaped backslashes, an odd run continues", () => {
    const lines = tokenizeProperties("a=one\\\\\nb=two\\\\\\\n  more\nc=x");
    expect(types(lines[0]!)).toEqual([
      ["a", "key"],
      ["=", "separator"],
      ["one", "value"],
      ["\\\\", "escape"],
    ]);
    expect(types(lines[1]!).slice(-2)).toEqual([
      ["\\\\", "escape"],
      ["\\", "continuation"],
    ]);
    expect(types(lines[2]!)).toEqual([
      ["  ", "indent"],
      ["more", "value"],
    ]);
    expect(types(lines[3]!)[0]).toEqual(["c", "key"]);
  });

  it("flags malformed \\u escapes and accepts good ones", () => {
    const [line] = tokenizeProperties("subject=Caf\\u00e9 \\u00g1 \\u12");
    expect(types(line!)).toEqual([
      ["subject", "key"],
      ["=", "separator"],
      ["Caf", "value"],
      ["\\u00e9", "escape"],
      [" ", "value"],
      ["\\u00", "badEscape"],
      ["g1 ", "value"],
      ["\\u12", "badEscape"],
    ]);
  });

  it("separates keys by =, : or white space, with escaped separators inside keys", () => {
    const lines = tokenizeProperties("a\\=b : value\nkey value\nk:v\nlonely");
    expect(types(lines[0]!)).toEqual([
      ["a", "key"],
      ["\\=", "keyEscape"],
      ["b", "key"],
      [" : ", "separator"],
      ["value", "value"],
    ]);
    expect(types(lines[1]!)).toEqual([
      ["key", "key"],
      [" ", null],
      ["value", "value"],
    ]);
    expect(types(lines[2]!)).toEqual([
      ["k", "key"],
      [":", "separator"],
      ["v", "value"],
    ]);
    expect(types(lines[3]!)).toEqual([["lonely", "key"]]);
  });

  it("ends a continued value at a blank line", () => {
    const lines = tokenizeProperties("a=x\\\n\nb=y");
    expect(types(lines[2]!)[0]).toEqual(["b", "key"]);
    const ws = tokenizeProperties("a=x\\\n   \nb=y");
    expect(types(ws[2]!)[0]).toEqual(["b", "key"]);
  });

  it("leaves malformed placeholders as plain value text", () => {
    const [line] = tokenizeProperties("subject=${ok} ${not ok} ${} $x");
    expect(line!.filter((t) => t.type === "placeholder").map((t) => t.text)).toEqual(["${ok}"]);
  });
});
