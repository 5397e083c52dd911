import { describe, it, expect } from "vitest";
import { claimValues, decideOidcUser, readClaim, roleFromClaims, type OidcMappingSettings } from "./oidc-mapping";

const S: OidcMappingSettings = {
  allowedDomains: ["example.com"],
  roleClaim: "groups",
  adminValues: ["herald-admins"],
  authorValues: ["herald-authors", "writers"],
  unmatched: "refuse",
};

describe("OIDC role mapping", () => {
  it("admin wins over author; neither → null", () => {
    expect(roleFromClaims({ groups: ["writers", "herald-admins"] }, S)).toBe("admin");
    expect(roleFromClaims({ groups: ["writers"] }, S)).toBe("author");
    expect(roleFromClaims({ groups: ["sales"] }, S)).toBeNull();
    expect(roleFromClaims({}, S)).toBeNull();
    expect(roleFromClaims({ groups: "herald-authors other" }, S)).toBe("author");
  });

  it("reads dotted paths (Keycloak realm_access.roles) and claims whose name has dots", () => {
    expect(readClaim({ realm_access: { roles: ["a"] } }, "realm_access.roles")).toEqual(["a"]);
    expect(readClaim({ "https://x.com/roles": ["b"] }, "https://x.com/roles")).toEqual(["b"]);
    expect(readClaim({ a: "x" }, "a.b")).toBeUndefined();
    expect(readClaim({}, "__proto__.x")).toBeUndefined();
    expect(claimValues([1, "a", { x: 1 }])).toEqual(["1", "a"]);
  });

  it("decides: domain, verified email, role, or create as author", () => {
    expect(decideOidcUser({ email: "Ann@Example.com", name: "Ann", groups: ["herald-admins"] }, S)).toEqual({ ok: true, email: "ann@example.com", role: "admin", name: "Ann" });
    expect(decideOidcUser({ email: "ann@evil.com", groups: ["herald-admins"] }, S)).toEqual({ ok: false, reason: "domain", email: "ann@evil.com" });
    expect(decideOidcUser({ email: "ann@example.com.evil.com", groups: ["herald-admins"] }, S)).toMatchObject({ ok: false, reason: "domain" });
    expect(decideOidcUser({ email: "ann@example.com", email_verified: false, groups: ["herald-admins"] }, S)).toMatchObject({ ok: false, reason: "email_unverified" });
    expect(decideOidcUser({ groups: ["herald-admins"] }, S)).toEqual({ ok: false, reason: "no_email" });
    expect(decideOidcUser({ email: "bo@example.com", groups: [] }, S)).toEqual({ ok: false, reason: "no_role", email: "bo@example.com" });
    expect(decideOidcUser({ email: "bo@example.com" }, { ...S, unmatched: "author" })).toMatchObject({ ok: true, role: "author", name: "bo" });
    expect(decideOidcUser({ email: "bo@other.org", groups: ["writers"] }, { ...S, allowedDomains: [] })).toMatchObject({ ok: true, role: "author" });
  });
});
