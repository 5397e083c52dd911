import "server-only";
// Where templates come from at run time: the shipped defaults in templates/<family>/<lang>.txt
// (AEM's /libs, read-only) overlaid by edits stored in the database (AEM's /apps): an override
// per (family, language), with every change kept in TemplateVersion.
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { auditIn } from "@/lib/db/audit";
import { consistentTx } from "@/lib/db/tx";
import {
  FAMILIES,
  isFamilyId,
  type FamilyId,
  lintTemplate,
  hasLintErrors,
  isIsoLanguage,
  languageName,
  resolveLanguage,
  normalizeLanguage,
  parseProperties,
  compileTemplate,
  type CompiledTemplate,
  type LanguageResolution,
} from "@/lib/templates";

export const DEFAULT_LANGUAGE = "en";

function templatesDir(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "templates");
}

const shippedCache = new Map<string, Map<string, string>>();

/** The shipped default files of a family, by language (read once per process). */
export function shippedTemplates(family: FamilyId): Map<string, string> {
  let m = shippedCache.get(family);
  if (!m) {
    m = new Map();
    const dir = path.join(templatesDir(), family);
    if (fs.existsSync(/*turbopackIgnore: true*/ dir)) {
      for (const f of fs.readdirSync(/*turbopackIgnore: true*/ dir).sort()) {
        const lang = /^([a-z]{2})\.txt$/.exec(f)?.[1];
        // CRLF / CR line ends mean the same to the Properties reader; the editor (and the
        // database) use LF, so a checkout with Windows line ends must not look "modified".
        if (lang) m.set(lang, fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, f), "utf8").replace(/\r\n?/g, "\n"));
      }
    }
    shippedCache.set(family, m);
  }
  return m;
}

export function requireFamilyId(family: string): FamilyId {
  if (!isFamilyId(family)) throw new AppError("not_found", `"${family}" is not a template family (${FAMILIES.map((f) => f.id).join(", ")}).`);
  return family;
}

function requireLanguage(lang: string): string {
  if (!isIsoLanguage(lang)) {
    // "de-CH", "iw", "deu" name a language, but a template file is named by its ISO 639-1 code.
    const suggestion = normalizeLanguage(lang);
    const hint = suggestion && suggestion !== lang ? `Use "${suggestion}" (${languageName(suggestion)}).` : "Use a two-letter ISO 639-1 code such as de or es.";
    throw new AppError("validation", `"${lang}" is not a two-letter ISO 639-1 language code. ${hint}`, { lang: [hint] });
  }
  return lang;
}

/** Unique-constraint violations (two people adding the same language at once) are a conflict, not a 500. */
function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}

export type TemplateStatus = "default" | "modified" | "added";

