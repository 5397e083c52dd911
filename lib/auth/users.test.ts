import { describe, it, expect, beforeEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { createFirstAdmin, createUser, changeUserRole, deleteUser, findUserByEmail, countUsers } from "./users";
import { verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { failInserts, rows } from "@/lib/testing/db";
import { createSession, endSession, endUserSessions } from "@/lib/auth/sessions";

const auditRows = () => rows<{ action: string; actor: string; target: string; detail: string | null }>(`SELECT "action", "actor", "target", "detail" FROM "AuditEvent" ORDER BY "id"`);

describe("users", () => {
  beforeEach(() => {
    useFreshDataDir();
  });

  it("creates the first admin only once, even when two visitors race", async () => {
    const results = await Promise.all([
      createFirstAdmin({ email: "a@example.com", name: "A", password: "password-aaaa" }, { via: "setup" }),
      createFirstAdmin({ email: "b@example.com", name: "B", password: "password-bbbb" }, { via: "setup" }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await countUsers()).toBe(1);
  });

  it("stores a bcrypt hash, never the password, and normalizes the email", async () => {
    await createUser({ email: " Mixed@Example.COM ", name: "M", password: "correct-horse", role: "author" }, { actor: "test" });
    const u = await findUserByEmail("mixed@example.com");
    expect(u?.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(u?.passwordHash).not.toContain("correct-horse");
    expect(await verifyPassword("correct-horse", u!.passwordHash)).toBe(true);
    expect(await verifyPassword("wrong", u!.passwordHash)).toBe(false);
  });

  it("refuses a duplicate email with a field error", async () => {
    await createUser({ email: "x@example.com", name: "X", password: "password-xxxx", role: "author" }, { actor: "test" });
    const e = await createUser({ email: "X@example.com", name: "X2", password: "password-xxxx", role: "author" }, { actor: "test" }).catch((e) => e);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).fields?.email).toBeDefined();
  });

  it("never leaves Herald without an admin", async () => {
    const admin = await createFirstAdmin({ email: "a@example.com", name: "A", password: "password-aaaa" }, { via: "setup" });
    await expect(changeUserRole(admin!.id, "author", "test")).rejects.toThrow(/at least one admin/);
    await expect(deleteUser(admin!.id, "test")).rejects.toThrow(/last admin/);
    const other = await createUser({ email: "o@example.com", name: "O", password: "password-oooo", role: "admin" }, { actor: "test" });
    expect((await changeUserRole(admin!.id, "author", "test")).role).toBe("author");
    await expect(deleteUser(other.id, "test")).rejects.toThrow(/last admin/);
  });

  it("writes each change's audit row in the change's transaction", async () => {
    const admin = await createFirstAdmin({ email: "a@example.com", name: "A", password: "password-aaaa" }, { via: "setup" });
    const bo = await createUser({ email: "bo@example.com", name: "Bo", password: "password-bbbb", role: "author" }, { actor: "a@example.com" });
    await changeUserRole(bo.id, "admin", "a@example.com");
    await deleteUser(bo.id, "cli");
    expect((await auditRows()).map((a) => [a.action, a.actor, a.target, a.detail])).toEqual([
      ["user.create", "a@example.com", "a@example.com", JSON.stringify({ role: "admin", via: "setup" })],
      ["user.create", "a@example.com", "bo@example.com", JSON.stringify({ role: "author" })],
      ["user.role", "a@example.com", "bo@example.com", JSON.stringify({ role: "admin" })],
      ["user.delete", "cli", "bo@example.com", null],
    ]);
    expect(admin).not.toBeNull();
  });

  it("keeps no change whose audit row could not be written", async () => {
    await createFirstAdmin({ email: "a@example.com", name: "A", password: "password-aaaa" }, { via: "setup" });
    const cy = await createUser({ email: "cy@example.com", name: "Cy", password: "password-cccc", role: "author" }, { actor: "a@example.com" });
    await failInserts("AuditEvent", "target", "cy@example.com");
    await expect(changeUserRole(cy.id, "admin", "a@example.com")).rejects.toThrow(/auditEvent\.create|simulated failure/);
    await expect(deleteUser(cy.id, "a@example.com")).rejects.toThrow(/auditEvent\.create|simulated failure/);
    expect((await findUserByEmail("cy@example.com"))?.role).toBe("author");
    await failInserts("AuditEvent", "actor", "cli");
    await expect(createUser({ email: "dee@example.com", name: "Dee", password: "password-dddd", role: "author" }, { actor: "cli" })).rejects.toThrow(/auditEvent\.create|simulated failure/);
    expect(await findUserByEmail("dee@example.com")).toBeNull();
    expect(await countUsers()).toBe(2);
  });

  it("audits ended sessions as the user's own or an admin's doing", async () => {
    const admin = await createFirstAdmin({ email: "a@example.com", name: "A", password: "password-aaaa" }, { via: "setup" });
    const bo = await createUser({ email: "bo@example.com", name: "Bo", password: "password-bbbb", role: "author" }, { actor: "a@example.com" });
    const s1 = await createSession({ userId: bo.id });
    const s2 = await createSession({ userId: bo.id });
    const s3 = await createSession({ userId: bo.id });
    expect(await endSession(bo.id, s1)).toBe(true);
    expect(await endSession(admin!.id, s2)).toBe(false); // not theirs: nothing ended, nothing audited
    expect(await endUserSessions(bo.id, { actor: "bo@example.com", keep: s3 })).toBe(1);
    expect(await endUserSessions(bo.id, { actor: "a@example.com" })).toBe(1);
    expect((await auditRows()).slice(2).map((a) => [a.action, a.actor, a.target, a.detail])).toEqual([
      ["auth.session_ended", "bo@example.com", "bo@example.com", JSON.stringify({ count: 1 })],
      ["auth.session_ended", "bo@example.com", "bo@example.com", JSON.stringify({ count: 1 })],
      ["user.sessions_ended", "a@example.com", "bo@example.com", JSON.stringify({ count: 1 })],
    ]);
  });
});
