import { describe, it, expect } from "vitest";
import { cleanDescription, explainOAuthError } from "./explain";

describe("OAuth2 errors in plain words", () => {
  it("invalid_grant on refresh means re-authorize; Google's wording gets Google's reasons", () => {
    const g = explainOAuthError("invalid_grant", "Token has been expired or revoked.", { stage: "refresh" });
    expect(g).toMatchObject({ reauthorize: true, transient: false });
    expect(g.explanation).toContain("7 days");
    const generic = explainOAuthError("invalid_grant", undefined, { stage: "refresh" });
    // The error that carries it already says "Re-authorization needed: " — never twice.
    expect(generic.title).toBe("The refresh token was rejected");
  });

  it("names the configured provider: Google's reasons only for Google", () => {
    const desc = "Token has been expired or revoked.";
    const custom = explainOAuthError("invalid_grant", desc, { stage: "refresh", provider: { kind: "custom", tokenUrl: "https://login.acme.test/oauth/token" } });
    expect(custom.explanation).not.toContain("Google");
    expect(custom.explanation).toMatch(/^The OAuth2 provider at login\.acme\.test no longer accepts/);
    const ms = explainOAuthError("invalid_grant", undefined, { stage: "refresh", provider: { kind: "microsoft" } });
    expect(ms.explanation).toMatch(/^Microsoft no longer accepts/);
    expect(explainOAuthError("invalid_grant", desc, { stage: "refresh", provider: { kind: "google" } }).explanation).toMatch(/^Google says/);
  });

  it("a failed code exchange asks for Authorize again: nothing retries an authorization code", () => {
    for (const code of ["network", "temporarily_unavailable", "server_error"]) {
      const e = explainOAuthError(code, "could not connect", { stage: "token" });
      expect(e.explanation).toContain("Authorize again");
      expect(e.explanation).not.toMatch(/will try again|Herald tries/i);
      expect(e.transient).toBe(false);
    }
    expect(explainOAuthError("network", "x", { stage: "refresh" }).explanation).toContain("tries the refresh again");
  });

  it("invalid_grant on the code exchange talks about the code, not the refresh token", () => {
    expect(explainOAuthError("invalid_grant", "Bad code", { stage: "token" }).title).toBe("Authorization code rejected");
  });

  it("Microsoft's AADSTS numbers win over the generic code", () => {
    expect(explainOAuthError("invalid_grant", "AADSTS700082: The refresh token has expired due to inactivity.").title).toContain("90 days");
    expect(explainOAuthError("invalid_grant", "AADSTS50173: The provided grant has expired due to it being revoked.")).toMatchObject({ reauthorize: true, aadsts: "AADSTS50173" });
    expect(explainOAuthError("invalid_client", "AADSTS7000222: The provided client secret keys are expired.")).toMatchObject({ title: "Client secret expired (Microsoft)", reauthorize: false });
    const mismatch = explainOAuthError("invalid_request", "AADSTS50011: The redirect URI specified in the request does not match.", { redirectUri: "https://h.example/api/mailer/oauth2/token" });
    expect(mismatch.explanation).toContain("https://h.example/api/mailer/oauth2/token");
  });

  it("a wrong client secret is not a reason to re-authorize; an outage is transient", () => {
    expect(explainOAuthError("invalid_client")).toMatchObject({ reauthorize: false, transient: false });
    expect(explainOAuthError("temporarily_unavailable")).toMatchObject({ transient: true });
    expect(explainOAuthError("network", "could not connect (ECONNREFUSED)")).toMatchObject({ transient: true, description: "could not connect (ECONNREFUSED)" });
  });

  it("Google's redirect_uri_mismatch and Workspace blocks are explained", () => {
    expect(explainOAuthError("redirect_uri_mismatch", null, { redirectUri: "http://x/cb" }).explanation).toContain("http://x/cb");
    expect(explainOAuthError("admin_policy_enforced").title).toBe("Blocked by the Workspace admin");
  });

  it("unknown codes keep the provider's words; descriptions are shortened to one line", () => {
    expect(explainOAuthError("weird_error", "because").title).toBe('The provider answered "weird_error"');
    expect(cleanDescription(`a\n\n  b ${"x".repeat(500)}`)).toMatch(/^a b x+…$/);
    expect(cleanDescription("   ")).toBeUndefined();
  });
});
