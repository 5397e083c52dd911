// Checks an HTML body (or the shared layout) for the editor and the server, each finding with its
// line. Pure: runs in the browser.
//
// errors   — `<script>` / event-handler attributes / `javascript:` URLs (no mail client runs them,
//            and they have no place in a notification), a layout without exactly one `${content}`;
// warnings — unknown variables, malformed `${`, unbalanced tags, images without `alt`, remote
//            images and fonts (blocked by default in most clients, and a tracking signal),
//            a placeholder where it could add attributes, total size over 100 KB (Gmail clips
//            messages above ~102 KB).
import { requireFamily, type FamilyId, type TemplateFamily } from "./catalog";
import { HTML_ATTRIBUTE, HTML_TOKEN, LAYOUT_CONTENT, LAYOUT_PLACEHOLDER, URL_ATTRIBUTES, htmlRegions } from "./html";
import { LineIndex, type DiagnosticSeverity, type SourceRange } from "./properties";
import { scanPlaceholders } from "./render";
import { placeholderOf, templateText, type TemplateLintKey, type TemplateMessage, type TemplateMessageValues } from "./messages";

export type HtmlLintCode =
  | "unknown-variable"
  | "malformed-placeholder"
  | "unbalanced-tag"
  | "image-without-alt"
  | "remote-image"
  | "remote-font"
  | "script"
  | "placeholder-in-tag"
  | "too-large"
  | "layout-content";

export interface HtmlLintDiagnostic extends SourceRange {
  severity: DiagnosticSeverity;
  code: HtmlLintCode;
  message: string;
  /** The message by key and values, for the console to translate. */
  i18n: TemplateMessage;
  variable?: string;
}

