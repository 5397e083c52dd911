"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/session";
import { applyPreset } from "@/lib/oauth/apply-preset";
import { sendOAuthTestEmail, testOAuthConnection, type OAuthSendView, type OAuthTestView } from "@/lib/oauth/console";
import { disconnect } from "@/lib/oauth/connection";

export const applyPresetAction = action("admin", async (me, values: unknown) => {
  const r = await applyPreset(values, me.email);
  revalidatePath("/configuration", "layout");
  return { ok: true as const, data: r };
});

export const testOAuthAction = action("admin", async (me) => {
  const data: OAuthTestView = await testOAuthConnection(me.id);
  return { ok: true as const, data };
});

export const sendOAuthTestEmailAction = action("admin", async (me, to: unknown) => {
  const data: OAuthSendView = await sendOAuthTestEmail(typeof to === "string" && to.trim() ? to.trim() : me.email, me.id);
  return { ok: true as const, data };
});

export const disconnectOAuthAction = action("admin", async (me) => {
  const disconnected = await disconnect(me.email);
  revalidatePath("/configuration/oauth");
  return { ok: true as const, data: { disconnected } };
});
