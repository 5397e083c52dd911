import { describe, expect, it } from "vitest";
import { validateService } from "../validate";
import { OIDC_PROVIDER_PID, SIGN_IN_POLICY_PID } from "./index";

const OK = {
  enabled: true,
  issuer: "https://login.microsoftonline.com/contoso/v2.0",
  clientId: "0000-1111",
  clientSecret: "$[secret:HERALD_OIDC_CLIENT_SECRET]",
  scopes: ["openid", "email", "profile"],
  buttonLabel: "Contoso",
  allowedDomains: ["contoso.com"],
  roleClaim: "groups",
  adminValues: ["herald-admins"],
  authorValues: ["herald-authors"],
  unmatched: "refuse",
};

function errors(patch: Record<string, unknown>): Record<string, string[]> {
  const r = validateService(OIDC_PROVIDER_PID, { ...OK, ...patch });
  return r.ok ? {} : r.fieldErrors;
}

describe("OIDC sign-in service", () => {
  it("accepts a complete configuration and a disabled empty one", () => {
    expect(errors({})).toEqual({});
    expect(validateService(OIDC_PROVIDER_PID, {}).ok).toBe(true);
  });

  it("needs issuer, client ID and the openid scope while enabled, naming the field", () => {
    expect(errors({ issuer: "" }).issuer).toEqual(["Issuer URL must not be blank while Single sign-on is on."]);
    expect(errors({ clientId: "" }).clientId).toEqual(["Client ID must not be blank while Single sign-on is on."]);
    expect(errors({ scopes: ["email"] }).scopes?.[0]).toMatch(/must include "openid"/);
    expect(errors({ enabled: false, issuer: "", clientId: "" })).toEqual({});
  });

  it("refuses a plain-http issuer except on loopback", () => {
    expect(errors({ issuer: "http://idp.example.com" }).issuer?.[0]).toMatch(/must start with https:\/\//);
    expect(errors({ issuer: "http://127.0.0.1:8080" })).toEqual({});
    expect(errors({ issuer: "http://localhost:8080/realms/x" })).toEqual({});
    expect(errors({ issuer: "https://idp.example.com/?x=1" }).issuer?.[0]).toMatch(/query/);
  });

  it("checks domains and the role mapping", () => {
    expect(errors({ allowedDomains: ["contoso.com", "not a domain"] }).allowedDomains?.[0]).toMatch(/spaces/);
    expect(errors({ allowedDomains: ["contoso"] }).allowedDomains?.[0]).toMatch(/Domain 1 \("contoso"\) is not a domain name/);
    expect(errors({ roleClaim: "" }).roleClaim?.[0]).toMatch(/Role claim must not be blank/);
    expect(errors({ adminValues: [], authorValues: [] }).adminValues?.[0]).toMatch(/nobody can sign in/);
    expect(errors({ adminValues: [], authorValues: [], unmatched: "author" })).toEqual({});
    expect(errors({ unmatched: "admin" }).unmatched?.[0]).toMatch(/Users matching neither must be one of: refuse, author/);
  });

  it("a secret given with a default is refused (the default would be stored in clear)", () => {
    expect(errors({ clientSecret: "$[secret:X;default=abc]" }).clientSecret?.[0]).toMatch(/must not give a default/);
  });
});

describe("sign-in policy service", () => {
  it("defaults to local passwords on and no required codes", () => {
    const r = validateService(SIGN_IN_POLICY_PID, {});
    expect(r).toEqual({ ok: true, values: { "local.passwords": true, "totp.required": "off" } });
    const bad = validateService(SIGN_IN_POLICY_PID, { "totp.required": "all" });
    expect(bad.ok).toBe(false);
  });
});
