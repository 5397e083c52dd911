// The HTML part of a notification: an optional `<lang>.html` body per family and language,
// wrapped in a shared layout (header / footer frame), with the same `${name}` placeholders as
// the `.txt` (the text part and the subject always come from the `.txt`).
//
// Safety rules, applied at render time from where each placeholder sits in the markup (decided
// once, at compile time):
// - text and attribute values are HTML-escaped (`<script>` arrives as text); in text a line
//   break becomes `<br>` (multi-line variables such as `${modifications}` stay readable);
// - a URL attribute (href, src, …) whose value contains a placeholder is checked as a whole after
//   substitution: it must be an absolute http(s) or mailto URL, otherwise it is replaced by "#"
//   and reported as `unsafe-url`;
// - a placeholder inside a tag but outside an attribute value (`<a ${x}>`) could add attributes:
//   only letters, digits, `.`, `-` and `_` of its value are kept.
//
// A template is compiled once (layout wrapped, CSS inlined by the server's `inline` hook, slots
// found); rendering only concatenates escaped values. Pure: the browser preview runs it too.
import { requireFamily, type FamilyId, type TemplateFamily } from "./catalog";
import type { ProblemReason, TemplateData, TemplateValue } from "./render";

/** The layout's placeholder for the family's HTML body. */
export const LAYOUT_CONTENT = "content";
export const LAYOUT_PLACEHOLDER = "${" + LAYOUT_CONTENT + "}";

/** Attributes whose value is fetched or followed: a variable there must give an http(s) URL. */
export const URL_ATTRIBUTES: ReadonlySet<string> = new Set(["href", "src", "background", "action", "formaction", "poster", "cite", "longdesc", "srcset", "xlink:href"]);

