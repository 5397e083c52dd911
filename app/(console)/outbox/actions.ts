"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/db/audit";
import { activeBatches, assertStatus, cancelMessages, idsMatching, retryMessages, statusCounts, type OutboxFilter } from "@/lib/outbox/queries";
import { setRetryPolicy } from "@/lib/outbox/settings";

function idList(ids: unknown): string[] {
  if (!Array.isArray(ids) || !ids.every((x) => typeof x === "string")) throw new AppError("validation", "No messages selected.");
  if (ids.length > 10_000) throw new AppError("validation", "At most 10,000 messages at a time.");
  return ids as string[];
}

function filterFrom(f: unknown): OutboxFilter {
  const o = (f && typeof f === "object" ? f : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof o[k] === "string" && o[k] ? (o[k] as string) : undefined);
  return { status: assertStatus(str("status")), recipient: str("recipient"), family: str("family"), from: str("from"), to: str("to") };
}

export const retryMessagesAction = action("admin", async (me, ids: string[]) => {
  const n = await retryMessages(idList(ids), me.email);
  await recordAudit("outbox.retry", me.email, null, { count: n });
  revalidatePath("/outbox");
  return { ok: true as const, data: { count: n } };
});

export const cancelMessagesAction = action("admin", async (me, ids: string[]) => {
  const n = await cancelMessages(idList(ids), me.email);
  await recordAudit("outbox.cancel", me.email, null, { count: n });
  revalidatePath("/outbox");
  return { ok: true as const, data: { count: n } };
});

export const bulkMatchingAction = action("admin", async (me, op: "retry" | "cancel", filter: unknown) => {
  const ids = await idsMatching(filterFrom(filter));
  const n = op === "retry" ? await retryMessages(ids, me.email) : await cancelMessages(ids, me.email);
  await recordAudit(op === "retry" ? "outbox.retry" : "outbox.cancel", me.email, null, { count: n, filter });
  revalidatePath("/outbox");
  return { ok: true as const, data: { count: n } };
});

export const outboxProgressAction = action("admin", async () => {
  const [batches, counts] = await Promise.all([activeBatches(), statusCounts()]);
  return { ok: true as const, data: { batches, counts } };
});

export const saveRetryPolicyAction = action("admin", async (me, values: unknown) => {
  const policy = await setRetryPolicy(values, me.email);
  await recordAudit("sending.retry_policy", me.email, null, values === null ? { reset: true } : policy);
  revalidatePath("/outbox");
  return { ok: true as const, data: policy };
});
