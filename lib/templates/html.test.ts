// The HTML part: escaping by context, the http(s) link check, layout wrapping, the lint (with
// lines), and the shipped HTML bodies and layouts.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FAMILIES, sampleData } from "./catalog";
import { compileHtml, escapeHtml, isSafeUrl, previewDocument, renderHtml, wrapInLayout } from "./html";
import { HTML_SIZE_LIMIT, lintHtml } from "./html-lint";

const TEMPLATES = path.join(process.cwd(), "templates");
const LANGS = ["de", "en", "fr", "ja", "ko"];
const read = (...p: string[]) => fs.readFileSync(path.join(TEMPLATES, ...p), "utf8");

describe("escaping", () => {
  it("escapes a variable in text: a <script> arrives as text, line breaks become <br>", () => {
    const c = compileHtml("<p>Hello ${participant.name}</p>", { family: "workflow" });
    const r = renderHtml(c, { "participant.name": `<script>alert("x")</script> & 'co'` });
    expect(r.html).toBe("<p>Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>");
    expect(renderHtml(compileHtml("<p>${modifications}</p>", { family: "page" }), { modifications: "a\nb" }).html).toBe("<p>a<br>\nb</p>");
  });

  it("escapes quoted and unquoted attribute values so a value cannot leave them", () => {
    const c = compileHtml(`<td title="\${item.node.title}" class=\${model.id}>x</td>`, { family: "workflow" });
    const r = renderHtml(c, { "item.node.title": `" onmouseover="alert(1)`, "model.id": "a onclick=alert(1)" });
    expect(r.html).toBe(`<td title="&quot; onmouseover=&quot;alert(1)" class=a&#32;onclick&#61;alert(1)>x</td>`);
  });

  it("keeps only safe characters of a placeholder standing inside a tag", () => {
    const c = compileHtml(`<a \${model.id} href="https://x.test">x</a>`, { family: "workflow" });
    expect(renderHtml(c, { "model.id": `x onclick="alert(1)"` }).html).toBe(`<a xonclickalert1 href="https://x.test">x</a>`);
  });

  it("checks links built from variables: http(s) and mailto pass, anything else becomes #", () => {
    const c = compileHtml(`<a href="\${host.prefix}\${payload.path.open}">open</a><img src='\${host.prefix}/logo.png' alt="">`, { family: "workflow" });
    const ok = renderHtml(c, { "host.prefix": "https://aem.example", "payload.path.open": "/x?a=1&b=2" });
    expect(ok.html).toBe(`<a href="https://aem.example/x?a=1&amp;b=2">open</a><img src='https://aem.example/logo.png' alt="">`);
    expect(ok.problems).toEqual([]);
    for (const bad of ["javascript:alert(1)//", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>", "//evil.test", "/relative"]) {
      const r = renderHtml(c, { "host.prefix": bad, "payload.path.open": "" });
      expect(r.html, bad).toBe(`<a href="#">open</a><img src='#' alt="">`);
      expect(r.problems.filter((p) => p.reason === "unsafe-url").map((p) => p.name)).toContain("host.prefix");
    }
    expect(isSafeUrl("mailto:a@b.test")).toBe(true);
    expect(isSafeUrl("http://")).toBe(false);
  });

  it("leaves unresolved placeholders as written and reports them; only own properties count", () => {
    const c = compileHtml("<p>${constructor} ${nope} ${time}</p>", { family: "page" });
    const r = renderHtml(c, {});
    expect(r.html).toBe("<p>${constructor} ${nope} ${time}</p>");
    expect(r.problems).toEqual([
      { name: "constructor", reason: "unknown" },
      { name: "nope", reason: "unknown" },
      { name: "time", reason: "missing" },
    ]);
  });

  it("never expands a value that contains a placeholder", () => {
    const c = compileHtml("<p>${time} ${userId}</p>", { family: "page" });
    expect(renderHtml(c, { time: "${userId}", userId: "u" }).html).toBe("<p>${userId} u</p>");
    expect(escapeHtml("plain")).toBe("plain");
  });
});

describe("layout", () => {
  it("wraps the body at ${content}, exactly once", () => {
    expect(wrapInLayout("<main>${content}</main>", "<p>x</p>")).toEqual({ ok: true, html: "<main><p>x</p></main>" });
    expect(wrapInLayout("<main></main>", "x")).toMatchObject({ ok: false, message: expect.stringContaining("${content}") });
    expect(wrapInLayout("${content}${content}", "x")).toMatchObject({ ok: false, message: expect.stringContaining("more than once") });
  });

  it("compiles layout + body once and inlines through the given hook; a body's ${content} is not replaced", () => {
    let calls = 0;
    const inline = (h: string) => {
      calls++;
      return h.replace("<style>p{color:red}</style>", "").replace("<p>", '<p style="color:red">');
    };
    const c = compileHtml("<p>${time}</p>", { family: "page", layout: "<style>p{color:red}</style><div>${content}</div>", inline });
    expect(calls).toBe(1);
    expect(renderHtml(c, { time: "<b>" }).html).toBe('<div><p style="color:red">&lt;b&gt;</p></div>');
    expect(calls).toBe(1);
    // A body mentioning ${content} stays a body placeholder (unknown to the family), not a second slot.
    expect(renderHtml(compileHtml("${content}", { family: "page", layout: "<i>${content}</i>" }), {}).html).toBe("<i>${content}</i>");
  });

  it("a broken layout does not stop mail: the body goes out unframed", () => {
    expect(renderHtml(compileHtml("<p>b</p>", { layout: "<div>no slot</div>" }), {}).html).toBe("<p>b</p>");
  });
});

describe("lint", () => {
  const codes = (html: string, fam: Parameters<typeof lintHtml>[0] = "workflow", opts = {}) => lintHtml(fam, html, opts).map((d) => [d.code, d.line, d.severity]);

  it("reports unknown variables, unbalanced tags, images without alt, remote images and fonts, scripts — with lines", () => {
    const html = [
      "<p>${participant.nam}</p>", // 1
      "<div><span>open", // 2
      "</div>", // 3
      '<img src="https://cdn.test/a.png">', // 4
      '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Inter">', // 5
      "<style>@import url(https://fonts.test/x.css);</style>", // 6
      '<a href="javascript:alert(1)" onclick="x()">x</a>', // 7
      "<script>alert(1)</script>", // 8
      "</table>", // 9
    ].join("\n");
    expect(codes(html)).toEqual([
      ["unknown-variable", 1, "warning"],
      ["unbalanced-tag", 2, "warning"],
      ["image-without-alt", 4, "warning"],
      ["remote-image", 4, "warning"],
      ["remote-font", 5, "warning"],
      ["remote-font", 6, "warning"],
      ["script", 7, "error"],
      ["script", 7, "error"],
      ["script", 8, "error"],
      ["unbalanced-tag", 9, "warning"],
    ]);
  });

  it("accepts optional end tags and void elements", () => {
    expect(codes("<table><tr><td>a<td>b</table><p>one<p>two<br><img src=\"data:image/png;base64,AA\" alt=\"\">")).toEqual([]);
  });

  it("warns over 100 KB (Gmail clips at ~102 KB), counting the layout and UTF-8 bytes", () => {
    const under = "<p>" + "x".repeat(HTML_SIZE_LIMIT - 10) + "</p>";
    expect(codes(under)).toEqual([]);
    expect(codes(under, "workflow", { companion: "y".repeat(100) })).toEqual([["too-large", 1, "warning"]]);
    expect(codes("<p>" + "한".repeat(35 * 1024) + "</p>")).toEqual([["too-large", 1, "warning"]]);
  });

  it("requires ${content} once in a layout", () => {
    expect(codes("<div></div>", null, { layout: true })).toEqual([["layout-content", 1, "error"]]);
    expect(codes("<div>${content}${content}</div>", null, { layout: true })).toEqual([["layout-content", 1, "error"]]);
    expect(codes("<div>${content} ${time}</div>", null, { layout: true })).toEqual([["unknown-variable", 1, "warning"]]);
  });
});

describe("preview document", () => {
  it("puts a CSP that blocks scripts and remote images (unless allowed) after <head>", () => {
    const doc = previewDocument("<!DOCTYPE html><html><head><title>t</title></head><body></body></html>");
    expect(doc.startsWith("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;")).toBe(true);
    expect(previewDocument("<p>x</p>", { allowRemoteImages: true })).toContain("img-src data: https: http:");
  });
});

describe("shipped HTML (templates/<family>/<lang>.html, templates/_layout/<lang>.html)", () => {
  for (const lang of LANGS) {
    it(`_layout/${lang}.html lints clean`, () => {
      expect(lintHtml(null, read("_layout", `${lang}.html`), { layout: true })).toEqual([]);
    });
    for (const f of FAMILIES) {
      it(`${f.id}/${lang}.html lints clean and renders every placeholder in the layout`, () => {
        const body = read(f.id, `${lang}.html`);
        const layout = read("_layout", `${lang}.html`);
        expect(lintHtml(f.id, body, { companion: layout })).toEqual([]);
        const r = renderHtml(compileHtml(body, { family: f.id, layout }), sampleData(f.id));
        expect(r.problems).toEqual([]);
        expect(r.html).toContain(`<html lang="${lang}">`);
        expect(r.html).not.toContain("${");
      });
    }
  }
});
