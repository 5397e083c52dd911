import "server-only";
// Server-side sessions. The next-auth cookie (an encrypted JWT) carries only a Session row's id;
// every request looks the row up (lib/auth/options.ts's jwt callback), so deleting the row ends
// the session at once — sign-out, password change or reset, removal, "End sessions".
// A session ends after HERALD_SESSION_IDLE_MINUTES without a request, and in any case
// HERALD_SESSION_MAX_HOURS after sign-in (expiresAt never moves, so no renewal extends it).
// Second factors and SSO plug in through `stage` and `method`: a sign-in that still owes a
// factor would create the row with stage "second-factor", which validateSession reports and
// lib/auth/session.ts lets reach only the verification page.
import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { auditIn } from "@/lib/db/audit";

/** "last seen" is written at most this often per session, so reads stay reads. */
export const TOUCH_EVERY_MS = 60_000;

/**
 * "active": signed in. "second-factor": the password was right, a two-factor code is still owed.
 * "enrol": the policy requires two-factor codes and the user has none yet. The two pending stages
 * reach only their own page (lib/auth/session.ts).
 */
export type SessionStage = "active" | "second-factor" | "enrol";

export interface SessionView {
  id: string;
  userAgent: string | null;
  address: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  method: string;
}

function limits() {
  const e = env();
  return { idleMs: e.HERALD_SESSION_IDLE_MINUTES * 60_000, maxMs: e.HERALD_SESSION_MAX_HOURS * 3_600_000 };
}

export async function createSession(
  input: { userId: string; userAgent?: string | null; address?: string | null; method?: string; stage?: SessionStage },
  now = new Date(),
) {
  const id = crypto.randomBytes(32).toString("base64url");
  await db().session.create({
    data: {
      id,
      userId: input.userId,
      method: input.method ?? "password",
      stage: input.stage ?? "active",
      // Shown on the account page only; bounded so a client cannot store a novel.
      userAgent: input.userAgent ? input.userAgent.slice(0, 300) : null,
      address: input.address ? input.address.slice(0, 64) : null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + limits().maxMs),
    },
  });
  return id;
}

/**
 * The live session with this id and its user, or null when it does not exist, was idle too long
 * or is past its absolute lifetime (then the row is deleted). Writes lastSeenAt at most once a
 * minute.
 */
export async function validateSession(id: string, now = new Date()) {
  if (!id) return null;
  const row = await db().session.findUnique({ where: { id }, include: { user: true } });
  if (!row) return null;
  const { idleMs } = limits();
  if (row.expiresAt.getTime() <= now.getTime() || row.lastSeenAt.getTime() + idleMs <= now.getTime()) {
    await db().session.deleteMany({ where: { id } });
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    // updateMany: the row may have been deleted since the read (signed out elsewhere).
    await db().session.updateMany({ where: { id }, data: { lastSeenAt: now } });
  }
  return { session: { id: row.id, stage: row.stage as SessionStage, method: row.method, userId: row.userId }, user: row.user };
}

export async function listUserSessions(userId: string, now = new Date()): Promise<SessionView[]> {
  const { idleMs } = limits();
  const rows = await db().session.findMany({
    where: { userId, expiresAt: { gt: now }, lastSeenAt: { gt: new Date(now.getTime() - idleMs) } },
    orderBy: { lastSeenAt: "desc" },
  });
  return rows.map((r) => ({
    id: r.id,
    userAgent: r.userAgent,
    address: r.address,
    method: r.method,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
  }));
}

/** Ends one session; only the user's own (returns false for anyone else's or an unknown id). */
/** A user ends one of their own sessions (audited with it); false when it had already ended. */
export async function endSession(userId: string, id: string): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const owner = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!owner || (await tx.session.deleteMany({ where: { id, userId } })).count === 0) return false;
    await auditIn(tx, { action: "auth.session_ended", actor: owner.email, target: owner.email, detail: { count: 1 } });
    return true;
  });
}

/**
 * Ends every session of a user, except `keep` (the caller's own, on a self-service change), with
 * the audit row: "auth.session_ended" when users end their own, "user.sessions_ended" when an
 * admin (`actor`) ends someone else's.
 */
export async function endUserSessions(userId: string, opts: { actor: string; keep?: string }): Promise<number> {
  const where = opts.keep ? { userId, id: { not: opts.keep } } : { userId };
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    const { count } = await tx.session.deleteMany({ where });
    if (user) await auditIn(tx, { action: user.email === opts.actor ? "auth.session_ended" : "user.sessions_ended", actor: opts.actor, target: user.email, detail: { count } });
    return count;
  });
}

/** Forgets ended sessions; called now and then so the table holds only live ones. */
export async function pruneSessions(now = new Date()) {
  const { idleMs } = limits();
  await db().session.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: new Date(now.getTime() - idleMs) } }] } });
}

/** Sign-out: ends the session with this id, whoever owns it; returns the owner's email. */
export async function endSessionById(id: string): Promise<{ email: string } | null> {
  const row = await db().session.findUnique({ where: { id }, include: { user: { select: { email: true } } } });
  if (!row) return null;
  await db().session.deleteMany({ where: { id } });
  return { email: row.user.email };
}

/**
 * Finishes a pending sign-in (the code was right, or enrolment was confirmed): the session becomes
 * active. Only from the given pending stage, so a stale request cannot change an active session.
 */
export async function activateSession(id: string, from: Exclude<SessionStage, "active">, method?: string): Promise<boolean> {
  const r = await db().session.updateMany({ where: { id, stage: from }, data: { stage: "active", ...(method ? { method } : {}) } });
  return r.count === 1;
}
