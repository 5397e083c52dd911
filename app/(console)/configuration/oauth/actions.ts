"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { applyPreset } from "@/lib/oauth/apply-preset";
import { sendOAuthTestEmail, testOAuthConnection, type OAuthSendView, type OAuthTestView } from "@/lib/oauth/console";
import { disconnect } from "@/lib/oauth/connection";

// applyPreset validates the preset's values itself (its messages name the preset's fields).
export const applyPresetAction = action("admin", z.tuple([z.unknown()]), async (me, [values]) => {
  const r = await applyPreset(values, me.email);
  revalidatePath("/configuration", "layout");
  return { ok: true as const, data: r };
});

export const testOAuthAction = action("admin", z.tuple([]), async (me) => {
  const data: OAuthTestView = await testOAuthConnection(me.id);
  return { ok: true as const, data };
});

// A blank recipient means "send it to me".
const recipient = z.unknown().transform((v) => (typeof v === "string" && v.trim() ? v.trim() : null));

export const sendOAuthTestEmailAction = action("admin", z.tuple([recipient]), async (me, [to]) => {
  const data: OAuthSendView = await sendOAuthTestEmail(to ?? me.email, me.id);
  return { ok: true as const, data };
});

export const disconnectOAuthAction = action("admin", z.tuple([]), async (me) => {
  const disconnected = await disconnect(me.email);
  revalidatePath("/configuration/oauth");
  return { ok: true as const, data: { disconnected } };
});