const PLACEHOLDER = /\$\{([^\s{}$]*)\}/g;
/** A comment, a closing tag or an opening tag with its attributes (quoted values may hold `>`). */
export const HTML_TOKEN = /<!--[\s\S]*?(?:-->|$)|<\/([a-zA-Z][a-zA-Z0-9:-]*)\s*>|<([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
/** One attribute inside an opening tag: name, and a double-, single- or unquoted value. */
export const HTML_ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const SAFE_URL = /^(?:https?:\/\/[^\s/]|mailto:)/i;

export type HtmlProblemReason = ProblemReason | "unsafe-url";

export interface HtmlProblem {
  name: string;
  reason: HtmlProblemReason;
  /** For unsafe-url: the URL that was refused. */
  value?: string;
}

const SlotKind = { Text: 0, Attribute: 1, Url: 2, Tag: 3 } as const;
type SlotKind = (typeof SlotKind)[keyof typeof SlotKind];

interface UrlParts {
  statics: string[];
  names: string[];
  raw: string[];
}

interface CompiledHtmlText {
  statics: string[];
  kinds: SlotKind[];
  /** Variable name (text, attribute, tag slots); "" for URL slots. */
  names: string[];
  raw: string[];
  reasons: ProblemReason[];
  guarded: boolean[];
  /** Unquoted attribute value: spaces and `=` must be escaped too. */
  unquoted: boolean[];
  urls: (UrlParts | null)[];
}

export interface CompiledHtml {
  readonly kind: "herald.compiled-html";
  readonly family: FamilyId | null;
  readonly text: Readonly<CompiledHtmlText>;
  readonly variables: readonly string[];
  readonly unknownVariables: readonly string[];
  /** The markup after layout wrapping and inlining, placeholders still in it. */
  readonly source: string;
}

export interface HtmlCompileOptions {
  family?: FamilyId | TemplateFamily;
  variables?: Iterable<string>;
  /** The shared frame; must contain `${content}` exactly once. */
  layout?: string | null;
  /** Inlines `<style>` rules into style attributes (the server passes juice; the preview does not need it). */
  inline?: (html: string) => string;
}

export interface HtmlRenderResult {
  html: string;
  problems: readonly HtmlProblem[];
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;", "=": "&#61;" };
const TEXT_SPECIAL = /[&<>"']/;
const TEXT_SPECIALS = /[&<>"']/g;
const ATTR_SPECIALS = /[&<>"'`=\s]/g;

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return TEXT_SPECIAL.test(value) ? value.replace(TEXT_SPECIALS, (c) => ESCAPES[c] ?? c) : value;
}

function escapeUnquoted(value: string): string {
  return value.replace(ATTR_SPECIALS, (c) => ESCAPES[c] ?? `&#${c.charCodeAt(0)};`);
}

const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;
function escapeTextContent(value: string): string {
  const e = escapeHtml(value);
  return e.indexOf("\n") === -1 && e.indexOf("\r") === -1 && e.indexOf("\u2028") === -1 && e.indexOf("\u2029") === -1 ? e : e.replace(LINE_BREAKS, "<br>\n");
}

/** Whether a URL built from variables may go into href/src: absolute http(s), or mailto. */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore leading spaces and control characters and tabs / line breaks anywhere in a URL.
  return SAFE_URL.test(url.replace(/^[\u0000-\u0020]+/, "").replace(/[\t\n\r]/g, ""));
}

/** Puts the body into the layout; an error message when the layout has no single `${content}`. */
export function wrapInLayout(layout: string, body: string): { ok: true; html: string } | { ok: false; message: string } {
  const first = layout.indexOf(LAYOUT_PLACEHOLDER);
  if (first === -1) return { ok: false, message: `The layout has no ${LAYOUT_PLACEHOLDER}: there is nowhere to put the email's body.` };
  if (layout.indexOf(LAYOUT_PLACEHOLDER, first + 1) !== -1) return { ok: false, message: `The layout contains ${LAYOUT_PLACEHOLDER} more than once.` };
  return { ok: true, html: layout.slice(0, first) + body + layout.slice(first + LAYOUT_PLACEHOLDER.length) };
}

interface ValueRange {
  start: number;
  end: number;
  url: boolean;
  unquoted: boolean;
}

interface Regions {
  values: ValueRange[];
  /** Inside a tag, outside attribute values. */
  tags: { start: number; end: number }[];
}

/** Where attribute values and tags are in the markup (comments are text: nothing renders there). */
export function htmlRegions(html: string): Regions {
  const values: ValueRange[] = [];
  const tags: { start: number; end: number }[] = [];
  HTML_TOKEN.lastIndex = 0;
  // Groups 2 and 3 take part together (the opening-tag branch); an attribute always has its name (group 1).
  for (let m = HTML_TOKEN.exec(html); m !== null; m = HTML_TOKEN.exec(html)) {
    if (m[2] === undefined) continue; // comment or closing tag
    const attrs = m[3]!;
    const attrsStart = m.index + 1 + m[2].length;
    tags.push({ start: m.index, end: m.index + m[0].length });
    HTML_ATTRIBUTE.lastIndex = 0;
    for (let a = HTML_ATTRIBUTE.exec(attrs); a !== null; a = HTML_ATTRIBUTE.exec(attrs)) {
      const value = a[2] ?? a[3] ?? a[4];
      if (value === undefined) continue;
      const quoted = a[4] === undefined;
      const end = attrsStart + a.index + a[0].length - (quoted ? 1 : 0);
      values.push({ start: end - value.length, end, url: URL_ATTRIBUTES.has(a[1]!.toLowerCase()), unquoted: !quoted });
    }
  }
  return { values, tags };
}

/** Splits the markup into static text and slots, once: layout wrapped, CSS inlined. */
export function compileHtml(body: string, options: HtmlCompileOptions = {}): CompiledHtml {
  const family = options.family === undefined ? null : requireFamily(options.family);
  let known: Set<string> | null = null;
  if (options.variables !== undefined) known = new Set(options.variables);
  else if (family) known = new Set(family.variables.map((v) => v.name));

  let source = body;
  if (options.layout != null) {
    const w = wrapInLayout(options.layout, body);
    // A broken layout (the editor shows why) must not stop mail: the body goes out unframed.
    if (w.ok) source = w.html;
  }
  if (options.inline) source = options.inline(source);

  const { values, tags } = htmlRegions(source);
  const out: CompiledHtmlText = { statics: [""], kinds: [], names: [], raw: [], reasons: [], guarded: [], unquoted: [], urls: [] };
  const names: string[] = [];
  const reason = (name: string): ProblemReason => (known === null || known.has(name) ? "missing" : "unknown");
  let last = 0;
  let vi = 0;
  let ti = 0;
  PLACEHOLDER.lastIndex = 0;
  // vi and ti are checked against their arrays' lengths before each use; group 1 of PLACEHOLDER always takes part.
  for (let m = PLACEHOLDER.exec(source); m !== null; m = PLACEHOLDER.exec(source)) {
    if (m[1] === "") continue;
    const at = m.index;
    if (at < last) continue; // consumed by a URL slot
    while (vi < values.length && values[vi]!.end <= at) vi++;
    while (ti < tags.length && tags[ti]!.end <= at) ti++;
    const inValue = vi < values.length && values[vi]!.start <= at ? values[vi]! : null;
    const inTag = !inValue && ti < tags.length && tags[ti]!.start <= at;
    if (inValue?.url) {
      // The whole attribute value becomes one slot, checked after substitution.
      const value = source.slice(inValue.start, inValue.end);
      const parts: UrlParts = { statics: [""], names: [], raw: [] };
      let p = 0;
      // A fresh regex: matchAll would start at the outer scan's lastIndex.
      for (const pm of value.matchAll(new RegExp(PLACEHOLDER.source, "g"))) {
        if (pm[1] === "") continue;
        parts.statics[parts.statics.length - 1] += value.slice(p, pm.index);
        parts.statics.push("");
        parts.names.push(pm[1]!);
        parts.raw.push(pm[0]);
        names.push(pm[1]!);
        p = pm.index! + pm[0].length;
      }
      parts.statics[parts.statics.length - 1] += value.slice(p);
      out.statics[out.statics.length - 1] += source.slice(last, inValue.start);
      pushSlot(out, SlotKind.Url, "", "", "missing", inValue.unquoted, parts);
      last = inValue.end;
      PLACEHOLDER.lastIndex = inValue.end;
      continue;
    }
    const name = m[1]!;
    names.push(name);
    out.statics[out.statics.length - 1] += source.slice(last, at);
    pushSlot(out, inValue ? SlotKind.Attribute : inTag ? SlotKind.Tag : SlotKind.Text, name, m[0], reason(name), inValue?.unquoted ?? false, null);
    last = at + m[0].length;
  }
  out.statics[out.statics.length - 1] += source.slice(last);
  const variables = [...new Set(names)];
  return Object.freeze({
    kind: "herald.compiled-html" as const,
    family: family ? family.id : null,
    text: Object.freeze(out),
    variables: Object.freeze(variables),
    unknownVariables: Object.freeze(known === null ? [] : variables.filter((n) => !known.has(n))),
    source,
  });
}

function pushSlot(out: CompiledHtmlText, kind: SlotKind, name: string, raw: string, reason: ProblemReason, unquoted: boolean, url: UrlParts | null) {
  out.statics.push("");
  out.kinds.push(kind);
  out.names.push(name);
  out.raw.push(raw);
  out.reasons.push(reason);
  out.guarded.push(name in Object.prototype);
  out.unquoted.push(unquoted);
  out.urls.push(url);
}

function stringify(v: TemplateValue | unknown): string | undefined {
  switch (typeof v) {
    case "string":
      return v;
    case "number":
    case "boolean":
    case "bigint":
      return String(v);
    default:
      return undefined;
  }
}

function lookup(data: TemplateData, isMap: boolean, name: string): string | undefined {
  if (isMap) return stringify((data as ReadonlyMap<string, TemplateValue>).get(name));
  const rec = data as Readonly<Record<string, TemplateValue>>;
  // Only own properties count: `${constructor}` must not find Object.prototype.constructor.
  return Object.prototype.hasOwnProperty.call(rec, name) ? stringify(rec[name]) : undefined;
}

function addProblem(list: HtmlProblem[], p: HtmlProblem) {
  if (!list.some((q) => q.name === p.name && q.reason === p.reason)) list.push(p);
}

const NO_PROBLEMS: readonly HtmlProblem[] = Object.freeze([]);
const TAG_SAFE = /[^A-Za-z0-9._-]/g;

/** Renders compiled HTML with the given values (escaped by where each placeholder sits). */
export function renderHtml(t: CompiledHtml, data: TemplateData): HtmlRenderResult {
  const { statics, kinds, names, raw, reasons, unquoted, urls } = t.text;
  const isMap = data instanceof Map;
  let problems: HtmlProblem[] | null = null;
  let out = statics[0]!;
  // compileHtml fills the slot arrays in step, with one more static than slots: every index below is in range.
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i];
    if (kind === SlotKind.Url) {
      const u = urls[i]!;
      let url = u.statics[0]!;
      for (let j = 0; j < u.names.length; j++) {
        const v = lookup(data, isMap, u.names[j]!);
        if (v === undefined) addProblem((problems ??= []), { name: u.names[j]!, reason: reasonFor(t, u.names[j]!) });
        url += (v ?? u.raw[j]!) + u.statics[j + 1]!;
      }
      if (!isSafeUrl(url)) {
        for (const n of u.names) addProblem((problems ??= []), { name: n, reason: "unsafe-url", value: url });
        url = "#";
      }
      out += unquoted[i] ? escapeUnquoted(url) : escapeHtml(url);
    } else {
      const v = lookup(data, isMap, names[i]!);
      if (v === undefined) {
        addProblem((problems ??= []), { name: names[i]!, reason: reasons[i]! });
        out += raw[i]!;
      } else if (kind === SlotKind.Text) out += escapeTextContent(v);
      else if (kind === SlotKind.Attribute) out += unquoted[i] ? escapeUnquoted(v) : escapeHtml(v);
      else out += v.replace(TAG_SAFE, "");
    }
    out += statics[i + 1]!;
  }
  return { html: out, problems: problems ?? NO_PROBLEMS };
}

function reasonFor(t: CompiledHtml, name: string): ProblemReason {
  return t.unknownVariables.includes(name) ? "unknown" : "missing";
}

export interface PreviewDocumentOptions {
  /** Let the preview load http(s) images (off by default: a remote image tells its server who looked). */
  allowRemoteImages?: boolean;
}

/**
 * The document for a sandboxed preview iframe (`sandbox=""`, `srcdoc`): a Content-Security-Policy
 * that forbids scripts, forms, frames and any network access except, when allowed, images.
 */
export function previewDocument(html: string, options: PreviewDocumentOptions = {}): string {
  const img = options.allowRemoteImages ? "data: https: http:" : "data:";
  const csp = `default-src 'none'; img-src ${img}; style-src 'unsafe-inline'; font-src data:; form-action 'none'; base-uri 'none'`;
  const meta = `<meta http-equiv="Content-Security-Policy" content="${csp}"><meta name="referrer" content="no-referrer">`;
  // After <head> when there is one: anything before the doctype would switch to quirks mode.
  const head = /<head(?:\s[^>]*)?>/i.exec(html);
  return head ? html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length) : meta + html;
}
