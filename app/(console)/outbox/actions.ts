"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { AppError } from "@/lib/errors";
import { activeBatches, idsMatching, statusCounts } from "@/lib/outbox/queries";
import { cancelMessages, retryMessages } from "@/lib/outbox/commands";
import { bulkOpSchema, compactFilter, outboxFilterSchema } from "@/lib/outbox/filter-schema";
import { setRetryPolicy } from "@/lib/outbox/settings";

const NONE_SELECTED = "No messages selected.";
const messageIds = z.tuple([z.array(z.string({ error: NONE_SELECTED }), { error: NONE_SELECTED }).max(10_000, "At most 10,000 messages at a time.")]);
const selectionInvalid = { invalid: (e: z.ZodError) => new AppError("validation", e.issues[0]?.message ?? NONE_SELECTED) };

export const retryMessagesAction = action(
  "admin",
  messageIds,
  async (me, [ids]) => {
    const n = await retryMessages(ids, me.email);
    revalidatePath("/outbox");
    return { ok: true as const, data: { count: n } };
  },
  selectionInvalid,
);

export const cancelMessagesAction = action(
  "admin",
  messageIds,
  async (me, [ids]) => {
    const n = await cancelMessages(ids, me.email);
    revalidatePath("/outbox");
    return { ok: true as const, data: { count: n } };
  },
  selectionInvalid,
);

// Both arguments come from the browser as they are: an unknown op must not fall through to
// "cancel", and only the validated filter is used and audited.
function bulkInvalid(error: z.ZodError): AppError {
  const issue = error.issues[0] ?? { message: "The request is not valid.", path: [] };
  const [arg, ...path] = issue.path;
  const field = arg === 0 ? "op" : path.length ? `filter.${path.join(".")}` : "filter";
  return new AppError("validation", issue.message, { [field]: [issue.message] });
}

export const bulkMatchingAction = action(
  "admin",
  z.tuple([bulkOpSchema, z.preprocess((v) => v ?? {}, outboxFilterSchema)]),
  async (me, [op, rawFilter]) => {
    const filter = compactFilter(rawFilter);
    const ids = await idsMatching(filter);
    const n = op === "retry" ? await retryMessages(ids, me.email, filter) : await cancelMessages(ids, me.email, filter);
    revalidatePath("/outbox");
    return { ok: true as const, data: { count: n } };
  },
  { invalid: bulkInvalid },
);

export const outboxProgressAction = action("admin", z.tuple([]), async () => {
  const [batches, counts] = await Promise.all([activeBatches(), statusCounts()]);
  return { ok: true as const, data: { batches, counts } };
});

// setRetryPolicy validates the policy itself (null resets it to the defaults).
export const saveRetryPolicyAction = action("admin", z.tuple([z.unknown()]), async (me, [values]) => {
  const policy = await setRetryPolicy(values, me.email);
  revalidatePath("/outbox");
  return { ok: true as const, data: policy };
});