export interface TemplateCell {
  family: FamilyId;
  lang: string;
  languageName: string;
  status: TemplateStatus;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Every family × language with its state, for the templates matrix. */
export async function templateMatrix(): Promise<{ languages: string[]; cells: TemplateCell[] }> {
  const overrides = await db().templateOverride.findMany({ select: { family: true, lang: true, updatedAt: true, updatedBy: true } });
  const cells: TemplateCell[] = [];
  const langs = new Set<string>();
  for (const fam of FAMILIES) {
    const shipped = shippedTemplates(fam.id);
    const own = overrides.filter((o) => o.family === fam.id);
    const all = new Set([...shipped.keys(), ...own.map((o) => o.lang)]);
    for (const lang of [...all].sort()) {
      langs.add(lang);
      const o = own.find((x) => x.lang === lang);
      cells.push({
        family: fam.id,
        lang,
        languageName: languageName(lang) ?? lang,
        status: o ? (shipped.has(lang) ? "modified" : "added") : "default",
        updatedAt: o?.updatedAt.toISOString() ?? null,
        updatedBy: o?.updatedBy ?? null,
      });
    }
  }
  const order = [...langs].sort((a, b) => (a === DEFAULT_LANGUAGE ? -1 : b === DEFAULT_LANGUAGE ? 1 : a.localeCompare(b)));
  return { languages: order, cells };
}

export interface TemplateFile {
  family: FamilyId;
  lang: string;
  text: string;
  status: TemplateStatus;
  /** The shipped default of this language, or null for an added language. */
  defaultText: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function getTemplateFile(family: string, lang: string): Promise<TemplateFile | null> {
  const fam = requireFamilyId(family);
  const shipped = shippedTemplates(fam).get(lang) ?? null;
  const o = await db().templateOverride.findUnique({ where: { family_lang: { family: fam, lang } } });
  if (!o && shipped === null) return null;
  return {
    family: fam,
    lang,
    text: o?.text ?? shipped!,
    status: o ? (shipped !== null ? "modified" : "added") : "default",
    defaultText: shipped,
    updatedAt: o?.updatedAt.toISOString() ?? null,
    updatedBy: o?.updatedBy ?? null,
  };
}

/** Languages a family can be sent in: shipped files and added languages. */
export async function availableLanguages(family: FamilyId): Promise<string[]> {
  const own = await db().templateOverride.findMany({ where: { family }, select: { lang: true } });
  return [...new Set([...shippedTemplates(family).keys(), ...own.map((o) => o.lang)])].sort();
}

function checkText(family: FamilyId, text: string) {
  if (typeof text !== "string") throw new AppError("validation", "The template text is missing.");
  if (text.length > 512 * 1024) throw new AppError("payload_too_large", "A template may be at most 512 KB.");
  const errors = lintTemplate(family, text).filter((d) => d.severity === "error");
  if (hasLintErrors(errors)) {
    throw new AppError("validation", `The template has errors and was not saved: ${errors.map((e) => `line ${e.line}: ${e.message}`).join("; ")}`, {
      text: errors.map((e) => `line ${e.line}: ${e.message}`),
    });
  }
}

/** Stores an edit (override) and its history entry. Refuses text with errors (warnings are fine). */
export async function saveTemplate(family: string, lang: string, text: string, actor: string) {
  const fam = requireFamilyId(family);
  requireLanguage(lang);
  const current = await getTemplateFile(fam, lang);
  if (!current) throw new AppError("not_found", `There is no ${lang} template for ${fam}; add the language first.`);
  checkText(fam, text);
  if (current.text === text) return { saved: false };
  const shipped = shippedTemplates(fam).get(lang);
  await consistentTx(async (tx) => {
    if (shipped !== undefined && shipped === text) {
      // Saving the default text back is a reset: no override needed.
      await tx.templateOverride.deleteMany({ where: { family: fam, lang } });
    } else {
      await tx.templateOverride.upsert({
        where: { family_lang: { family: fam, lang } },
        create: { family: fam, lang, text, updatedBy: actor },
        update: { text, updatedBy: actor },
      });
    }
    await tx.templateVersion.create({ data: { family: fam, lang, text, action: "save", actor } });
    await auditIn(tx, { action: "template.save", actor, target: `${fam}/${lang}` });
  });
  invalidate();
  return { saved: true };
}

/**
 * Back to the shipped default (only for languages that ship one). Resetting a template that is
 * not modified changes nothing and records nothing.
 */
export async function resetTemplate(family: string, lang: string, actor: string): Promise<{ reset: boolean }> {
  const fam = requireFamilyId(family);
  if (!shippedTemplates(fam).has(lang)) throw new AppError("conflict", `${lang} has no shipped default for ${fam}; remove the language instead.`);
  const reset = await consistentTx(async (tx) => {
    const { count } = await tx.templateOverride.deleteMany({ where: { family: fam, lang } });
    if (count === 0) return false;
    await tx.templateVersion.create({ data: { family: fam, lang, text: null, action: "reset", actor } });
    await auditIn(tx, { action: "template.reset", actor, target: `${fam}/${lang}` });
    return true;
  });
  if (!reset) return { reset: false };
  invalidate();
  return { reset: true };
}

/** Adds a language to a family, starting from the effective English template. Returns its code. */
export async function addLanguage(family: string, lang: string, actor: string): Promise<{ lang: string }> {
  const fam = requireFamilyId(family);
  // Codes are lower case in file names; "ES" is a typing slip, not another language.
  const code = requireLanguage(String(lang ?? "").trim().toLowerCase());
  const exists = () => new AppError("conflict", `${fam} already has a ${languageName(code) ?? code} (${code}) template.`, { lang: [`${code} already exists`] });
  if ((await availableLanguages(fam)).includes(code)) throw exists();
  const en = await getTemplateFile(fam, DEFAULT_LANGUAGE);
  if (!en) throw new AppError("unavailable", `${fam} has no English template to start from.`);
  try {
    await consistentTx(async (tx) => {
      await tx.templateOverride.create({ data: { family: fam, lang: code, text: en.text, updatedBy: actor } });
      await tx.templateVersion.create({ data: { family: fam, lang: code, text: en.text, action: "add", actor } });
      await auditIn(tx, { action: "template.add_language", actor, target: `${fam}/${code}` });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw exists();
    throw e;
  }
  invalidate();
  return { lang: code };
}

/** Removes an added language (its override). Shipped languages can only be reset. */
export async function removeLanguage(family: string, lang: string, actor: string) {
  const fam = requireFamilyId(family);
  if (shippedTemplates(fam).has(lang)) throw new AppError("conflict", `${lang} ships with Herald and cannot be removed; reset it to the default instead.`);
  const removed = await consistentTx(async (tx) => {
    const { count } = await tx.templateOverride.deleteMany({ where: { family: fam, lang } });
    if (count === 0) return false;
    await tx.templateVersion.create({ data: { family: fam, lang, text: null, action: "remove", actor } });
    await auditIn(tx, { action: "template.remove_language", actor, target: `${fam}/${lang}` });
    return true;
  });
  if (!removed) throw new AppError("not_found", `${fam} has no ${lang} template.`);
  invalidate();
}

export async function templateHistory(family: string, lang: string, take = 50) {
  const fam = requireFamilyId(family);
  const rows = await db().templateVersion.findMany({ where: { family: fam, lang }, orderBy: { id: "desc" }, take });
  return rows.map((r) => ({ id: r.id, action: r.action, actor: r.actor, at: r.createdAt.toISOString(), text: r.text }));
}

// Compiled templates for sending, cached per process. Another process (a worker) sees an edit
// within CACHE_MS; this process sees its own edits at once. The cache hangs off globalThis because
// Next.js bundles server actions and route handlers separately: a module-level Map would exist
// once per bundle, and a save in one would leave the other serving the old template.
const CACHE_MS = 2000;
interface TemplateCaches {
  languages: Map<FamilyId, { at: number; languages: string[] }>;
  compiled: Map<string, { at: number; compiled: CompiledTemplate }>;
}
const globalForTemplates = globalThis as unknown as { heraldTemplateCaches?: TemplateCaches };
function caches(): TemplateCaches {
  return (globalForTemplates.heraldTemplateCaches ??= { languages: new Map(), compiled: new Map() });
}
function invalidate() {
  globalForTemplates.heraldTemplateCaches = { languages: new Map(), compiled: new Map() };
}

export interface ResolvedTemplate {
  family: FamilyId;
  language: string;
  resolution: LanguageResolution;
  compiled: CompiledTemplate;
}

/** The template to send to a recipient of `requestedLanguage`: theirs, else English. */
export async function resolveTemplate(family: string, requestedLanguage: string | null | undefined): Promise<ResolvedTemplate> {
  const fam = requireFamilyId(family);
  const now = Date.now();
  const { languages: languageCache, compiled: compiledCache } = caches();
  let langs = languageCache.get(fam);
  if (!langs || now - langs.at > CACHE_MS) {
    langs = { at: now, languages: await availableLanguages(fam) };
    languageCache.set(fam, langs);
  }
  const resolution = resolveLanguage(requestedLanguage, langs.languages);
  if (!resolution.language) throw new AppError("unavailable", `The ${fam} family has no template to send.`);
  const key = `${fam}:${resolution.language}`;
  let hit = compiledCache.get(key);
  if (!hit || now - hit.at > CACHE_MS) {
    const file = await getTemplateFile(fam, resolution.language);
    // Removed by another process since the language list was cached.
    if (!file) {
      languageCache.delete(fam);
      throw new AppError("unavailable", `The ${fam}/${resolution.language} template was just removed; try again.`);
    }
    const parsed = parseProperties(file.text);
    if (!parsed.ok) throw new AppError("unavailable", `The ${fam}/${resolution.language} template cannot be read: ${parsed.error.message}`);
    hit = { at: now, compiled: compileTemplate(parsed.entries, { family: fam }) };
    compiledCache.set(key, hit);
  }
  return { family: fam, language: resolution.language, resolution, compiled: hit.compiled };
}
