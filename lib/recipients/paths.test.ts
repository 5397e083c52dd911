import { describe, it, expect } from "vitest";
import { coversPath, normalizePath, pathAndAncestors } from "./paths";

describe("normalizePath", () => {
  it("keeps a clean path and tidies slashes", () => {
    expect(normalizePath("/content/site")).toEqual({ ok: true, path: "/content/site" });
    expect(normalizePath("  /content//site/ ")).toEqual({ ok: true, path: "/content/site" });
    expect(normalizePath("/")).toEqual({ ok: true, path: "/" });
  });
  it("refuses relative paths, dot segments, spaces and line breaks with the reason", () => {
    expect(normalizePath("content/site")).toEqual({ ok: false, error: 'must start with "/" (e.g. /content/site)' });
    expect(normalizePath("/content/../etc")).toMatchObject({ ok: false, error: expect.stringContaining('".."') });
    expect(normalizePath("/content/my site")).toMatchObject({ ok: false, error: "must not contain spaces" });
    expect(normalizePath("/content\n/x")).toMatchObject({ ok: false, error: expect.stringContaining("line breaks") });
    expect(normalizePath("")).toMatchObject({ ok: false });
  });
});

describe("subscription path matching", () => {
  it("a prefix covers itself and its descendants only", () => {
    expect(coversPath("/content/site", "/content/site")).toBe(true);
    expect(coversPath("/content/site", "/content/site/en/products")).toBe(true);
    expect(coversPath("/content/site", "/content/site-b")).toBe(false);
    expect(coversPath("/content/site", "/content/sitemap/x")).toBe(false);
    expect(coversPath("/content/site/en", "/content/site")).toBe(false);
    expect(coversPath("/", "/anything/at/all")).toBe(true);
  });
  it("is case-sensitive like JCR", () => {
    expect(coversPath("/content/Site", "/content/site/en")).toBe(false);
  });
  it("lists the path and its ancestors, which is how subscribers are looked up", () => {
    expect(pathAndAncestors("/content/site/en")).toEqual(["/content/site/en", "/content/site", "/content", "/"]);
    expect(pathAndAncestors("/")).toEqual(["/"]);
    // Every ancestor covers the path, and nothing else in the list is missing.
    for (const a of pathAndAncestors("/a/b/c/d")) expect(coversPath(a, "/a/b/c/d")).toBe(true);
  });
});
