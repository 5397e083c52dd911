"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { saveServiceConfig, restoreVersion } from "@/lib/config/store";
import { sendTestEmailWithForm, type TestEmailView } from "@/lib/config/test-email";

function asRecord(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new AppError("validation", `${what} must be an object.`);
  return v as Record<string, unknown>;
}

function asStringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

export const saveServiceAction = action("admin", async (me, pid: string, values: Record<string, unknown>, clear: string[]) => {
  const r = await saveServiceConfig(String(pid), asRecord(values, "The form"), { actor: me.email, clear: asStringList(clear) });
  revalidatePath("/configuration");
  return { ok: true as const, data: { saved: r.saved, version: r.version, changes: r.changes.map((c) => c.label) } };
});

export const restoreVersionAction = action("admin", async (me, pid: string, version: number) => {
  const r = await restoreVersion(String(pid), Number(version), me.email);
  revalidatePath("/configuration");
  return { ok: true as const, data: { saved: r.saved, version: r.version } };
});

export const sendTestEmailAction = action("admin", async (me, values: Record<string, unknown>, clear: string[], to: string) => {
  const data: TestEmailView = await sendTestEmailWithForm(asRecord(values, "The form"), asStringList(clear), typeof to === "string" && to.trim() ? to.trim() : me.email);
  return { ok: true as const, data };
});