/** Gmail clips a message above about 102 KB; warn a little before. */
export const HTML_SIZE_LIMIT = 100 * 1024;

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
/** Elements whose end tag HTML lets you leave out. */
const OPTIONAL_END = new Set(["p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "colgroup", "html", "head", "body"]);

export interface HtmlLintOptions {
  /** Lint as the shared layout: `${content}` is required (once) and known. */
  layout?: boolean;
  /** The other half (the layout when linting a body, or a body) to count in the size check. */
  companion?: string | null;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function isRemote(url: string): boolean {
  return /^\s*(?:https?:)?\/\//i.test(url) || /^\s*\$\{/.test(url);
}

/** Lints HTML of a family (or the layout, family null). Sorted by position; lines 1-based. */
export function lintHtml(family: FamilyId | TemplateFamily | null, html: string, options: HtmlLintOptions = {}): HtmlLintDiagnostic[] {
  const fam = family === null ? null : requireFamily(family);
  const idx = new LineIndex(html);
  const out: HtmlLintDiagnostic[] = [];
  const add = (from: number, to: number, severity: DiagnosticSeverity, code: HtmlLintCode, key: TemplateLintKey, values: TemplateMessageValues = {}, variable?: string) =>
    out.push({ ...idx.range(from, to), severity, code, message: templateText(key, values), i18n: { key, values }, ...(variable ? { variable } : {}) });
  const content = placeholderOf(LAYOUT_CONTENT);

  // Variables.
  const known = new Set(fam ? fam.variables.map((v) => v.name) : []);
  if (options.layout) known.add(LAYOUT_CONTENT);
  const { placeholders, malformed } = scanPlaceholders(html);
  for (const p of placeholders) {
    if (fam === null && !options.layout) continue;
    if (!known.has(p.name)) {
      if (options.layout) add(p.start, p.end, "warning", "unknown-variable", "htmlUnknownVariableLayout", { placeholder: placeholderOf(p.name), content }, p.name);
      else add(p.start, p.end, "warning", "unknown-variable", "htmlUnknownVariable", { placeholder: placeholderOf(p.name), family: fam!.title.toLowerCase() }, p.name);
    }
  }
  for (const m of malformed) add(m.start, m.end, "warning", "malformed-placeholder", "htmlMalformedPlaceholder", { text: m.text, example: placeholderOf("name") });
  if (options.layout) {
    const count = placeholders.filter((p) => p.name === LAYOUT_CONTENT).length;
    if (count !== 1) add(0, 0, "error", "layout-content", count === 0 ? "htmlLayoutContentMissing" : "htmlLayoutContentRepeated", count === 0 ? { content: LAYOUT_PLACEHOLDER } : { content: LAYOUT_PLACEHOLDER, count });
  }

  // Placeholders inside a tag but outside any attribute value.
  const regions = htmlRegions(html);
  for (const p of placeholders) {
    const tag = regions.tags.find((t) => t.start <= p.start && p.start < t.end);
    if (tag && !regions.values.some((v) => v.start <= p.start && p.start < v.end)) {
      add(p.start, p.end, "warning", "placeholder-in-tag", "htmlPlaceholderInTag", { placeholder: placeholderOf(p.name) }, p.name);
    } else {
      const v = regions.values.find((r) => r.start <= p.start && p.start < r.end);
      if (v?.unquoted) add(p.start, p.end, "warning", "placeholder-in-tag", "htmlPlaceholderUnquoted", { placeholder: placeholderOf(p.name) }, p.name);
    }
  }

  // Tags: balance, scripts, images, fonts.
  const stack: { name: string; from: number; to: number }[] = [];
  let rawEnd: string | null = null;
  HTML_TOKEN.lastIndex = 0;
  for (let m = HTML_TOKEN.exec(html); m !== null; m = HTML_TOKEN.exec(html)) {
    const from = m.index;
    const to = from + m[0].length;
    if (m[0].startsWith("<!--")) continue;
    const closing = m[1]?.toLowerCase();
    const opening = m[2]?.toLowerCase();
    if (rawEnd !== null) {
      if (closing !== rawEnd) continue; // inside <style> / <script>: not markup
      rawEnd = null;
    }
    if (opening) {
      const attrs = m[3] ?? "";
      if (opening === "script") add(from, to, "error", "script", "htmlScript", { tag: "<script>" });
      HTML_ATTRIBUTE.lastIndex = 0;
      const names = new Map<string, string | undefined>();
      for (let a = HTML_ATTRIBUTE.exec(attrs); a !== null; a = HTML_ATTRIBUTE.exec(attrs)) {
        const attribute = a[1];
        if (attribute === undefined) continue; // never: the name is the one group every match has
        const name = attribute.toLowerCase();
        const value = a[2] ?? a[3] ?? a[4];
        names.set(name, value);
        if (name.startsWith("on")) add(from, to, "error", "script", "htmlEventHandler", { attribute });
        if (URL_ATTRIBUTES.has(name) && value && /^[\u0000-\u0020]*(?:javascript|vbscript|data\s*:\s*text\/html)/i.test(value.replace(/[\t\n\r]/g, ""))) {
          add(from, to, "error", "script", "htmlScriptUrl", { attribute, value: value.slice(0, 40) });
        }
      }
      if (opening === "img") {
        if (!names.has("alt")) add(from, to, "warning", "image-without-alt", "htmlImageWithoutAlt");
        const src = names.get("src");
        if (src && isRemote(src)) add(from, to, "warning", "remote-image", "htmlRemoteImage");
      }
      if (opening === "link" && /stylesheet/i.test(names.get("rel") ?? "") && isRemote(names.get("href") ?? "")) {
        add(from, to, "warning", "remote-font", "htmlRemoteStylesheet");
      }
      if (opening === "style" || opening === "script") {
        const end = html.toLowerCase().indexOf(`</${opening}`, to);
        const css = html.slice(to, end === -1 ? html.length : end);
        if (opening === "style") {
          for (const f of css.matchAll(/@import\s+(?:url\()?\s*["']?(?:https?:)?\/\/|@font-face[^}]*url\(\s*["']?(?:https?:)?\/\//gi)) {
            add(to + f.index!, to + f.index! + f[0].length, "warning", "remote-font", "htmlRemoteFont");
          }
        }
        rawEnd = opening;
      }
      if (VOID.has(opening) || /\/\s*$/.test(attrs)) continue;
      stack.push({ name: opening, from, to });
    } else if (closing) {
      if (VOID.has(closing)) continue;
      let i = stack.length - 1;
      while (i >= 0 && stack[i]?.name !== closing) i--;
      if (i < 0) {
        add(from, to, "warning", "unbalanced-tag", "htmlClosesNothing", { closeTag: `</${closing}>`, openTag: `<${closing}>` });
        continue;
      }
      for (let j = stack.length - 1; j > i; j--) {
        const open = stack[j];
        if (open && !OPTIONAL_END.has(open.name)) add(open.from, open.to, "warning", "unbalanced-tag", "htmlNotClosedBefore", { openTag: `<${open.name}>`, closeTag: `</${closing}>` });
      }
      stack.length = i;
    }
  }
  for (const s of stack) if (!OPTIONAL_END.has(s.name)) add(s.from, s.to, "warning", "unbalanced-tag", "htmlNeverClosed", { openTag: `<${s.name}>` });

  const size = utf8Length(html) + (options.companion ? utf8Length(options.companion) : 0);
  if (size > HTML_SIZE_LIMIT) {
    add(0, Math.min(html.length, 1), "warning", "too-large", options.companion ? "htmlTooLargeWithLayout" : "htmlTooLarge", { size: (size / 1024).toFixed(1) });
  }
  return out.sort((a, b) => a.from - b.from || a.to - b.to);
}
