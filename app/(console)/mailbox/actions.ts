"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { AppError } from "@/lib/errors";
import { setSandbox } from "@/lib/outbox/settings";
import { devMailboxMode } from "@/lib/outbox/target";
import { startDevMailbox } from "@/lib/mailbox/server";
import { clearMailbox } from "@/lib/mailbox/store";

export const setSandboxAction = action("admin", z.tuple([z.unknown().transform(Boolean)]), async (me, [on]) => {
  if (on) {
    if (devMailboxMode() === "off") {
      throw new AppError("conflict", "The built-in mailbox is switched off (HERALD_DEV_SMTP=0), so the sandbox cannot route mail to it.");
    }
    const running = await startDevMailbox();
    if (!running) throw new AppError("unavailable", "The built-in mailbox could not start; see the server log.");
  }
  await setSandbox(on, me.email);
  revalidatePath("/mailbox");
  revalidatePath("/");
  return { ok: true as const };
});

export const clearMailboxAction = action("admin", z.tuple([]), async (me) => {
  const n = await clearMailbox(me.email);
  revalidatePath("/mailbox");
  return { ok: true as const, data: { count: n } };
});
