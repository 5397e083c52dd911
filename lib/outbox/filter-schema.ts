/**
 * The outbox filter and bulk operation as they arrive from the browser (server action arguments
 * are untrusted input). Pure: no server imports, so the Outbox page's client code may use it too.
 */
import { z } from "zod";
import { FAMILY_IDS } from "@/lib/templates/catalog";

export const OUTBOX_STATUS_VALUES = ["queued", "sending", "sent", "failed", "dead", "cancelled"] as const;

export const bulkOpSchema = z.enum(["retry", "cancel"], { error: 'The operation must be "retry" or "cancel".' });

const time = (label: string) =>
  z
    .string({ error: `${label} must be a date and time.` })
    .max(40, `${label} must be a date and time.`)
    .refine((v) => {
      const t = Date.parse(v);
      return !Number.isNaN(t) && t >= 0 && t < Date.UTC(10000, 0, 1);
    }, `${label} must be a date and time between 1970 and 9999.`)
    .optional();

/** Unknown keys are refused: whatever passes is exactly what is filtered on and audited. */
export const outboxFilterSchema = z.strictObject(
  {
    status: z.enum(OUTBOX_STATUS_VALUES, { error: `Status must be one of ${OUTBOX_STATUS_VALUES.join(", ")}.` }).optional(),
    recipient: z.string({ error: "Recipient must be text." }).max(320, "Recipient must be at most 320 characters long.").optional(),
    family: z.enum([...FAMILY_IDS, "direct"], { error: `Family must be one of ${[...FAMILY_IDS, "direct"].join(", ")}.` }).optional(),
    from: time("From"),
    to: time("To"),
  },
  { error: (iss) => (iss.code === "unrecognized_keys" ? `Unknown filter field: ${iss.keys.join(", ")}.` : "The filter must be an object.") },
);

export type ValidOutboxFilter = z.infer<typeof outboxFilterSchema>;

/** Drops the keys the page sends as undefined / empty so the stored filter stays small. */
export function compactFilter(f: ValidOutboxFilter): ValidOutboxFilter {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== "")) as ValidOutboxFilter;
}
