"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/session";
import { recordAudit } from "@/lib/db/audit";
import { createApiKey, revokeApiKey } from "@/lib/apikeys/store";
import type { CreateApiKeyInput } from "@/lib/apikeys/schema";

export const createApiKeyAction = action("admin", async (me, input: CreateApiKeyInput) => {
  const { key, view } = await createApiKey(input, me.email);
  await recordAudit("apikey.create", me.email, view.prefix, { name: view.name, scopes: view.scopes });
  revalidatePath("/api-keys");
  // The key is shown once to the admin who created it; only its hash is stored.
  return { ok: true as const, data: { key, prefix: view.prefix, name: view.name } };
});

export const revokeApiKeyAction = action("admin", async (me, id: string) => {
  const k = await revokeApiKey(String(id), me.email);
  await recordAudit("apikey.revoke", me.email, k.prefix, { name: k.name });
  revalidatePath("/api-keys");
  return { ok: true as const };
});
