import "server-only";
// Keep OAuth alive: a refresh token that is never used dies (Microsoft: 90 days without use;
// Google: six months unused), and a quiet installation sends no mail to use it. So, with the
// OAuth flow on and a mailbox connected, the refresh token is used at least every
// HERALD_OAUTH_KEEPALIVE_HOURS (default a week) whether or not mail goes out. Workers call
// keepOAuthAlive() now and then; lib/oauth's refresh lease makes one process refresh for all,
// and the others then see the new token's time and find nothing due.
import { env } from "@/lib/env";
import { MAIL_SERVICE_PID } from "@/lib/config/services";
import { storedValues } from "@/lib/config/store";
import { readConnection } from "./connection";
import { getAccessToken } from "./tokens";

type Row = NonNullable<Awaited<ReturnType<typeof readConnection>>>;

export function keepAliveIntervalMs(): number {
  return env().HERALD_OAUTH_KEEPALIVE_HOURS * 3_600_000;
}

/** When the refresh token was last used (or the mailbox authorized), so when the next keep-alive refresh is due. */
export function nextKeepAlive(row: Pick<Row, "status" | "refreshToken" | "authorizedAt" | "accessTokenIssuedAt" | "lastRefreshAt" | "lastRefreshOk">): Date | null {
  if (row.status !== "connected" || !row.refreshToken) return null;
  const used = Math.max(row.authorizedAt.getTime(), row.accessTokenIssuedAt?.getTime() ?? 0, row.lastRefreshOk ? (row.lastRefreshAt?.getTime() ?? 0) : 0);
  return new Date(used + keepAliveIntervalMs());
}

export type KeepAliveResult = "not-used" | "not-due" | "refreshed" | "failed";

export async function keepOAuthAlive(now = Date.now()): Promise<KeepAliveResult> {
  const mail = await storedValues(MAIL_SERVICE_PID);
  if (mail["oauth.flow"] !== true) return "not-used";
  const row = await readConnection();
  const due = row ? nextKeepAlive(row) : null;
  if (!due) return "not-used";
  if (due.getTime() > now) return "not-due";
  // A refresh that just failed (token endpoint down) is not repeated every minute.
  if (row!.lastRefreshOk === false && row!.lastRefreshAt && now - row!.lastRefreshAt.getTime() < 10 * 60_000) return "not-due";
  try {
    // Another process may have refreshed a moment ago (then its token is returned as is).
    const t = await getAccessToken({ forceRefresh: true });
    return t.refreshed ? "refreshed" : "not-due";
  } catch {
    // The failure is on the connection (re-authorization needed, or the last refresh failed):
    // the OAuth page, the dashboard and held messages show it.
    return "failed";
  }
}
