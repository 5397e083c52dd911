import "server-only";
// POST /api/v1/templates/render: {family, lang, data} → the email a recipient of that language
// would get, rendered from the effective template (override or shipped default), with the
// language choice and every problem reported instead of silently sent.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { FAMILY_IDS, renderHtml, renderTemplate, type LanguageResolution } from "@/lib/templates";
import { resolveHtml } from "./html-store";
import { resolveTemplate } from "./store";

const value = z.union([z.string(), z.number(), z.boolean(), z.null()], {
  error: "Must be a string, number, boolean or null.",
});

export const renderRequestSchema = z.strictObject({
  family: z.enum(FAMILY_IDS, { error: `Must be one of ${FAMILY_IDS.join(", ")}.` }),
  lang: z.string({ error: "Must be a language code such as de or pt-BR." }).max(64, "Too long for a language code.").nullable().optional(),
  data: z.record(z.string(), value, { error: "Must be an object of variable names and values." }).optional(),
});

export type RenderRequest = z.infer<typeof renderRequestSchema>;

export interface RenderResponse {
  subject: string;
  /** The text part (header + message + footer of the `.txt`). */
  text: string;
  /** Same as text (the field's name before HTML mail). */
  body: string;
  /** The HTML part (layout wrapped, CSS inlined, variables escaped), or null when there is none. */
  html: string | null;
  language: string;
  resolution: Pick<LanguageResolution, "requested" | "normalized" | "fallback" | "reason" | "detail">;
  /** Everything worth a look, text and HTML part ("HTML: …"). */
  warnings: string[];
  /** The HTML part's own warnings (also in `warnings`): a text-only caller leaves them out. */
  htmlWarnings: string[];
}

/** Validates the request body; every bad field is named by its path (`data.item.id`). */
export function parseRenderRequest(body: unknown): RenderRequest {
  const r = renderRequestSchema.safeParse(body);
  if (r.success) return r.data;
  const fields: Record<string, string[]> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_body";
    const message = issue.code === "unrecognized_keys" ? `Unknown field(s): ${issue.keys.join(", ")}.` : issue.message;
    (fields[key] ??= []).push(message);
  }
  const [field, [message] = []] = Object.entries(fields)[0] ?? [];
  throw new AppError("validation", `Invalid request: ${field}: ${message}`, fields);
}

export async function renderForRequest(body: unknown): Promise<RenderResponse> {
  const req = parseRenderRequest(body);
  const resolved = await resolveTemplate(req.family, req.lang ?? null);
  const r = renderTemplate(resolved.compiled, req.data ?? {});
  const warnings: string[] = [];
  if (resolved.resolution.fallback) warnings.push(`Language: ${resolved.resolution.detail}`);
  for (const p of r.problems) {
    warnings.push(
      p.reason === "unknown"
        ? `\${${p.name}} is not a ${req.family} variable; it was left as written (in ${p.keys.join(", ")}).`
        : `No value for \${${p.name}}; it was left as written (in ${p.keys.join(", ")}).`,
    );
  }
  for (const e of r.errors) warnings.push(e.message);
  const compiledHtml = await resolveHtml(resolved.family, resolved.language);
  const h = compiledHtml ? renderHtml(compiledHtml, req.data ?? {}) : null;
  const htmlWarnings: string[] = [];
  for (const p of h?.problems ?? []) {
    if (p.reason === "unsafe-url") htmlWarnings.push(`HTML: a link built from \${${p.name}} is not an http(s) URL ("${p.value}"); it was replaced by "#".`);
    else if (!r.problems.some((q) => q.name === p.name)) {
      htmlWarnings.push(p.reason === "unknown" ? `HTML: \${${p.name}} is not a ${req.family} variable; it was left as written.` : `HTML: no value for \${${p.name}}; it was left as written.`);
    }
  }
  const { requested, normalized, fallback, reason, detail } = resolved.resolution;
  return {
    subject: r.subjectForSending,
    text: r.body,
    body: r.body,
    html: h?.html ?? null,
    language: resolved.language,
    resolution: { requested, normalized, fallback, reason, detail },
    warnings: [...warnings, ...htmlWarnings],
    htmlWarnings,
  };
}
