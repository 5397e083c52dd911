import { describe, it, expect } from "vitest";
import {
  authorizationExtraParams,
  compareScopes,
  detectProviderKind,
  grantedScopeWarnings,
  insecureUrl,
  normalizeScope,
  presetFormSchema,
  presetValues,
  refreshSendsScope,
  refreshTokenLimits,
  scopeWarnings,
  tenantOf,
  tenantProblem,
  GOOGLE,
  MICROSOFT,
  microsoftEndpoint,
} from "./presets";

const codes = (notes: { code: string }[]) => notes.map((n) => n.code);

describe("presets", () => {
  it("Google: Gmail's SMTP on 587 with StartTLS required, the mail.google.com scope", () => {
    const g = presetValues("google");
    expect(g).toMatchObject({ smtpHost: "smtp.gmail.com", smtpPort: 587, security: "starttls", requireTls: true, refreshUrl: "" });
    expect(g.scopes).toContain("https://mail.google.com/");
    expect(g.scopes).not.toContain("offline_access");
    expect(detectProviderKind(g)).toBe("google");
    expect(scopeWarnings("google", g.scopes).filter((n) => n.level !== "info")).toEqual([]);
  });

  it("Microsoft 365: the tenant goes into both URLs; SMTP.Send with offline_access on smtp.office365.com:587", () => {
    const m = presetValues("microsoft", { tenant: "72f988bf-86f1-41af-91ab-2d7cd011db47" });
    expect(m.authUrl).toBe("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/authorize");
    expect(m.tokenUrl).toBe("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token");
    expect(m.scopes).toEqual(expect.arrayContaining(["offline_access", "https://outlook.office.com/SMTP.Send"]));
    expect(m).toMatchObject({ smtpHost: "smtp.office365.com", smtpPort: 587, security: "starttls" });
    expect(presetValues("microsoft").authUrl).toContain("/organizations/");
    expect(tenantOf(m.authUrl)).toBe("72f988bf-86f1-41af-91ab-2d7cd011db47");
    expect(detectProviderKind(m)).toBe("microsoft");
    expect(scopeWarnings("microsoft", m.scopes)).toEqual([]);
  });

  it("Custom fills nothing but sensible SMTP defaults", () => {
    expect(presetValues("custom")).toMatchObject({ authUrl: "", tokenUrl: "", scopes: [], smtpPort: 587 });
    expect(detectProviderKind({ authUrl: "http://127.0.0.1:8080/authorize", tokenUrl: "http://127.0.0.1:8080/token" })).toBe("custom");
    expect(detectProviderKind({ authUrl: "https://accounts.google.com/o/oauth2/auth", tokenUrl: "https://accounts.google.com/o/oauth2/token" })).toBe("google");
  });

  it("accepts a tenant ID, a domain, organizations or common — and explains anything else", () => {
    for (const t of ["72f988bf-86f1-41af-91ab-2d7cd011db47", "contoso.onmicrosoft.com", "organizations", "common"]) expect(tenantProblem(t)).toBeNull();
    expect(tenantProblem("")).toMatch(/Enter the tenant ID/);
    expect(tenantProblem("consumers")).toMatch(/Personal Microsoft accounts/);
    expect(tenantProblem("not a tenant")).toMatch(/is not a tenant/);
  });

  it("Google needs access_type=offline and prompt=consent for a refresh token; Microsoft repeats the scope on refresh", () => {
    expect(authorizationExtraParams("google")).toEqual({ access_type: "offline", prompt: "consent" });
    expect(authorizationExtraParams("microsoft")).toEqual({ prompt: "select_account" });
    expect(authorizationExtraParams("custom")).toEqual({});
    expect(refreshSendsScope("google")).toBe(false);
    expect(refreshSendsScope("microsoft")).toBe(true);
  });
});

