import { describe, it, expect, beforeEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { createUser, findUserById } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import { saveServiceConfig } from "@/lib/config/store";
import { OIDC_PROVIDER_PID } from "@/lib/config/services";
import { loadOidcSettings, resolveOidcUser, type OidcSettings } from "./oidc";

const ISS = "https://idp.example.com";
const S: OidcSettings = {
  issuer: ISS,
  clientId: "herald",
  clientSecret: "s",
  scopes: ["openid", "email"],
  buttonLabel: "Example",
  allowedDomains: ["example.com"],
  roleClaim: "groups",
  adminValues: ["admins"],
  authorValues: ["authors"],
  unmatched: "refuse",
};
const claims = (c: Record<string, unknown>) => ({ iss: ISS, sub: "s-1", email: "ann@example.com", name: "Ann", groups: ["authors"], ...c });

describe("resolveOidcUser", () => {
  beforeEach(() => {
    useFreshDataDir();
  });

  it("creates a user with no password, then finds them by sub even after the mailbox was renamed", async () => {
    await createUser({ email: "root@example.com", name: "Root", password: "long-enough-password-1", role: "admin" }, { actor: "test" });
    const first = await resolveOidcUser(claims({}), S);
    expect(first).toMatchObject({ email: "ann@example.com", role: "author", created: true });
    const row = await findUserById(first.id);
    expect(row).toMatchObject({ passwordHash: "", oidcIssuer: ISS, oidcSubject: "s-1" });
    const renamed = await resolveOidcUser(claims({ email: "ann.smith@example.com" }), S);
    expect(renamed.id).toBe(first.id);
    expect(renamed.email).toBe("ann.smith@example.com");
    expect(await db().user.count()).toBe(2);
  });

  it("re-evaluates the role from the claim at every sign-in, but keeps the last admin", async () => {
    await createUser({ email: "root@example.com", name: "Root", password: "long-enough-password-1", role: "admin" }, { actor: "test" });
    const a = await resolveOidcUser(claims({ groups: ["admins"] }), S);
    expect(a.role).toBe("admin");
    const b = await resolveOidcUser(claims({ groups: ["authors"] }), S);
    expect(b).toMatchObject({ id: a.id, role: "author", roleChanged: { from: "admin", to: "author" } });
    // Now the only admin is root (a local user); make Ann the only admin instead and demote her.
    await db().user.deleteMany({ where: { email: "root@example.com" } });
    await resolveOidcUser(claims({ groups: ["admins"] }), S);
    expect((await resolveOidcUser(claims({ groups: ["authors"] }), S)).role).toBe("admin");
    // The created user and each role change are on record, written with the change.
    const audit = await db().auditEvent.findMany({ where: { actor: "single sign-on" }, orderBy: { id: "asc" } });
    expect(audit.map((e) => [e.action, e.target, e.detail])).toEqual([
      ["user.create", "ann@example.com", JSON.stringify({ role: "admin", via: "oidc" })],
      ["user.role", "ann@example.com", JSON.stringify({ role: "author", from: "admin", via: "oidc claim" })],
      ["user.role", "ann@example.com", JSON.stringify({ role: "admin", from: "author", via: "oidc claim" })],
    ]);
  });

  it("without any admin or author values, new users become authors and existing users keep their role", async () => {
    const open = { ...S, adminValues: [], authorValues: [], unmatched: "author" as const };
    const local = await createUser({ email: "boss@example.com", name: "Boss", password: "long-enough-password-1", role: "admin" }, { actor: "test" });
    expect(await resolveOidcUser(claims({ sub: "boss", email: "boss@example.com", groups: [] }), open)).toMatchObject({ id: local.id, role: "admin" });
    expect(await resolveOidcUser(claims({ sub: "newbie", email: "newbie@example.com" }), open)).toMatchObject({ role: "author", created: true });
  });

  it("links an existing local account by email once; refuses another sub for it, a taken email, a wrong issuer", async () => {
    const local = await createUser({ email: "bo@example.com", name: "Bo", password: "long-enough-password-1", role: "author" }, { actor: "test" });
    const linked = await resolveOidcUser(claims({ sub: "bo-sub", email: "bo@example.com" }), S);
    expect(linked.id).toBe(local.id);
    expect(await resolveOidcUser(claims({ sub: "intruder", email: "bo@example.com" }), S)).toMatchObject({ refused: "subject_mismatch" });
    await resolveOidcUser(claims({ sub: "s-1", email: "ann@example.com" }), S);
    expect(await resolveOidcUser(claims({ sub: "s-1", email: "bo@example.com" }), S)).toMatchObject({ refused: "email_taken" });
    expect(await resolveOidcUser(claims({ iss: "https://evil.example.com" }), S)).toMatchObject({ refused: "issuer" });
    expect(await resolveOidcUser(claims({ email: "ann@evil.com" }), S)).toMatchObject({ refused: "domain" });
    expect(await resolveOidcUser(claims({ sub: "new", email: "cy@example.com", groups: [] }), S)).toMatchObject({ refused: "no_role" });
  });

  it("loads settings only while enabled, with the secret opened", async () => {
    expect(await loadOidcSettings()).toBeNull();
    await saveServiceConfig(
      OIDC_PROVIDER_PID,
      { enabled: true, issuer: "https://idp.example.com/", clientId: "herald", clientSecret: "top-secret", adminValues: ["admins"] },
      { actor: "test" },
    );
    const stored = await db().configVersion.findFirst({ where: { pid: OIDC_PROVIDER_PID } });
    expect(stored?.values).not.toContain("top-secret");
    expect(await loadOidcSettings()).toMatchObject({ issuer: "https://idp.example.com", clientSecret: "top-secret", scopes: ["openid", "email", "profile"] });
  });
});
