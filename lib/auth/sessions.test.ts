import { describe, it, expect, beforeEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { resetEnvCache } from "@/lib/env";
import { db } from "@/lib/db/client";
import { createUser, deleteUser, changeOwnPassword, resetUserPassword, findUserById } from "@/lib/auth/users";
import { verifyPassword } from "@/lib/auth/password";
import { createSession, validateSession, listUserSessions, endSession, endUserSessions, endSessionById, pruneSessions, TOUCH_EVERY_MS } from "./sessions";

const MIN = 60_000;
const HOUR = 60 * MIN;

async function user(email = "u@example.com") {
  return createUser({ email, name: "U", password: "correct-horse-battery", role: "author" }, { actor: "test" });
}

// bcrypt (12 rounds) dominates these tests; on a shared, busy machine a few hashes take seconds.
describe("server-side sessions", { timeout: 90_000 }, () => {
  beforeEach(() => {
    useFreshDataDir();
    delete process.env.HERALD_SESSION_IDLE_MINUTES;
    delete process.env.HERALD_SESSION_MAX_HOURS;
    resetEnvCache();
  });

  it("a session lives until it is ended; an unknown id is refused", async () => {
    const u = await user();
    const id = await createSession({ userId: u.id, address: "192.0.2.1", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/130" });
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await validateSession(id))?.user.email).toBe("u@example.com");
    expect(await validateSession("nope")).toBeNull();
    expect(await endSessionById(id)).toEqual({ email: "u@example.com" });
    expect(await validateSession(id)).toBeNull();
  });

  it("ends after the idle timeout (default 2 h) and never lives past the absolute lifetime (default 12 h)", async () => {
    const u = await user();
    const t0 = new Date("2026-12-04T08:00:00Z");
    const idle = await createSession({ userId: u.id }, t0);
    expect(await validateSession(idle, new Date(t0.getTime() + 119 * MIN))).not.toBeNull();
    // Used at 1:59, so still alive at 3:58 — but not 2 h after its last use.
    expect(await validateSession(idle, new Date(t0.getTime() + 238 * MIN))).not.toBeNull();
    expect(await validateSession(idle, new Date(t0.getTime() + 358 * MIN + 1))).toBeNull();
    expect(await db().session.count({ where: { id: idle } })).toBe(0);

    // Used every hour: renewal keeps it from idling out, but not beyond 12 h after sign-in.
    const busy = await createSession({ userId: u.id }, t0);
    for (let h = 1; h < 12; h++) expect(await validateSession(busy, new Date(t0.getTime() + h * HOUR)), `hour ${h}`).not.toBeNull();
    expect(await validateSession(busy, new Date(t0.getTime() + 12 * HOUR))).toBeNull();
  });

  it("limits come from the environment", async () => {
    process.env.HERALD_SESSION_IDLE_MINUTES = "5";
    process.env.HERALD_SESSION_MAX_HOURS = "0.5";
    resetEnvCache();
    const u = await user();
    const t0 = new Date("2026-12-04T08:00:00Z");
    const s = await createSession({ userId: u.id }, t0);
    expect(await validateSession(s, new Date(t0.getTime() + 6 * MIN))).toBeNull();
    const s2 = await createSession({ userId: u.id }, t0);
    for (let m = 4; m < 30; m += 4) expect(await validateSession(s2, new Date(t0.getTime() + m * MIN))).not.toBeNull();
    expect(await validateSession(s2, new Date(t0.getTime() + 30 * MIN))).toBeNull();
  });

  it("writes last seen at most once a minute", async () => {
    const u = await user();
    const t0 = new Date("2026-12-04T08:00:00Z");
    const id = await createSession({ userId: u.id }, t0);
    await validateSession(id, new Date(t0.getTime() + 10_000));
    await validateSession(id, new Date(t0.getTime() + 50_000));
    expect((await db().session.findUnique({ where: { id } }))!.lastSeenAt.getTime()).toBe(t0.getTime());
    await validateSession(id, new Date(t0.getTime() + TOUCH_EVERY_MS + 1));
    expect((await db().session.findUnique({ where: { id } }))!.lastSeenAt.getTime()).toBe(t0.getTime() + TOUCH_EVERY_MS + 1);
  });

  it("pruning forgets idle and expired sessions and keeps live ones", async () => {
    const u = await user();
    const t0 = new Date("2026-12-04T08:00:00Z");
    const old = await createSession({ userId: u.id }, t0);
    const live = await createSession({ userId: u.id }, new Date(t0.getTime() + 3 * HOUR));
    await pruneSessions(new Date(t0.getTime() + 3 * HOUR + MIN));
    expect(await db().session.findMany({ select: { id: true } })).toEqual([{ id: live }]);
    expect(old).not.toBe(live);
  });

  it("a user can end only their own sessions", async () => {
    const a = await user("a@example.com");
    const b = await user("b@example.com");
    const sa = await createSession({ userId: a.id });
    const sb = await createSession({ userId: b.id });
    expect(await endSession(a.id, sb)).toBe(false);
    expect(await validateSession(sb)).not.toBeNull();
    expect(await endSession(a.id, sa)).toBe(true);
    expect(await listUserSessions(a.id)).toEqual([]);
  });

  it("changing one's password ends the other sessions, keeps this one, and checks the current password", async () => {
    const u = await user();
    const mine = await createSession({ userId: u.id });
    const other = await createSession({ userId: u.id });
    await expect(changeOwnPassword(u.id, "wrong-password", "blue-river-stone-42", mine)).rejects.toMatchObject({ fields: { current: ["The current password is not right."] } });
    const r = await changeOwnPassword(u.id, "correct-horse-battery", "blue-river-stone-42", mine);
    expect(r.sessionsEnded).toBe(1);
    expect(await validateSession(mine)).not.toBeNull();
    expect(await validateSession(other)).toBeNull();
    expect(await verifyPassword("blue-river-stone-42", (await findUserById(u.id))!.passwordHash)).toBe(true);
    const audit = await db().auditEvent.findFirst({ where: { action: "user.password" } });
    expect(audit?.target).toBe("u@example.com");
  });

  it("wrong current passwords are throttled like sign-ins: after the limit even the right one waits, and each failure is audited", async () => {
    process.env.HERALD_LOGIN_MAX_FAILURES = "3";
    resetEnvCache();
    try {
      const u = await user();
      const mine = await createSession({ userId: u.id });
      for (let i = 0; i < 3; i++) {
        await expect(changeOwnPassword(u.id, `guess-${i}`, "blue-river-stone-42", mine, "192.0.2.9")).rejects.toMatchObject({ code: "validation" });
      }
      // A stolen session cannot keep guessing: the fourth try is refused before the password is checked.
      const refused = changeOwnPassword(u.id, "correct-horse-battery", "blue-river-stone-42", mine, "192.0.2.9");
      await expect(refused).rejects.toMatchObject({ code: "rate_limited", fields: { current: [expect.stringMatching(/^Too many wrong passwords\. Wait \d+ seconds/)] } });
      expect(await verifyPassword("correct-horse-battery", (await findUserById(u.id))!.passwordHash)).toBe(true);
      expect(await db().auditEvent.count({ where: { action: "user.password_failed", target: "u@example.com" } })).toBe(3);
      // The same account counts as guessed at for sign-in too (one throttle for both doors).
      const { secondsUntilAllowed, throttleKeys } = await import("./throttle");
      expect(await secondsUntilAllowed(throttleKeys("u@example.com", "192.0.2.9"))).toBeGreaterThan(0);
    } finally {
      delete process.env.HERALD_LOGIN_MAX_FAILURES;
      resetEnvCache();
    }
  });

  it("an admin reset gives a temporary password, ends every session and is audited", async () => {
    const u = await user();
    const s1 = await createSession({ userId: u.id });
    const { password, sessionsEnded } = await resetUserPassword(u.id, "admin@example.com");
    expect(sessionsEnded).toBe(1);
    expect(await validateSession(s1)).toBeNull();
    const row = (await findUserById(u.id))!;
    expect(row.mustChangePassword).toBe(true);
    expect(await verifyPassword(password, row.passwordHash)).toBe(true);
    const audit = await db().auditEvent.findFirst({ where: { action: "user.password_reset" } });
    expect(audit).toMatchObject({ actor: "admin@example.com", target: "u@example.com" });
    expect(audit?.detail).not.toContain(password);
  });

  it("removing a user or ending their sessions ends them at once", async () => {
    await createUser({ email: "admin@example.com", name: "A", password: "correct-horse-battery", role: "admin" }, { actor: "test" });
    const u = await user();
    const s1 = await createSession({ userId: u.id });
    const s2 = await createSession({ userId: u.id });
    expect(await endUserSessions(u.id, { actor: "test" })).toBe(2);
    expect(await validateSession(s1)).toBeNull();
    const s3 = await createSession({ userId: u.id });
    await deleteUser(u.id, "test");
    expect(await validateSession(s3)).toBeNull();
    expect(await validateSession(s2)).toBeNull();
  });
});