describe("scope warnings", () => {
  it("Google: gmail.send alone is an error naming 535-5.7.8", () => {
    const notes = scopeWarnings("google", ["https://www.googleapis.com/auth/gmail.send"]);
    expect(codes(notes)).toEqual(["google_mail_scope_missing"]);
    expect(notes[0]!.level).toBe("error");
    expect(notes[0]!.message).toContain("535-5.7.8");
    expect(notes[0]!.message).toContain("https://mail.google.com/");
  });

  it("Google: the scope needs its final slash; gmail.send next to it is only noise; offline_access does not exist", () => {
    expect(scopeWarnings("google", ["https://mail.google.com"])[0]!.message).toContain("with the final slash");
    expect(codes(scopeWarnings("google", ["https://mail.google.com/", "https://www.googleapis.com/auth/gmail.send", "offline_access"]))).toEqual(["google_send_scope_unneeded", "google_offline_access"]);
  });

  it("Microsoft: SMTP.Send (either spelling) and offline_access are required", () => {
    expect(codes(scopeWarnings("microsoft", ["openid", "offline_access", "https://outlook.office365.com/SMTP.Send"]))).toEqual([]);
    expect(codes(scopeWarnings("microsoft", ["openid", "https://outlook.office.com/SMTP.Send"]))).toEqual(["microsoft_offline_access_missing"]);
    expect(codes(scopeWarnings("microsoft", ["openid", "offline_access"]))).toEqual(["microsoft_smtp_scope_missing"]);
  });

  it("Microsoft: the SPEC's Mail.Send / Mail.Read are unneeded, and Graph scopes cannot be mixed in", () => {
    const spec = ["openid", "offline_access", "https://outlook.office365.com/Mail.Send", "https://outlook.office365.com/Mail.Read", "https://outlook.office365.com/SMTP.Send"];
    expect(codes(scopeWarnings("microsoft", spec))).toEqual(["microsoft_mail_scopes_unneeded"]);
    expect(codes(scopeWarnings("microsoft", ["offline_access", "https://outlook.office.com/SMTP.Send", "https://graph.microsoft.com/Mail.Send"]))).toEqual(["microsoft_mixed_resources"]);
  });

  it("no scopes at all is an error for every provider", () => {
    for (const k of ["google", "microsoft", "custom"] as const) expect(codes(scopeWarnings(k, []))).toEqual(["no_scopes"]);
  });

  it("granted vs requested: unechoed OIDC scopes and spelling variants are not 'missing'", () => {
    expect(normalizeScope("https://outlook.office365.com/SMTP.Send")).toBe(normalizeScope("https://outlook.office.com/smtp.send"));
    expect(compareScopes(["openid", "offline_access", "https://outlook.office.com/SMTP.Send"], ["https://outlook.office365.com/SMTP.Send"])).toEqual({ missing: [], extra: [] });
    expect(compareScopes(["https://mail.google.com/", "email"], ["https://mail.google.com/", "https://www.googleapis.com/auth/userinfo.email"])).toEqual({ missing: [], extra: [] });
    expect(compareScopes(["https://mail.google.com/", "openid"], ["openid"]).missing).toEqual(["https://mail.google.com/"]);
    expect(compareScopes(["a"], null)).toEqual({ missing: [], extra: [] });
    expect(compareScopes(["a"], ["a", "b"]).extra).toEqual(["b"]);
  });

  it("an unticked Gmail box on Google's consent screen is reported from the granted scopes", () => {
    expect(codes(grantedScopeWarnings("google", ["openid"]))).toEqual(["google_mail_scope_not_granted"]);
    expect(grantedScopeWarnings("google", ["https://mail.google.com/"])).toEqual([]);
    expect(codes(grantedScopeWarnings("microsoft", ["openid"]))).toEqual(["microsoft_smtp_scope_not_granted"]);
    expect(grantedScopeWarnings("custom", ["x"])).toEqual([]);
  });
});

