import "server-only";
// Where the HTML part comes from at run time, beside the `.txt` (store.ts): shipped defaults in
// templates/<family>/<lang>.html and the shared layout in templates/_layout/<lang>.html (AEM-style
// /libs), overlaid by edits in the database (HtmlTemplateOverride, history in HtmlTemplateVersion).
// An override with empty html switches the HTML part off for that family and language.
//
// Sending: the HTML body is taken in the language the `.txt` resolved to (never another
// language's HTML beside this language's text); the layout in that language, else English.
// Compiled HTML (layout wrapped, CSS inlined with juice, slots found) is cached by its sources
// (html-cache.ts), so a save — which changes the source — compiles anew, and a render after the
// first only concatenates escaped values.
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { auditIn } from "@/lib/db/audit";
import { consistentTx } from "@/lib/db/tx";
import { isIsoLanguage, lintHtml, type CompiledHtml, type FamilyId } from "@/lib/templates";
import { HtmlCache } from "./html-cache";
import { DEFAULT_LANGUAGE, availableLanguages, requireFamilyId } from "./store";

/** The layout's folder and its "family" key in the database. */
export const LAYOUT = "_layout";
export type HtmlTarget = FamilyId | typeof LAYOUT;

export function requireHtmlTarget(target: string): HtmlTarget {
  return target === LAYOUT ? LAYOUT : requireFamilyId(target);
}

const shippedCache = new Map<HtmlTarget, Map<string, string>>();

/** The shipped `.html` files of a family or of the layout, by language (read once per process). */
export function shippedHtml(target: HtmlTarget): Map<string, string> {
  let m = shippedCache.get(target);
  if (!m) {
    m = new Map();
    const dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "templates", target);
    if (fs.existsSync(/*turbopackIgnore: true*/ dir)) {
      for (const f of fs.readdirSync(/*turbopackIgnore: true*/ dir).sort()) {
        const lang = /^([a-z]{2})\.html$/.exec(f)?.[1];
        if (lang) m.set(lang, fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, f), "utf8").replace(/\r\n?/g, "\n"));
      }
    }
    shippedCache.set(target, m);
  }
  return m;
}

export type HtmlStatus = "default" | "modified" | "added" | "none";

