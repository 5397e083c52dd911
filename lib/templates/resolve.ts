// Chooses the language of a template for a recipient: their profile language when the family
// has a template for it (after normalising `de-CH`, `DE`, `iw`, … to an ISO 639-1 code), else
// English, as AEM does. Pure.
import { normalizeLanguage } from "./languages";
import { templateText, type TemplateMessage } from "./messages";

export const DEFAULT_LANGUAGE = "en";

export type ResolutionReason =
  /** The requested code, exactly as given, has a template. */
  | "exact"
  /** The request was normalised (`de-CH`, `DE`, `iw`, `deu`) to a code that has a template. */
  | "normalized"
  /** No language was requested. */
  | "not-requested"
  /** The request names no ISO 639-1 language. */
  | "invalid"
  /** A valid language without a template in this family. */
  | "not-available"
  /** Fell back, but the family has no template in the default language either; another was used. */
  | "default-missing"
  /** The family has no templates at all. */
  | "no-templates";

export interface LanguageResolution {
  /** The language to use; null only when the family has no template at all. */
  language: string | null;
  /** The request as given (null when none). */
  requested: string | null;
  /** The request as an ISO 639-1 code, null when it names no language. */
  normalized: string | null;
  /** True when the recipient does not get their own language. */
  fallback: boolean;
  reason: ResolutionReason;
  /** A sentence for logs and the preview. */
  detail: string;
  /** `detail` by key and values, for the console to translate; `because` is the reason's own text. */
  i18n: TemplateMessage & { because?: TemplateMessage };
}

export interface ResolveOptions {
  /** Default "en". */
  defaultLanguage?: string;
}

/**
 * @param requested the recipient's language setting (`de`, `de_CH`, `pt-BR`, …)
 * @param available the family's template languages (file names without `.txt`)
 */
export function resolveLanguage(
  requested: string | null | undefined,
  available: Iterable<string>,
  options: ResolveOptions = {},
): LanguageResolution {
  const def = normalizeLanguage(options.defaultLanguage ?? DEFAULT_LANGUAGE) ?? DEFAULT_LANGUAGE;
  const langs = new Set<string>();
  for (const a of available) {
    // File names are exact codes; tolerate case only.
    const code = typeof a === "string" ? a.trim().toLowerCase() : "";
    if (code) langs.add(code);
  }
  const req = typeof requested === "string" && requested.trim() !== "" ? requested : null;
  const normalized = req === null ? null : normalizeLanguage(req);

  if (normalized !== null && langs.has(normalized)) {
    const exact = req === normalized;
    return {
      language: normalized,
      requested: req,
      normalized,
      fallback: false,
      reason: exact ? "exact" : "normalized",
      ...detailOf(exact ? { key: "resolveExact", values: { lang: normalized } } : { key: "resolveNormalized", values: { requested: req ?? "", lang: normalized } }),
    };
  }

  const why: ResolutionReason = req === null ? "not-requested" : normalized === null ? "invalid" : "not-available";
  const because: TemplateMessage =
    why === "not-requested"
      ? { key: "resolveNotRequested", values: {} }
      : why === "invalid"
        ? { key: "resolveInvalid", values: { requested: req ?? "" } }
        : { key: "resolveNotAvailable", values: { lang: normalized ?? "" } };

  if (langs.has(def)) {
    return { language: def, requested: req, normalized, fallback: true, reason: why, ...detailOf({ key: "resolveFallback", values: { lang: def } }, because) };
  }
  const first = [...langs].sort()[0];
  if (first !== undefined) {
    return {
      language: first,
      requested: req,
      normalized,
      fallback: true,
      reason: "default-missing",
      ...detailOf({ key: "resolveDefaultMissing", values: { default: def, lang: first } }, because),
    };
  }
  return {
    language: null,
    requested: req,
    normalized,
    fallback: true,
    reason: "no-templates",
    ...detailOf({ key: "resolveNoTemplates", values: {} }, because),
  };
}

/** The English detail and its key: `because`, when given, fills the {because} of the outer text. */
function detailOf(m: TemplateMessage, because?: TemplateMessage): Pick<LanguageResolution, "detail" | "i18n"> {
  if (!because) return { detail: templateText(m.key, m.values), i18n: m };
  return { detail: templateText(m.key, { ...m.values, because: templateText(because.key, because.values) }), i18n: { ...m, because } };
}
