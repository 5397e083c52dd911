"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { createApiKey, revokeApiKey } from "@/lib/apikeys/store";
import { createApiKeySchema } from "@/lib/apikeys/schema";

export const createApiKeyAction = action("admin", z.tuple([createApiKeySchema]), async (me, [input]) => {
  const { key, view } = await createApiKey(input, me.email);
  revalidatePath("/api-keys");
  // The key is shown once to the admin who created it; only its hash is stored.
  return { ok: true as const, data: { key, prefix: view.prefix, name: view.name } };
});

export const revokeApiKeyAction = action("admin", z.tuple([z.coerce.string()]), async (me, [id]) => {
  await revokeApiKey(id, me.email);
  revalidatePath("/api-keys");
  return { ok: true as const };
});
