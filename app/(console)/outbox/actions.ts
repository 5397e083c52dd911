"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { activeBatches, cancelMessages, idsMatching, retryMessages, statusCounts } from "@/lib/outbox/queries";
import { bulkOpSchema, compactFilter, outboxFilterSchema } from "@/lib/outbox/filter-schema";
import { setRetryPolicy } from "@/lib/outbox/settings";

function idList(ids: unknown): string[] {
  if (!Array.isArray(ids) || !ids.every((x) => typeof x === "string")) throw new AppError("validation", "No messages selected.");
  if (ids.length > 10_000) throw new AppError("validation", "At most 10,000 messages at a time.");
  return ids as string[];
}

export const retryMessagesAction = action("admin", async (me, ids: string[]) => {
  const n = await retryMessages(idList(ids), me.email);
  revalidatePath("/outbox");
  return { ok: true as const, data: { count: n } };
});

export const cancelMessagesAction = action("admin", async (me, ids: string[]) => {
  const n = await cancelMessages(idList(ids), me.email);
  revalidatePath("/outbox");
  return { ok: true as const, data: { count: n } };
});

export const bulkMatchingAction = action("admin", async (me, rawOp: unknown, rawFilter: unknown) => {
  // Both arguments come from the browser as they are: an unknown op must not fall through to
  // "cancel", and only the validated filter is used and audited.
  const op = bulkOpSchema.safeParse(rawOp);
  if (!op.success) throw new AppError("validation", op.error.issues[0].message, { op: [op.error.issues[0].message] });
  const parsed = outboxFilterSchema.safeParse(rawFilter ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("validation", issue.message, { [issue.path.length ? `filter.${issue.path.join(".")}` : "filter"]: [issue.message] });
  }
  const filter = compactFilter(parsed.data);
  const ids = await idsMatching(filter);
  const n = op.data === "retry" ? await retryMessages(ids, me.email, filter) : await cancelMessages(ids, me.email, filter);
  revalidatePath("/outbox");
  return { ok: true as const, data: { count: n } };
});

export const outboxProgressAction = action("admin", async () => {
  const [batches, counts] = await Promise.all([activeBatches(), statusCounts()]);
  return { ok: true as const, data: { batches, counts } };
});

export const saveRetryPolicyAction = action("admin", async (me, values: unknown) => {
  const policy = await setRetryPolicy(values, me.email);
  revalidatePath("/outbox");
  return { ok: true as const, data: policy };
});
