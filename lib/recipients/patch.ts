// A partial change of a recipient (the API's PATCH): the given fields over the stored ones, and
// the result validated as a whole recipient, so a patch cannot leave one that a full write would
// refuse. Pure: the store applies it inside the transaction that reads the stored recipient.
import { z } from "zod";
import { AppError, fieldErrors } from "@/lib/errors";
import { recipientPatchSchema, recipientSchema, type RecipientData, type SubscriptionInput } from "./schema";

export type RecipientPatch = z.output<typeof recipientPatchSchema>;

/** What a patch is applied to: the stored recipient (its id never changes). */
export interface PatchBase {
  id: string;
  email: string;
  name: string;
  familyName: string;
  language: string;
  plainTextOnly: boolean;
  subscriptions: readonly SubscriptionInput[];
}

/** The recipient after the patch; an AppError (validation, naming the fields) when it is not valid. */
export function mergeRecipientPatch(current: PatchBase, patch: RecipientPatch): RecipientData {
  const merged = recipientSchema.safeParse({
    id: current.id,
    email: patch.email ?? current.email,
    name: patch.name ?? current.name,
    familyName: patch.familyName ?? current.familyName,
    language: patch.language ?? current.language,
    plainTextOnly: patch.plainTextOnly ?? current.plainTextOnly,
    subscriptions: patch.subscriptions ?? current.subscriptions,
  });
  if (!merged.success) throw new AppError("validation", "The change makes the recipient invalid.", fieldErrors(merged.error, { root: "_body" }));
  return merged.data;
}
