// API keys: scopes and the create form's schema. Pure (used by the console form too).
import { z } from "zod";
import { VALIDATION as V, fill } from "@/lib/validations/messages";

export const API_SCOPES = ["send", "recipients", "templates"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const SCOPE_HELP: Record<ApiScope, string> = {
  send: "send notifications and direct mail, read message status",
  recipients: "read and change the recipient directory and subscriptions",
  templates: "read and change templates",
};

export const createApiKeySchema = z.strictObject({
  name: z
    .string({ error: V.keyNameRequired })
    .trim()
    .min(1, V.keyNameEmpty)
    .max(100, V.keyNameMax)
    .regex(/^[^\u0000-\u001F\u007F]*$/, V.noControlChars),
  scopes: z
    .array(z.enum(API_SCOPES, { error: fill(V.scopeInvalid, { scopes: API_SCOPES.join(", ") }) }), { error: V.scopesRequired })
    .min(1, V.scopesRequired)
    .transform((s) => [...new Set(s)].sort() as ApiScope[]),
  rateLimit: z.coerce
    .number({ error: V.numberRequired })
    .int(V.wholeNumber)
    .min(1, V.rateMin)
    .max(1_000_000, V.rateMax)
    .optional(),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

/** "send,recipients" → ["recipients", "send"]; unknown names are reported. */
export function parseScopeList(text: string): { ok: true; scopes: ApiScope[] } | { ok: false; error: string } {
  const items = text.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
  const bad = items.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (bad.length) return { ok: false, error: `unknown scope${bad.length > 1 ? "s" : ""} ${bad.join(", ")} (choose from ${API_SCOPES.join(", ")})` };
  if (!items.length) return { ok: false, error: `name at least one scope (${API_SCOPES.join(", ")})` };
  return { ok: true, scopes: [...new Set(items)].sort() as ApiScope[] };
}