export interface HtmlFile {
  target: HtmlTarget;
  lang: string;
  /** The effective HTML; "" when this family and language send text only. */
  html: string;
  status: HtmlStatus;
  defaultHtml: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** The effective HTML of a family (or the layout) in a language: override, else shipped, else none. */
export async function getHtmlFile(target: string, lang: string): Promise<HtmlFile> {
  const t = requireHtmlTarget(target);
  const shipped = shippedHtml(t).get(lang) ?? null;
  const o = await db().htmlTemplateOverride.findUnique({ where: { family_lang: { family: t, lang } } });
  const html = o ? o.html : (shipped ?? "");
  return {
    target: t,
    lang,
    html,
    status: o ? (shipped !== null ? "modified" : html === "" ? "none" : "added") : shipped !== null ? "default" : "none",
    defaultHtml: shipped,
    updatedAt: o?.updatedAt.toISOString() ?? null,
    updatedBy: o?.updatedBy ?? null,
  };
}

/** The layout a body of `lang` is wrapped in: that language's, else English's. */
export async function layoutFor(lang: string): Promise<string | null> {
  const own = await getHtmlFile(LAYOUT, lang);
  if (own.html !== "") return own.html;
  if (lang === DEFAULT_LANGUAGE) return null;
  const en = await getHtmlFile(LAYOUT, DEFAULT_LANGUAGE);
  return en.html === "" ? null : en.html;
}

export const HTML_MAX_BYTES = 512 * 1024;

function checkHtml(target: HtmlTarget, html: string) {
  if (typeof html !== "string") throw new AppError("validation", "The HTML is missing.", { html: ["Required."] });
  if (html.length > HTML_MAX_BYTES) throw new AppError("payload_too_large", "An HTML template may be at most 512 KB.", { html: ["At most 512 KB."] });
  if (html === "") return;
  const errors = lintHtml(target === LAYOUT ? null : target, html, { layout: target === LAYOUT }).filter((d) => d.severity === "error");
  if (errors.length) {
    const lines = errors.map((e) => `line ${e.line}: ${e.message}`);
    throw new AppError("validation", `The HTML has errors and was not saved: ${lines.join("; ")}`, { html: lines });
  }
}

/** Stores an HTML edit (override) and its history entry. "" turns the HTML part off. */
export async function saveHtml(target: string, lang: string, html: string, actor: string): Promise<{ saved: boolean }> {
  const t = requireHtmlTarget(target);
  if (!isIsoLanguage(lang)) throw new AppError("validation", `"${lang}" is not a two-letter ISO 639-1 language code.`, { lang: ["Use a code such as de or es."] });
  if (t !== LAYOUT && !(await availableLanguages(t)).includes(lang)) {
    throw new AppError("not_found", `There is no ${lang} template for ${t}; add the language (its .txt) first.`);
  }
  checkHtml(t, html);
  const current = await getHtmlFile(t, lang);
  if (current.html === html) return { saved: false };
  const shipped = shippedHtml(t).get(lang);
  await consistentTx(async (tx) => {
    if (shipped !== undefined && shipped === html) {
      await tx.htmlTemplateOverride.deleteMany({ where: { family: t, lang } });
    } else {
      await tx.htmlTemplateOverride.upsert({
        where: { family_lang: { family: t, lang } },
        create: { family: t, lang, html, updatedBy: actor },
        update: { html, updatedBy: actor },
      });
    }
    await tx.htmlTemplateVersion.create({ data: { family: t, lang, html, action: "save", actor } });
    await auditIn(tx, { action: "template.save_html", actor, target: `${t}/${lang}` });
  });
  invalidateHtml();
  return { saved: true };
}

/** Back to the shipped HTML (or to none, for a language that ships no HTML). */
export async function resetHtml(target: string, lang: string, actor: string): Promise<{ reset: boolean }> {
  const t = requireHtmlTarget(target);
  const reset = await consistentTx(async (tx) => {
    const { count } = await tx.htmlTemplateOverride.deleteMany({ where: { family: t, lang } });
    if (count === 0) return false;
    await tx.htmlTemplateVersion.create({ data: { family: t, lang, html: null, action: "reset", actor } });
    await auditIn(tx, { action: "template.reset_html", actor, target: `${t}/${lang}` });
    return true;
  });
  if (!reset) return { reset: false };
  invalidateHtml();
  return { reset: true };
}

export async function htmlHistory(target: string, lang: string, take = 50) {
  const t = requireHtmlTarget(target);
  const rows = await db().htmlTemplateVersion.findMany({ where: { family: t, lang }, orderBy: { id: "desc" }, take });
  return rows.map((r) => ({ id: r.id, action: r.action, actor: r.actor, at: r.createdAt.toISOString(), text: r.html }));
}

// Another process's save is seen within CACHE_MS; this process's saves invalidate at once. The
// cache lives on globalThis: Next.js bundles server actions and route handlers separately.
const CACHE_MS = 2000;
const globalForHtml = globalThis as unknown as { heraldHtmlCache?: HtmlCache };
function cache(): HtmlCache {
  return (globalForHtml.heraldHtmlCache ??= new HtmlCache({
    load: async (family, language) => {
      const [body, layout] = await Promise.all([getHtmlFile(family, language), layoutFor(language)]);
      return { body: body.html, layout };
    },
    inliner: async () => (await import("./inline-css")).inlineCss,
    ttlMs: CACHE_MS,
    maxCompiled: 200,
  }));
}
function invalidateHtml() {
  cache().invalidate();
}

/** How many times HTML was compiled in this process (for tests of the cache). */
export function htmlCompilations(): number {
  return cache().compilations;
}

/** The compiled HTML part of `family` in `language` (the resolved `.txt` language), or null for text only. */
export function resolveHtml(family: FamilyId, language: string): Promise<CompiledHtml | null> {
  return cache().resolve(family, language);
}
