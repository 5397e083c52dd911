import "server-only";
// Slows down password guessing without letting a stranger lock the owner out.
// - Per address: more than N failures within a minute from one client address (whatever
//   accounts they tried) blocks that address until the window has moved on. The address is the
//   socket peer unless it is a trusted proxy (lib/auth/client-address.ts), so inventing a new
//   X-Forwarded-For for every guess does not give a fresh allowance.
// - Per account: more than N failures within a minute for one account block further attempts
//   at that account only from addresses that have themselves failed recently. The owner, signing
//   in from an address with no recent failures, still gets in; a guesser that spreads over many
//   addresses gets one try per address before that address counts as failing.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

export const WINDOW_MS = 60_000;

export interface ThrottleKeys {
  account: string;
  address: string | null;
}

export function throttleKeys(email: string, address: string | null): ThrottleKeys {
  return { account: `account:${email.trim().toLowerCase()}`, address: address ? `address:${address}` : null };
}

async function recentFailures(key: string, since: Date, max: number) {
  return db().authFailure.findMany({ where: { key, at: { gt: since } }, orderBy: { at: "desc" }, take: max, select: { at: true } });
}

/** Seconds to wait before another attempt is allowed, or 0. */
export async function secondsUntilAllowed(keys: ThrottleKeys, now = new Date()): Promise<number> {
  const max = env().HERALD_LOGIN_MAX_FAILURES;
  const since = new Date(now.getTime() - WINDOW_MS);
  // Allowed again once the oldest of the last `max` failures leaves the window.
  const waitFor = (recent: { at: Date }[]) => Math.max(1, Math.ceil(((recent.at(-1)?.at.getTime() ?? 0) + WINDOW_MS - now.getTime()) / 1000));
  let wait = 0;
  const fromAddress = keys.address ? await recentFailures(keys.address, since, max) : [];
  if (fromAddress.length >= max) wait = waitFor(fromAddress);
  // An unknown address (no socket peer) counts as one that has failed: the account limit applies.
  const addressHasFailed = !keys.address || fromAddress.length > 0;
  if (addressHasFailed) {
    const forAccount = await recentFailures(keys.account, since, max);
    if (forAccount.length >= max) wait = Math.max(wait, waitFor(forAccount));
  }
  return wait;
}

export async function recordFailure(keys: ThrottleKeys) {
  const data = [{ key: keys.account }, ...(keys.address ? [{ key: keys.address }] : [])];
  await db().authFailure.createMany({ data });
  // Keep the table small: nothing older than the window matters.
  await db().authFailure.deleteMany({ where: { at: { lt: new Date(Date.now() - 10 * WINDOW_MS) } } });
}

/** After a successful sign-in: the account's failures are forgotten, the address's are not. */
export async function clearFailures(keys: ThrottleKeys) {
  await db().authFailure.deleteMany({ where: { key: keys.account } });
}
