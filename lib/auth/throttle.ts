import "server-only";
// Slows down password guessing: more than N failed sign-ins within a minute for one account or
// one client address blocks further attempts for that key until the window has moved on.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

export const WINDOW_MS = 60_000;

export function throttleKeys(email: string, address: string | null): string[] {
  const keys = [`account:${email.trim().toLowerCase()}`];
  if (address) keys.push(`address:${address}`);
  return keys;
}

/** Seconds to wait before another attempt is allowed, or 0. */
export async function secondsUntilAllowed(keys: string[], now = new Date()): Promise<number> {
  const max = env().HERALD_LOGIN_MAX_FAILURES;
  const since = new Date(now.getTime() - WINDOW_MS);
  let wait = 0;
  for (const key of keys) {
    const recent = await db().authFailure.findMany({
      where: { key, at: { gt: since } },
      orderBy: { at: "desc" },
      take: max,
      select: { at: true },
    });
    if (recent.length >= max) {
      // Allowed again once the oldest of the last `max` failures leaves the window.
      const oldest = recent[recent.length - 1].at.getTime();
      wait = Math.max(wait, Math.ceil((oldest + WINDOW_MS - now.getTime()) / 1000));
    }
  }
  return wait;
}

export async function recordFailure(keys: string[]) {
  await db().authFailure.createMany({ data: keys.map((key) => ({ key })) });
  // Keep the table small: nothing older than the window matters.
  await db().authFailure.deleteMany({ where: { at: { lt: new Date(Date.now() - 10 * WINDOW_MS) } } });
}

export async function clearFailures(keys: string[]) {
  await db().authFailure.deleteMany({ where: { key: { in: keys.filter((k) => k.startsWith("account:")) } } });
}
