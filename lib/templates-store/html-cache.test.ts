// The compiled-HTML cache with the shipped workflow template and layout and the real inliner
// (juice); the loader stands in for the database (html-store.test.ts covers it with SQLite).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderHtml, sampleData } from "@/lib/templates";
import { HtmlCache, type HtmlSources } from "./html-cache";
import { inlineCss } from "./inline-css";

const root = path.resolve(__dirname, "../..");
const body = fs.readFileSync(path.join(root, "templates/workflow/en.html"), "utf8");
const layout = fs.readFileSync(path.join(root, "templates/_layout/en.html"), "utf8");

function setup(initial: HtmlSources) {
  const state = { sources: initial, loads: 0, now: 1_000 };
  const cache = new HtmlCache({
    load: async () => {
      state.loads++;
      return state.sources;
    },
    inliner: async () => inlineCss,
    ttlMs: 2000,
    maxCompiled: 2,
    now: () => state.now,
  });
  return { cache, state };
}

describe("HtmlCache", () => {
  it("compiles and inlines once; later mails are served from the cache without reading the sources", async () => {
    const { cache, state } = setup({ body, layout });
    expect(cache.cached("workflow", "en")).toBeUndefined();
    const first = await cache.resolve("workflow", "en");
    expect(first).not.toBeNull();
    expect(renderHtml(first!, sampleData("workflow")).html).toMatch(/<td class="brand"[^>]*style="[^"]*background-color/);
    expect(cache.cached("workflow", "en")).toBe(first);
    expect(await cache.resolve("workflow", "en")).toBe(first);
    expect([state.loads, cache.compilations]).toEqual([1, 1]);
  });

  it("re-reads the sources after the time to live and after invalidate; unchanged sources reuse the compile", async () => {
    const { cache, state } = setup({ body, layout });
    const first = await cache.resolve("workflow", "en");
    state.now += 2001;
    expect(cache.cached("workflow", "en")).toBeUndefined();
    expect(await cache.resolve("workflow", "en")).toBe(first);
    cache.invalidate();
    expect(await cache.resolve("workflow", "en")).toBe(first);
    expect([state.loads, cache.compilations]).toEqual([3, 1]);
  });

  it("compiles a new version after a save changed the body or the layout", async () => {
    const { cache, state } = setup({ body, layout });
    const first = await cache.resolve("workflow", "en");
    state.sources = { body: body.replace("</h1>", " — v2</h1>"), layout };
    expect(await cache.resolve("workflow", "en")).toBe(first); // not yet: no invalidate, within the time to live
    cache.invalidate();
    const second = await cache.resolve("workflow", "en");
    expect(second).not.toBe(first);
    expect(renderHtml(second!, sampleData("workflow")).html).toContain("— v2</h1>");
    state.sources = { body, layout: layout.replace(/#1e3a8a/g, "#b91c1c") };
    cache.invalidate();
    expect(renderHtml((await cache.resolve("workflow", "en"))!, sampleData("workflow")).html).toContain("#b91c1c");
    expect(cache.compilations).toBe(3);
    // Only two versions are kept: the first was dropped and compiles again.
    state.sources = { body, layout };
    cache.invalidate();
    expect(await cache.resolve("workflow", "en")).not.toBe(first);
    expect(cache.compilations).toBe(4);
  });

  it("caches text only (no HTML body) as null", async () => {
    const { cache, state } = setup({ body: "", layout });
    expect(await cache.resolve("workflow", "es")).toBeNull();
    expect(cache.cached("workflow", "es")).toBeNull();
    expect([state.loads, cache.compilations]).toEqual([1, 0]);
  });
});
