// The HTML store against a real SQLite file: shipped HTML and layouts overlaid by overrides with
// history, the language of the HTML following the text's resolution, the compiled cache (one
// compile per template version, a save invalidates it), and juice's inlining.
import { beforeEach, describe, expect, it } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { renderHtml, sampleData } from "@/lib/templates";
import { addLanguage, resolveTemplate } from "./store";
import { getHtmlFile, htmlCompilations, htmlHistory, LAYOUT, layoutFor, resetHtml, resolveHtml, saveHtml, shippedHtml } from "./html-store";
import { renderForRequest } from "./render-request";

const ADA = "ada@herald.test";

describe("HTML store", () => {
  beforeEach(() => {
    useFreshDataDir();
  });

  it("reads shipped HTML, stores edits with history, resets, and refuses script", async () => {
    const ko = await getHtmlFile("workflow", "ko");
    expect(ko).toMatchObject({ status: "default", html: shippedHtml("workflow").get("ko") });
    const edited = ko.html.replace("</h1>", "</h1>\n<p>edited</p>");
    expect(await saveHtml("workflow", "ko", edited, ADA)).toEqual({ saved: true });
    expect(await getHtmlFile("workflow", "ko")).toMatchObject({ status: "modified", html: edited, updatedBy: ADA });
    await expect(saveHtml("workflow", "ko", "<p>x</p><script>alert(1)</script>", ADA)).rejects.toMatchObject({ code: "validation", fields: { html: [expect.stringMatching(/^line 1: <script>/)] } });
    await expect(saveHtml(LAYOUT, "ko", "<div>no slot</div>", ADA)).rejects.toMatchObject({ code: "validation" });
    await expect(saveHtml("workflow", "es", "<p>x</p>", ADA)).rejects.toMatchObject({ code: "not_found" });
    expect(await resetHtml("workflow", "ko", ADA)).toEqual({ reset: true });
    expect((await getHtmlFile("workflow", "ko")).status).toBe("default");
    expect((await htmlHistory("workflow", "ko")).map((h) => h.action)).toEqual(["reset", "save"]);
  });

  it("takes the HTML in the language the text resolved to: regional → base → en; an added language without HTML is text only", async () => {
    const t = await resolveTemplate("workflow", "ko-KR");
    expect(t.language).toBe("ko");
    const ko = await resolveHtml("workflow", t.language);
    expect(renderHtml(ko!, sampleData("workflow")).html).toContain('<html lang="ko">');
    const pt = await resolveTemplate("workflow", "pt-BR");
    expect(pt.language).toBe("en");
    expect(renderHtml((await resolveHtml("workflow", pt.language))!, sampleData("workflow")).html).toContain('<html lang="en">');
    // An added language has a .txt but no .html: text only (never English HTML beside Spanish text).
    await addLanguage("workflow", "es", ADA);
    expect((await resolveTemplate("workflow", "es")).language).toBe("es");
    expect(await resolveHtml("workflow", "es")).toBeNull();
    // Its HTML can be written; the layout falls back to English's.
    await saveHtml("workflow", "es", "<h1>Hola ${participant.name}</h1>", ADA);
    expect(await layoutFor("es")).toBe(shippedHtml(LAYOUT).get("en"));
    const es = renderHtml((await resolveHtml("workflow", "es"))!, { "participant.name": "<Ana>" }).html;
    expect(es).toMatch(/<h1 style="[^"]*">Hola &lt;Ana&gt;<\/h1>/);
    expect(es).toContain('<html lang="en">');
    // An empty override switches HTML off for a shipped language.
    await saveHtml("workflow", "de", "", ADA);
    expect(await resolveHtml("workflow", "de")).toBeNull();
  });

  it("compiles and inlines once per template version; a save (body or layout) invalidates the cache", async () => {
    const first = await resolveHtml("forum", "fr");
    const n = htmlCompilations();
    expect(await resolveHtml("forum", "fr")).toBe(first);
    expect(htmlCompilations()).toBe(n);
    // juice moved the layout's <style> rules into style attributes (media queries stay).
    const html = renderHtml(first!, sampleData("forum")).html;
    expect(html).toMatch(/<td class="brand"[^>]*style="[^"]*background-color: #1e3a8a/);
    expect(html).toContain("@media only screen and (max-width: 620px)");

    await saveHtml("forum", "fr", (await getHtmlFile("forum", "fr")).html.replace("</h1>", " — v2</h1>"), ADA);
    const second = await resolveHtml("forum", "fr");
    expect(second).not.toBe(first);
    expect(htmlCompilations()).toBe(n + 1);
    expect(renderHtml(second!, sampleData("forum")).html).toContain("— v2</h1>");

    const layout = (await getHtmlFile(LAYOUT, "fr")).html.replace("#1e3a8a", "#b91c1c");
    await saveHtml(LAYOUT, "fr", layout, ADA);
    expect(renderHtml((await resolveHtml("forum", "fr"))!, sampleData("forum")).html).toMatch(/background-color: #b91c1c/);
  });

  it("the render API returns text and html", async () => {
    const r = await renderForRequest({ family: "workflow", lang: "de", data: { "participant.name": "<i>Jo</i>", "host.prefix": "javascript:alert(1)//" } });
    expect(r.text).toBe(r.body);
    expect(r.html).toContain("&lt;i&gt;Jo&lt;/i&gt;");
    expect(r.html).not.toContain("javascript:");
    expect(r.warnings.some((w) => /not an http\(s\) URL/.test(w))).toBe(true);
  });
});
