"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/session";
import { createApiKey, revokeApiKey } from "@/lib/apikeys/store";
import type { CreateApiKeyInput } from "@/lib/apikeys/schema";

export const createApiKeyAction = action("admin", async (me, input: CreateApiKeyInput) => {
  const { key, view } = await createApiKey(input, me.email);
  revalidatePath("/api-keys");
  // The key is shown once to the admin who created it; only its hash is stored.
  return { ok: true as const, data: { key, prefix: view.prefix, name: view.name } };
});

export const revokeApiKeyAction = action("admin", async (me, id: string) => {
  await revokeApiKey(String(id), me.email);
  revalidatePath("/api-keys");
  return { ok: true as const };
});
