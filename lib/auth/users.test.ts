import { describe, it, expect, beforeEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { createFirstAdmin, createUser, changeUserRole, deleteUser, findUserByEmail, countUsers } from "./users";
import { verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";

describe("users", () => {
  beforeEach(() => {
    useFreshDataDir();
  });

  it("creates the first admin only once, even when two visitors race", async () => {
    const results = await Promise.all([
      createFirstAdmin({ email: "a@example.com", name: "A", password: "password-aaaa" }),
      createFirstAdmin({ email: "b@example.com", name: "B", password: "password-bbbb" }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await countUsers()).toBe(1);
  });

  it("stores a bcrypt hash, never the password, and normalizes the email", async () => {
    await createUser({ email: " Mixed@Example.COM ", name: "M", password: "correct-horse", role: "author" });
    const u = await findUserByEmail("mixed@example.com");
    expect(u?.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(u?.passwordHash).not.toContain("correct-horse");
    expect(await verifyPassword("correct-horse", u!.passwordHash)).toBe(true);
    expect(await verifyPassword("wrong", u!.passwordHash)).toBe(false);
  });

  it("refuses a duplicate email with a field error", async () => {
    await createUser({ email: "x@example.com", name: "X", password: "password-xxxx", role: "author" });
    const e = await createUser({ email: "X@example.com", name: "X2", password: "password-xxxx", role: "author" }).catch((e) => e);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).fields?.email).toBeDefined();
  });

  it("never leaves Herald without an admin", async () => {
    const admin = await createFirstAdmin({ email: "a@example.com", name: "A", password: "password-aaaa" });
    await expect(changeUserRole(admin!.id, "author")).rejects.toThrow(/at least one admin/);
    await expect(deleteUser(admin!.id)).rejects.toThrow(/last admin/);
    const other = await createUser({ email: "o@example.com", name: "O", password: "password-oooo", role: "admin" });
    expect((await changeUserRole(admin!.id, "author")).role).toBe("author");
    await expect(deleteUser(other.id)).rejects.toThrow(/last admin/);
  });
});
