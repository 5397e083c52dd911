// One definition of a recipient profile and its subscriptions, used by the console form, the
// API, the CSV import and the CLI. Pure (zod only): the browser form validates with it too.
import { z } from "zod";
import { normalizeLanguage } from "@/lib/templates/languages";
import { parseAddress } from "@/lib/config/address";
import { normalizePath } from "./paths";

/** AEM's page event types (com.day.cq.wcm.api.PageEvent modifications, as notifications name them). */
export const PAGE_EVENT_TYPES = [
  "PageCreated",
  "PageModified",
  "PageMoved",
  "PageDeleted",
  "PageActivated",
  "PageDeactivated",
  "PageVersionCreated",
  "PageRestored",
  "PageRolledOut",
  "PageValid",
  "PageInvalid",
] as const;
export type PageEventType = (typeof PAGE_EVENT_TYPES)[number];

export const pageEventTypeSchema = z.enum(PAGE_EVENT_TYPES, {
  error: (i) => `must be one of ${PAGE_EVENT_TYPES.join(", ")}${typeof i.input === "string" ? ` (got "${i.input}")` : ""}`,
});

export const pathSchema = z.string({ error: "must be a path such as /content/site" }).transform((v, ctx) => {
  const r = normalizePath(v);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.error });
    return z.NEVER;
  }
  return r.path;
});

export const recipientIdSchema = z
  .string({ error: "must be text" })
  .trim()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters long")
  .regex(/^[^\s/\\?#%\u0000-\u001F\u007F]+$/, "must not contain spaces, slashes, ?, #, % or control characters");

export const emailSchema = z
  .string({ error: "must be an email address" })
  .trim()
  .max(254, "must be at most 254 characters long")
  .transform((v, ctx) => {
    const r = parseAddress(v);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: `is not a valid email address: ${r.error}` });
      return z.NEVER;
    }
    if (r.value.name) {
      ctx.addIssue({ code: "custom", message: "must be the address alone (name@example.com), without a display name" });
      return z.NEVER;
    }
    return r.value.address.toLowerCase();
  });

/** ISO 639-1 code; regional forms (de_CH, de-CH, DE) are stored as the language (de). */
export const languageSchema = z
  .string({ error: "must be a language code such as en or de" })
  .trim()
  .transform((v, ctx) => {
    const code = normalizeLanguage(v);
    if (!code) {
      ctx.addIssue({ code: "custom", message: `"${v}" is not an ISO 639-1 language code (e.g. en, de, pt, or de_CH)` });
      return z.NEVER;
    }
    return code;
  });

const nameText = (max: number) =>
  z
    .string({ error: "must be text" })
    .trim()
    .max(max, `must be at most ${max} characters long`)
    .regex(/^[^\u0000-\u001F\u007F]*$/, "must not contain line breaks or control characters");

export const subscriptionSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({
      kind: z.literal("page"),
      path: pathSchema,
      /** Empty or missing: every page event type. */
      eventTypes: z.array(pageEventTypeSchema).max(PAGE_EVENT_TYPES.length).optional().default([]),
    }),
    z.strictObject({ kind: z.literal("forum"), path: pathSchema }),
  ],
  { error: 'must have kind "page" or "forum"' },
);
export type SubscriptionInput = z.input<typeof subscriptionSchema>;
export type Subscription = z.output<typeof subscriptionSchema>;

export const recipientSchema = z
  .strictObject({
    id: recipientIdSchema,
    email: emailSchema,
    name: nameText(200).min(1, "must not be empty"),
    familyName: nameText(200).optional().default(""),
    language: languageSchema.optional().default("en"),
    /** Send this recipient the text part only (no HTML alternative). */
    plainTextOnly: z.boolean({ error: "must be true or false" }).optional().default(false),
    subscriptions: z.array(subscriptionSchema).max(200, "at most 200 subscriptions").optional().default([]),
  })
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.subscriptions.forEach((s, i) => {
      const k = `${s.kind} ${s.path}`;
      if (seen.has(k)) ctx.addIssue({ code: "custom", path: ["subscriptions", i, "path"], message: `${s.path} is listed twice for ${s.kind} events` });
      seen.add(k);
    });
  });
export type RecipientData = z.output<typeof recipientSchema>;

/** A partial update (PATCH): every field optional, id not changeable. */
export const recipientPatchSchema = z.strictObject({
  email: emailSchema.optional(),
  name: nameText(200).min(1, "must not be empty").optional(),
  familyName: nameText(200).optional(),
  language: languageSchema.optional(),
  plainTextOnly: z.boolean({ error: "must be true or false" }).optional(),
  subscriptions: z.array(subscriptionSchema).max(200).optional(),
});

// --- the compact subscription notation of the CSV file and the console's text area --------------
// page:/content/site[PageModified|PageActivated]; forum:/content/community/forum

export function formatSubscriptions(subs: readonly Subscription[]): string {
  return subs
    .map((s) => (s.kind === "page" && s.eventTypes.length ? `page:${s.path}[${s.eventTypes.join("|")}]` : `${s.kind}:${s.path}`))
    .join("; ");
}

/** Parses the compact notation; errors name the entry. Returns raw inputs for subscriptionSchema. */
export function parseSubscriptions(text: string): { ok: true; value: SubscriptionInput[] } | { ok: false; error: string } {
  const out: SubscriptionInput[] = [];
  const entries = text
    .split(/[;\n]/)
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const m = /^(page|forum)\s*:\s*([^\s[\]]+)\s*(?:\[([^\]]*)\])?$/.exec(entry);
    if (!m) return { ok: false, error: `"${entry}" is not a subscription; write page:/content/site, page:/content/site[PageModified|PageCreated] or forum:/content/forum` };
    const [, kind, path = "", types] = m;
    if (kind === "forum") {
      if (types !== undefined) return { ok: false, error: `"${entry}": forum subscriptions have no event types` };
      out.push({ kind: "forum", path });
    } else {
      const list = types === undefined ? [] : types.split(/[|,]/).map((t) => t.trim()).filter(Boolean);
      out.push({ kind: "page", path, eventTypes: list as PageEventType[] });
    }
  }
  return { ok: true, value: out };
}
