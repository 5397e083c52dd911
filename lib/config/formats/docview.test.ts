import { describe, expect, it } from "vitest";
import { docViewToValue, formatDocViewValue, parseDocViewValue } from "./docview";

function value(raw: string) {
  const p = parseDocViewValue(raw);
  if (!p.ok) throw new Error(p.error);
  const v = docViewToValue(p.value);
  if (!v.ok) throw new Error(v.error);
  return v.value;
}

function error(raw: string): string {
  const p = parseDocViewValue(raw);
  if (!p.ok) return p.error;
  const v = docViewToValue(p.value);
  if (!v.ok) return v.error;
  throw new Error(`expected an error for ${raw}`);
}

describe("DocView values", () => {
  it("reads typed scalars", () => {
    expect(value("{Boolean}true")).toBe(true);
    expect(value("{Boolean}false")).toBe(false);
    expect(value("{Long}25")).toBe(25);
    expect(value("{Long}-1")).toBe(-1);
    expect(value("{Double}1.5")).toBe(1.5);
    expect(value("{Decimal}2")).toBe(2);
    expect(value("{String}x")).toBe("x");
    expect(value("{Name}sling:OsgiConfig")).toBe("sling:OsgiConfig");
  });

  it("reads untyped values as strings", () => {
    expect(value("name@server.com")).toBe("name@server.com");
    expect(value("25")).toBe("25");
    expect(value("")).toBe("");
  });

  it("reads lists, typed and untyped", () => {
    expect(value("[a,b]")).toEqual(["a", "b"]);
    expect(value("{String}[a,b]")).toEqual(["a", "b"]);
    expect(value("{Long}[1,2,3]")).toEqual([1, 2, 3]);
    expect(value("{Boolean}[true,false]")).toEqual([true, false]);
    expect(value("[]")).toEqual([]);
    expect(value("[single]")).toEqual(["single"]);
  });

  it("handles escapes: \\, in lists, \\\\, leading \\{ and \\[, \\0 and \\u", () => {
    expect(value("[a\\,b,c]")).toEqual(["a,b", "c"]);
    expect(value("{String}[x\\,y]")).toEqual(["x,y"]);
    expect(value("[back\\\\slash]")).toEqual(["back\\slash"]);
    expect(value("\\{not a type}")).toBe("{not a type}");
    expect(value("\\[not a list]")).toBe("[not a list]");
    expect(value("[\\0]")).toEqual([""]);
    expect(value("[a,]")).toEqual(["a", ""]);
    expect(value("caf\\u00e9")).toBe("café");
    expect(value("a,b")).toBe("a,b");
  });

  it("explains bad values", () => {
    expect(error("{Long}abc")).toBe('"abc" is not a whole number ({Long})');
    expect(error("{Boolean}yes")).toBe('"yes" is not true or false ({Boolean})');
    expect(error("{Double}x")).toBe('"x" is not a number ({Double})');
    expect(error("{Integer}5")).toMatch(/is not a JCR property type/);
    expect(error("{Long")).toMatch(/not closed with "}"/);
    expect(error("[a,b")).toMatch(/not closed with "]"/);
    expect(error("[a\\]")).toMatch(/not closed with "]"/);
    expect(error("{Binary}AAAA")).toMatch(/binary values are not supported/);
    expect(error("x\\")).toMatch(/lone backslash/);
    expect(error("\\u12")).toMatch(/invalid "\\u" escape/);
  });

  it("format writes what parse reads", () => {
    const samples = [true, false, 25, -1, 1.5, "plain", "", "{braced}", "[bracketed]", "back\\slash", ["a", "b,c", "", "d\\e"], []];
    for (const s of samples) {
      expect(value(formatDocViewValue(s)), JSON.stringify(s)).toEqual(s);
    }
    expect(formatDocViewValue(25)).toBe("{Long}25");
    expect(formatDocViewValue(true)).toBe("{Boolean}true");
    expect(formatDocViewValue(["a,b", "c"])).toBe("[a\\,b,c]");
  });
});