describe("known refresh-token limits", () => {
  it("Google: 7 days for apps in testing, 6 months unused; Microsoft: 90 days", () => {
    expect(refreshTokenLimits("google").map((l) => [l.limitDays, l.basis])).toEqual([[7, "age"], [182, "idle"]]);
    expect(refreshTokenLimits("microsoft").map((l) => [l.limitDays, l.basis])).toEqual([[90, "idle"]]);
    expect(refreshTokenLimits("custom")).toEqual([]);
  });
});

describe("the preset form", () => {
  const good = {
    preset: "microsoft",
    tenant: "contoso.onmicrosoft.com",
    clientId: "11111111-2222-3333-4444-555555555555",
    clientSecret: "",
    ...presetValues("microsoft", { tenant: "contoso.onmicrosoft.com" }),
    redirectUrl: "https://herald.example.com/api/mailer/oauth2/token",
    mailbox: "notifications@contoso.com",
    fromAddress: "Notifications <notifications@contoso.com>",
  };

  it("accepts a complete form", () => {
    const r = presetFormSchema.safeParse(good);
    expect(r.success).toBe(true);
  });

  it("names each bad field", () => {
    const r = presetFormSchema.safeParse({ ...good, tenant: "bad tenant", clientId: " ", smtpPort: 24, scopes: ["a b"], mailbox: "nobody", tokenUrl: "ftp://x", security: "ssl", requireTls: true });
    expect(r.success).toBe(false);
    const byField = Object.fromEntries(r.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(byField.tenant).toMatch(/is not a tenant/);
    expect(byField.clientId).toMatch(/Client ID must not be blank/);
    expect(byField.smtpPort).toBe("SMTP port must be between 25 and 65535.");
    expect(byField.scopes).toMatch(/must not contain spaces/);
    expect(byField.mailbox).toMatch(/email address/);
    expect(byField.tokenUrl).toMatch(/full http\(s\) URL/);
    expect(byField.requireTls).toMatch(/does not apply to SSL/);
  });

  it("flags plain http to another machine, not to this one", () => {
    expect(insecureUrl("http://login.example.com/token")).toBe(true);
    expect(insecureUrl("http://127.0.0.1:8080/token")).toBe(false);
    expect(insecureUrl("https://login.example.com/token")).toBe(false);
  });
});

describe("one source for provider URLs and scopes", () => {
  it("the OAuth2 provider form's help and docs/oauth.md quote exactly what the presets fill", async () => {
    const fs = await import("node:fs");
    const { oauthProvider } = await import("@/lib/config/services/oauth-provider");
    const help = (key: string) => oauthProvider.fields.find((f) => f.key === key)?.help ?? "";
    const readme = fs.readFileSync("docs/oauth.md", "utf8");
    const google = presetValues("google");
    const ms = (which: "authorize" | "token") => microsoftEndpoint("<tenant>", which);
    expect(help("authUrl")).toContain(google.authUrl);
    expect(help("authUrl")).toContain(ms("authorize"));
    expect(help("tokenUrl")).toContain(google.tokenUrl);
    expect(help("tokenUrl")).toContain(ms("token"));
    for (const scope of [...presetValues("google").scopes, ...presetValues("microsoft").scopes]) expect(help("scopes")).toContain(scope);
    // Nothing else: AEM's older documented values are not quoted as if they were the presets'.
    expect(help("authUrl") + help("tokenUrl") + help("scopes")).not.toMatch(/o\/oauth2\/auth\b|o\/oauth2\/token|outlook\.office365\.com|gmail\.send/);

    expect(readme).toContain(google.authUrl);
    expect(readme).toContain(google.tokenUrl);
    expect(readme).toContain(`${MICROSOFT.authority}/<tenant>/oauth2/v2.0/{authorize,token}`);
    expect(readme).toContain(presetValues("microsoft").scopes.join(" "));
    expect(readme).toContain(GOOGLE.mailScope);
  });
});
