import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defaultValues, defineService } from "../define";
import { validateService } from "../validate";
import { integerSchema, textSchema, urlSchema } from "../rules";
import type { ServiceSchema } from "../types";
import {
  ALERTS_PID,
  DAM_COLLECTION_PID,
  EMAIL_CHANNEL_PID,
  MAIL_SERVICE_PID,
  OAUTH_PROVIDER_PID,
  OIDC_PROVIDER_PID,
  SIGN_IN_POLICY_PID,
  SERVICES,
  WORKFLOW_EMAIL_PID,
  effectiveRefreshUrl,
  getService,
  isKnownPid,
  missingOAuthItems,
} from "./index";

const MAIL_OK = {
  "smtp.host": "smtp.example.com",
  "smtp.port": 587,
  "smtp.user": "mailer@example.com",
  "smtp.password": "hunter2",
  "from.address": "Acme <no-reply@example.com>",
  "smtp.ssl": false,
  "smtp.starttls": true,
  "smtp.requiretls": true,
  "debug.email": false,
  "oauth.flow": false,
};

const OAUTH_OK = {
  authUrl: "https://accounts.google.com/o/oauth2/auth",
  tokenUrl: "https://accounts.google.com/o/oauth2/token",
  scopes: ["https://mail.google.com/", "https://www.googleapis.com/auth/gmail.send"],
  clientId: "1234.apps.googleusercontent.com",
  clientSecret: "$[secret:GOOGLE_CLIENT_SECRET]",
  refreshUrl: "https://accounts.google.com/o/oauth2/token",
  refreshToken: "",
  refreshTokenExpiry: -1,
  authCodeRedirectUrl: "http://localhost:4503/services/mailer/oauth2/token",
};

/** Errors of one field after overriding a valid configuration; [] when accepted. */
function errorsOf(pid: string, base: Record<string, unknown>, patch: Record<string, unknown>, key: string): string[] {
  const r = validateService(pid, { ...base, ...patch });
  if (r.ok) return [];
  return r.fieldErrors[key] ?? [];
}

function accepted(pid: string, base: Record<string, unknown>, patch: Record<string, unknown>) {
  const r = validateService(pid, { ...base, ...patch });
  if (!r.ok) throw new Error(`expected acceptance, got ${JSON.stringify(r)}`);
  return r.values;
}

const mailErr = (patch: Record<string, unknown>, key: string) => errorsOf(MAIL_SERVICE_PID, MAIL_OK, patch, key);
const mailOk = (patch: Record<string, unknown>) => accepted(MAIL_SERVICE_PID, MAIL_OK, patch);

describe("service registry", () => {
  it("lists the five AEM services in console order, then Herald's own alert and sign-in services", () => {
    expect(SERVICES.map((s) => s.pid)).toEqual([
      MAIL_SERVICE_PID,
      OAUTH_PROVIDER_PID,
      EMAIL_CHANNEL_PID,
      WORKFLOW_EMAIL_PID,
      DAM_COLLECTION_PID,
      ALERTS_PID,
      OIDC_PROVIDER_PID,
      SIGN_IN_POLICY_PID,
    ]);
    expect(SERVICES.map((s) => s.name)).toEqual([
      "Day CQ Mail Service",
      "CQ Mail SMTP OAuth2 Provider",
      "Notification Email Channel",
      "Day CQ Workflow Email Notification Service",
      "Day CQ DAM Resource Collection Servlet",
      "Herald Alert Service",
      "Herald OpenID Connect Sign-in",
      "Herald Sign-in Policy",
    ]);
  });

  it("finds services by PID", () => {
    expect(getService(MAIL_SERVICE_PID)?.name).toBe("Day CQ Mail Service");
    expect(getService("com.example.Nope")).toBeUndefined();
    expect(isKnownPid(DAM_COLLECTION_PID)).toBe(true);
    expect(isKnownPid("x")).toBe(false);
  });

  it("every definition: fields match the strict schema, each field has a label and help text", () => {
    for (const s of SERVICES) {
      expect(s.fields.map((f) => f.key).sort()).toEqual(Object.keys(s.schema.shape).sort());
      for (const f of s.fields) {
        expect(f.label.length, `${s.pid} ${f.key}`).toBeGreaterThan(2);
        expect(f.help.length, `${s.pid} ${f.key}`).toBeGreaterThan(30);
      }
      expect(s.description.length).toBeGreaterThan(20);
    }
  });

  it("defaults are valid for every service except the Mail Service, which needs a host and a sender", () => {
    for (const s of SERVICES) {
      const r = validateService(s.pid, defaultValues(s));
      if (s.pid === MAIL_SERVICE_PID) {
        expect(r.ok).toBe(false);
        if (!r.ok) expect(Object.keys(r.fieldErrors).sort()).toEqual(["from.address", "smtp.host"]);
      } else {
        expect(r, s.pid).toMatchObject({ ok: true });
      }
    }
  });

  it("AEM defaults: port 25, no-reply@acme.com, http://localhost:4502, notify on abort/complete, DAM mail off, expiry -1", () => {
    expect(defaultValues(getService(MAIL_SERVICE_PID)!)["smtp.port"]).toBe(25);
    expect(defaultValues(getService(EMAIL_CHANNEL_PID)!)).toEqual({ "email.from": "no-reply@acme.com" });
    expect(defaultValues(getService(WORKFLOW_EMAIL_PID)!)).toMatchObject({
      "host.prefix": "http://localhost:4502",
      "notify.onabort": true,
      "notify.oncomplete": true,
      "notify.useronly": false,
    });
    expect(defaultValues(getService(DAM_COLLECTION_PID)!)).toEqual({ "send.email": false });
    expect(defaultValues(getService(OAUTH_PROVIDER_PID)!)).toMatchObject({ refreshTokenExpiry: -1, scopes: [] });
  });

  it("secret fields are marked as secrets; header-bound fields are marked", () => {
    const secrets = SERVICES.flatMap((s) => s.fields.filter((f) => f.type === "secret").map((f) => `${s.pid}#${f.key}`));
    expect(secrets).toEqual([
      `${MAIL_SERVICE_PID}#smtp.password`,
      `${OAUTH_PROVIDER_PID}#clientSecret`,
      `${OAUTH_PROVIDER_PID}#refreshToken`,
      `${ALERTS_PID}#webhook.urls`,
      `${OIDC_PROVIDER_PID}#clientSecret`,
    ]);
    const mail = getService(MAIL_SERVICE_PID)!;
    expect(mail.fields.filter((f) => f.headerBound).map((f) => f.key)).toEqual(["smtp.user", "from.address"]);
  });

  it("defineService refuses fields and schema that disagree", () => {
    expect(() =>
      defineService({
        pid: "x.Y",
        name: "Y",
        description: "test",
        schema: z.strictObject({ a: z.string() }),
        fields: [{ key: "b", label: "B", type: "string", default: "", help: "h" }],
      }),
    ).toThrow(/only in fields: b; only in schema: a/);
    expect(() =>
      defineService({
        pid: "x.Y",
        name: "Y",
        description: "test",
        schema: z.strictObject({ a: z.string() }),
        fields: [
          { key: "a", label: "A", type: "string", default: "", help: "h" },
          { key: "a", label: "A", type: "string", default: "", help: "h" },
        ],
      }),
    ).toThrow(/defined twice/);
    expect(() =>
      defineService({
        pid: "x.Y",
        name: "Y",
        description: "test",
        schema: z.strictObject({ e: z.enum(["a", "b"]) }),
        fields: [{ key: "e", label: "E", type: "enum", default: "c", help: "h", options: [{ value: "a", label: "A" }] }],
      }),
    ).toThrow(/not one of its options/);
  });

  // The form promises what the field says; the server enforces what the schema says.
  describe("defineService refuses a field whose promises the schema does not keep", () => {
    const service = (schema: z.ZodType, field: Record<string, unknown>) => () =>
      defineService({
        pid: "x.Mismatched",
        name: "Mismatched",
        description: "test",
        schema: z.strictObject({ k: schema }),
        fields: [{ key: "k", label: "K", help: "h", ...field } as never],
      });

    it("min and max", () => {
      const port = integerSchema("Port", { min: 25, max: 65535 });
      expect(service(port, { type: "number", integer: true, min: 25, max: 65535, default: 25 })).not.toThrow();
      expect(service(port, { type: "number", integer: true, min: 1, max: 65535, default: 25 })).toThrow(/x\.Mismatched: field "k" .*min is 1/);
      expect(service(port, { type: "number", integer: true, min: 25, max: 70000, default: 25 })).toThrow(/field "k" .*max is 70000/);
      expect(service(port, { type: "number", integer: true, min: 25, default: 25 })).toThrow(/field "k" .*upper bound the field does not declare/);
      expect(service(integerSchema("N"), { type: "number", default: 3 })).toThrow(/field "k" .*not marked integer/);
    });

    it("required", () => {
      expect(service(textSchema("T"), { type: "string", default: "", required: true })).toThrow(/field "k" .*marked required but the schema accepts a blank/);
      expect(service(textSchema("T", { required: true }), { type: "string", default: "x" })).toThrow(/field "k" .*not marked required/);
      expect(service(textSchema("T", { required: true }), { type: "string", default: "", required: true })).not.toThrow();
    });

    it("defaults", () => {
      expect(service(integerSchema("N", { min: 1, max: 9 }), { type: "number", integer: true, min: 1, max: 9, default: 10 })).toThrow(/field "k" .*default 10 is rejected/);
      expect(service(urlSchema("U", { required: true }), { type: "string", default: "not a url", required: true })).toThrow(/field "k" .*default "not a url" is rejected/);
    });

    it("every shipped service passes the same checks", () => {
      for (const s of SERVICES) expect(() => defineService<ServiceSchema, string>(s)).not.toThrow();
    });
  });
});

describe("Day CQ Mail Service", () => {
  it("accepts a complete Microsoft 365 style configuration", () => {
    expect(mailOk({})).toEqual(MAIL_OK);
  });

  describe("smtp.host", () => {
    it("must not be blank", () => {
      expect(mailErr({ "smtp.host": "" }, "smtp.host")).toEqual(["SMTP server host name must not be blank."]);
      expect(mailErr({ "smtp.host": "   " }, "smtp.host")).toEqual(["SMTP server host name must not be blank."]);
    });
    it("accepts host names, IPv4 and IPv6, and trims them", () => {
      expect(mailOk({ "smtp.host": "  smtp.office365.com " })["smtp.host"]).toBe("smtp.office365.com");
      for (const h of ["localhost", "mail", "smtp.gmail.com", "127.0.0.1", "::1", "[2001:db8::25]", "smtp.example.com.", "mail_relay.corp"]) {
        expect(mailErr({ "smtp.host": h }, "smtp.host"), h).toEqual([]);
      }
    });
    it("rejects a scheme, a port, a path, spaces and malformed names", () => {
      expect(mailErr({ "smtp.host": "smtp://mail.example.com" }, "smtp.host")[0]).toMatch(/without "smtp:\/\/"/);
      expect(mailErr({ "smtp.host": "mail.example.com:587" }, "smtp.host")[0]).toMatch(/must not include a port/);
      expect(mailErr({ "smtp.host": "mail.example.com/x" }, "smtp.host")[0]).toMatch(/without a path/);
      expect(mailErr({ "smtp.host": "mail example.com" }, "smtp.host")[0]).toMatch(/must not contain spaces/);
      expect(mailErr({ "smtp.host": "mail..example.com" }, "smtp.host")[0]).toMatch(/empty part/);
      expect(mailErr({ "smtp.host": "-mail.example.com" }, "smtp.host")[0]).toMatch(/not a valid host name/);
      expect(mailErr({ "smtp.host": "300.1.1.1" }, "smtp.host")[0]).toMatch(/not a valid IPv4 address/);
      expect(mailErr({ "smtp.host": "[1:2:3]" }, "smtp.host")[0]).toMatch(/not a valid IPv6 address/);
      expect(mailErr({ "smtp.host": "smtp.example.com\r\n" }, "smtp.host")[0]).toMatch(/single line/);
      expect(mailErr({ "smtp.host": 42 }, "smtp.host")).toEqual(["SMTP server host name must be text."]);
    });
    it("accepts a placeholder, refuses a malformed one", () => {
      expect(mailErr({ "smtp.host": "$[env:SMTP_HOST]" }, "smtp.host")).toEqual([]);
      expect(mailErr({ "smtp.host": "$[env:SMTP HOST]" }, "smtp.host")[0]).toMatch(/looks like a placeholder/);
    });
  });

  describe("smtp.port", () => {
    it("accepts whole numbers from 25 to 65535", () => {
      for (const p of [25, 465, 587, 2525, 65535]) expect(mailErr({ "smtp.port": p }, "smtp.port"), String(p)).toEqual([]);
    });
    it("rejects ports below 25 or above 65535", () => {
      for (const p of [0, 1, 24, -25, 65536, 100000]) {
        expect(mailErr({ "smtp.port": p }, "smtp.port"), String(p)).toEqual(["SMTP server port must be between 25 and 65535."]);
      }
    });
    it("rejects fractions, NaN and text", () => {
      expect(mailErr({ "smtp.port": 25.5 }, "smtp.port")).toEqual(["SMTP server port must be a whole number."]);
      expect(mailErr({ "smtp.port": Number.NaN }, "smtp.port")).toEqual(["SMTP server port must be a number."]);
      expect(mailErr({ "smtp.port": "587" }, "smtp.port")).toEqual(["SMTP server port must be a number."]);
    });
  });

  describe("smtp.user", () => {
    it("may be blank, or any single line", () => {
      expect(mailErr({ "smtp.user": "" }, "smtp.user")).toEqual([]);
      expect(mailErr({ "smtp.user": "DOMAIN\\user" }, "smtp.user")).toEqual([]);
    });
    it("rejects CR or LF (it ends up in a header)", () => {
      for (const v of ["a\r\nb", "a\nb", "a\rb"]) {
        expect(mailErr({ "smtp.user": v }, "smtp.user")).toEqual([
          "SMTP user must not contain line breaks (it is written into a mail header).",
        ]);
      }
    });
    it("is required when the OAuth flow is on", () => {
      expect(mailErr({ "oauth.flow": true, "smtp.user": "" }, "smtp.user")[0]).toMatch(/SMTP user must not be blank when OAuth flow is on/);
      expect(mailErr({ "oauth.flow": true, "smtp.user": "mailbox@example.com" }, "smtp.user")).toEqual([]);
    });
  });

  describe("smtp.password", () => {
    it("keeps the value exactly, spaces included", () => {
      expect(mailOk({ "smtp.password": "  pass word  " })["smtp.password"]).toBe("  pass word  ");
    });
    it("accepts sealed values and placeholders", () => {
      expect(mailErr({ "smtp.password": "enc:v1:AAAA" }, "smtp.password")).toEqual([]);
      expect(mailErr({ "smtp.password": "$[secret:SMTP_PASSWORD]" }, "smtp.password")).toEqual([]);
    });
    it("rejects line breaks, malformed placeholders and placeholders with a default", () => {
      expect(mailErr({ "smtp.password": "a\nb" }, "smtp.password")[0]).toMatch(/SMTP password must not contain line breaks/);
      expect(mailErr({ "smtp.password": "$[secret:SMTP-PASSWORD]" }, "smtp.password")[0]).toMatch(/looks like a placeholder/);
      expect(mailErr({ "smtp.password": "$[secret:PW;default=hunter2]" }, "smtp.password")[0]).toMatch(/must not give a default/);
    });
  });

  describe("from.address", () => {
    it("must not be blank", () => {
      expect(mailErr({ "from.address": "" }, "from.address")).toEqual(['"From" address must not be blank.']);
    });
    it("accepts plain and display-name forms", () => {
      expect(mailErr({ "from.address": "a@b.co" }, "from.address")).toEqual([]);
      expect(mailErr({ "from.address": '"Doe, John" <john@example.com>' }, "from.address")).toEqual([]);
    });
    it("rejects invalid addresses with the reason", () => {
      expect(mailErr({ "from.address": "no-reply" }, "from.address")).toEqual([
        '"From" address is not a valid email address: it has no "@". Expected name@example.com or Name <name@example.com>.',
      ]);
      expect(mailErr({ "from.address": "Doe, John <j@x.com>" }, "from.address")[0]).toMatch(/put the name in double quotes/);
    });
    it("rejects CR/LF (header injection)", () => {
      expect(mailErr({ "from.address": "a@b.co\r\nBcc: x@evil.com" }, "from.address")).toEqual([
        '"From" address must not contain line breaks (it is written into a mail header).',
      ]);
    });
  });

  describe("SSL and StartTLS", () => {
    it("accepts either one alone, or neither", () => {
      expect(mailErr({ "smtp.ssl": true, "smtp.starttls": false, "smtp.requiretls": false }, "smtp.starttls")).toEqual([]);
      expect(mailErr({ "smtp.ssl": false, "smtp.starttls": true }, "smtp.starttls")).toEqual([]);
      expect(mailErr({ "smtp.ssl": false, "smtp.starttls": false, "smtp.requiretls": false }, "smtp.starttls")).toEqual([]);
    });
    it("rejects both on", () => {
      expect(mailErr({ "smtp.ssl": true, "smtp.starttls": true }, "smtp.starttls")[0]).toMatch(
        /^Use SSL and Use StartTLS cannot both be on/,
      );
    });
    it("Require StartTLS needs StartTLS", () => {
      expect(mailErr({ "smtp.starttls": false, "smtp.requiretls": true }, "smtp.requiretls")).toEqual([
        "Require StartTLS needs Use StartTLS to be on.",
      ]);
      expect(mailErr({ "smtp.starttls": true, "smtp.requiretls": true }, "smtp.requiretls")).toEqual([]);
    });
    it("switches must be booleans", () => {
      expect(mailErr({ "smtp.ssl": "true" }, "smtp.ssl")).toEqual(["Use SSL must be on or off (true or false)."]);
      expect(mailErr({ "debug.email": 1 }, "debug.email")).toEqual(["Debug email must be on or off (true or false)."]);
      expect(mailErr({ "oauth.flow": null }, "oauth.flow")).toEqual(["OAuth flow must be on or off (true or false)."]);
    });
  });

  it("rejects unknown keys, naming them", () => {
    const r = validateService(MAIL_SERVICE_PID, { ...MAIL_OK, "smtp.hots": "x", extra: 1 });
    expect(r).toEqual({
      ok: false,
      fieldErrors: {},
      formErrors: ['"smtp.hots", "extra" are not settings of Day CQ Mail Service.'],
    });
  });
});

describe("Notification Email Channel", () => {
  const err = (v: unknown) => errorsOf(EMAIL_CHANNEL_PID, {}, { "email.from": v }, "email.from");
  it("accepts valid senders, with or without a name", () => {
    expect(err("name@server.com")).toEqual([]);
    expect(err("Acme Website <web@acme.com>")).toEqual([]);
  });
  it("rejects blank, invalid and multi-line senders", () => {
    expect(err("")).toEqual(["Sender address must not be blank."]);
    expect(err("name@server")[0]).toMatch(/^Sender address is not a valid email address: the domain "server" needs a dot/);
    expect(err("a@b.co\nX: y")).toEqual(["Sender address must not contain line breaks (it is written into a mail header)."]);
  });
  it("rejects unknown keys", () => {
    expect(validateService(EMAIL_CHANNEL_PID, { "email.from": "a@b.co", "email.to": "x" })).toMatchObject({
      ok: false,
      formErrors: ['"email.to" is not a setting of Notification Email Channel.'],
    });
  });
});

describe("Day CQ Workflow Email Notification Service", () => {
  const base = { "from.address": "workflow@example.com", "host.prefix": "https://author.example.com" };
  const err = (patch: Record<string, unknown>, key: string) => errorsOf(WORKFLOW_EMAIL_PID, base, patch, key);

  it("validates the sender like the other addresses", () => {
    expect(err({ "from.address": "Workflow <wf@example.com>" }, "from.address")).toEqual([]);
    expect(err({ "from.address": "" }, "from.address")).toEqual(["Sender address must not be blank."]);
    expect(err({ "from.address": "wf@@example.com" }, "from.address")[0]).toMatch(/not a valid email address/);
    expect(err({ "from.address": "wf@example.com\r" }, "from.address")[0]).toMatch(/must not contain line breaks/);
  });

  it("accepts absolute http(s) prefixes, with a context path and port", () => {
    for (const p of ["http://localhost:4502", "https://author.example.com", "https://example.com/aem", "http://10.0.0.5:8080/author"]) {
      expect(err({ "host.prefix": p }, "host.prefix"), p).toEqual([]);
    }
  });

  it("rejects a trailing slash, naming the fix", () => {
    expect(err({ "host.prefix": "https://author.example.com/" }, "host.prefix")).toEqual([
      'Host URL prefix must not end with "/" (paths that are appended start with "/"); use https://author.example.com.',
    ]);
  });

  it("rejects relative, non-http, blank, query, fragment and credential URLs", () => {
    const absolute = "Host URL prefix must be an absolute URL starting with http:// or https:// (for example https://example.com).";
    expect(err({ "host.prefix": "author.example.com" }, "host.prefix")).toEqual([absolute]);
    expect(err({ "host.prefix": "/content" }, "host.prefix")).toEqual([absolute]);
    expect(err({ "host.prefix": "ftp://example.com" }, "host.prefix")).toEqual([absolute]);
    expect(err({ "host.prefix": "http:/example.com" }, "host.prefix")).toEqual([absolute]);
    expect(err({ "host.prefix": "" }, "host.prefix")).toEqual(["Host URL prefix must not be blank."]);
    expect(err({ "host.prefix": "https://x.com?a=1" }, "host.prefix")[0]).toMatch(/must not contain a query/);
    expect(err({ "host.prefix": "https://x.com#top" }, "host.prefix")[0]).toMatch(/must not contain a fragment/);
    expect(err({ "host.prefix": "https://u:p@x.com" }, "host.prefix")[0]).toMatch(/user name or password/);
    expect(err({ "host.prefix": "https://x .com" }, "host.prefix")[0]).toMatch(/must not contain spaces/);
  });

  it("notify switches are booleans", () => {
    expect(err({ "notify.onabort": "yes" }, "notify.onabort")).toEqual(["Notify on abort must be on or off (true or false)."]);
    expect(err({ "notify.useronly": true }, "notify.useronly")).toEqual([]);
  });
});

describe("CQ Mail SMTP OAuth2 Provider", () => {
  const err = (patch: Record<string, unknown>, key: string) => errorsOf(OAUTH_PROVIDER_PID, OAUTH_OK, patch, key);

  it("accepts the Gmail and Microsoft 365 settings from AEM's documentation", () => {
    expect(accepted(OAUTH_PROVIDER_PID, OAUTH_OK, {})).toEqual(OAUTH_OK);
    expect(
      accepted(OAUTH_PROVIDER_PID, OAUTH_OK, {
        authUrl: "https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/authorize",
        tokenUrl: "https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/token",
        refreshUrl: "https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/token",
        scopes: [
          "openid",
          "offline_access",
          "https://outlook.office365.com/Mail.Send",
          "https://outlook.office365.com/Mail.Read",
          "https://outlook.office365.com/SMTP.Send",
        ],
      }).scopes,
    ).toHaveLength(5);
  });

  it("URLs may be blank (completeness is checked when the OAuth flow is on)", () => {
    for (const key of ["authUrl", "tokenUrl", "refreshUrl", "authCodeRedirectUrl"]) {
      expect(err({ [key]: "" }, key), key).toEqual([]);
    }
  });

  it("URLs must be absolute http(s) URLs", () => {
    expect(err({ authUrl: "accounts.google.com/o/oauth2/auth" }, "authUrl")[0]).toMatch(/^Authorization URL must be an absolute URL/);
    expect(err({ tokenUrl: "ftp://x.com/token" }, "tokenUrl")[0]).toMatch(/^Token URL must be an absolute URL/);
    expect(err({ refreshUrl: "/token" }, "refreshUrl")[0]).toMatch(/^Refresh token URL must be an absolute URL/);
    expect(err({ authCodeRedirectUrl: "localhost:4503/x" }, "authCodeRedirectUrl")[0]).toMatch(/^Auth code redirect URL must be an absolute URL/);
    expect(err({ authUrl: "https://x.com/auth?prompt=consent" }, "authUrl")).toEqual([]);
    expect(err({ authUrl: "https://x.com/auth#f" }, "authUrl")[0]).toMatch(/fragment/);
  });

  it("scopes: trimmed; blank entries, spaces and duplicates rejected with the entry number", () => {
    expect(accepted(OAUTH_PROVIDER_PID, OAUTH_OK, { scopes: [" openid ", "offline_access"] }).scopes).toEqual(["openid", "offline_access"]);
    expect(err({ scopes: ["openid", ""] }, "scopes")).toEqual(["Scope 2 is blank; remove it or fill it in."]);
    expect(err({ scopes: ["openid offline_access"] }, "scopes")).toEqual([
      "Scope 1 must not contain spaces; add each one as its own entry.",
    ]);
    expect(err({ scopes: ["openid", " openid"] }, "scopes")).toEqual(['Scopes lists "openid" twice.']);
    expect(err({ scopes: ["a\nb"] }, "scopes")).toEqual(["Scope 1 must be a single line."]);
    expect(err({ scopes: "openid" }, "scopes")).toEqual(["Scopes must be a list."]);
    expect(err({ scopes: [1] }, "scopes")).toEqual(["Each entry of Scopes must be text."]);
    expect(err({ scopes: Array.from({ length: 51 }, (_, i) => `s${i}`) }, "scopes")).toEqual(["Scopes may have at most 50 entries."]);
  });

  it("refresh token expiry: -1 (never) or a positive whole number of seconds", () => {
    for (const v of [-1, 1, 3600, 7776000]) expect(err({ refreshTokenExpiry: v }, "refreshTokenExpiry"), String(v)).toEqual([]);
    for (const v of [0, -2, -100]) {
      expect(err({ refreshTokenExpiry: v }, "refreshTokenExpiry"), String(v)).toEqual([
        "Refresh token expiry must be between 1 and 2147483647 (or -1 for never).",
      ]);
    }
    expect(err({ refreshTokenExpiry: 1.5 }, "refreshTokenExpiry")).toEqual(["Refresh token expiry must be a whole number."]);
  });

  it("client ID is a single line; secrets accept placeholders", () => {
    expect(err({ clientId: "abc\r\ndef" }, "clientId")).toEqual(["Client ID must be a single line."]);
    expect(err({ clientSecret: "$[secret:SECRET_SMTP_OAUTH_CLIENT_SECRET]" }, "clientSecret")).toEqual([]);
    expect(err({ refreshToken: "1//0g-long-token" }, "refreshToken")).toEqual([]);
  });

  it("missingOAuthItems and effectiveRefreshUrl", () => {
    expect(missingOAuthItems(OAUTH_OK)).toEqual([]);
    expect(missingOAuthItems({ ...OAUTH_OK, authUrl: " ", scopes: [""] })).toEqual([
      { key: "authUrl", label: "Authorization URL" },
      { key: "scopes", label: "at least one scope" },
    ]);
    expect(missingOAuthItems(undefined).map((m) => m.key)).toEqual(["authUrl", "tokenUrl", "clientId", "scopes"]);
    expect(effectiveRefreshUrl({ tokenUrl: "https://t", refreshUrl: "" })).toBe("https://t");
    expect(effectiveRefreshUrl({ tokenUrl: "https://t", refreshUrl: "https://r" })).toBe("https://r");
  });
});

describe("Day CQ DAM Resource Collection Servlet", () => {
  it("send.email is an on/off switch, off by default", () => {
    expect(validateService(DAM_COLLECTION_PID, {})).toEqual({ ok: true, values: { "send.email": false } });
    expect(validateService(DAM_COLLECTION_PID, { "send.email": true })).toEqual({ ok: true, values: { "send.email": true } });
    expect(validateService(DAM_COLLECTION_PID, { "send.email": "yes" })).toEqual({
      ok: false,
      fieldErrors: { "send.email": ["Send email must be on or off (true or false)."] },
      formErrors: [],
    });
  });
});

describe("Herald Alert Service", () => {
  const err = (patch: Record<string, unknown>, key: string) => errorsOf(ALERTS_PID, {}, patch, key);

  it("defaults: no webhook, JSON payload, no email, 10 minutes, every condition on", () => {
    expect(defaultValues(getService(ALERTS_PID)!)).toEqual({
      "webhook.urls": "",
      "webhook.format": "json",
      "email.recipients": [],
      "stalled.threshold": 600,
      "alert.reauthorization": true,
      "alert.stalled": true,
      "alert.dead": true,
      "alert.tokenExpiry": true,
    });
  });

  it("webhook URLs: one or more http(s) URLs separated by spaces; each bad one is named", () => {
    expect(err({ "webhook.urls": "https://hooks.slack.com/services/T/B/x https://alerts.example.com/h?k=1" }, "webhook.urls")).toEqual([]);
    expect(err({ "webhook.urls": "$[secret:HERALD_ALERTS_WEBHOOK_URLS]" }, "webhook.urls")).toEqual([]);
    expect(err({ "webhook.urls": "https://ok.example.com/a ftp://x.example.com" }, "webhook.urls")).toEqual([
      "Webhook URLs (URL 2) must be an absolute URL starting with http:// or https:// (for example https://example.com).",
    ]);
    expect(err({ "webhook.urls": "hooks.example.com" }, "webhook.urls")[0]).toMatch(/^Webhook URLs must be an absolute URL/);
    expect(err({ "webhook.urls": "https://a.example.com https://a.example.com" }, "webhook.urls")).toEqual(["Webhook URLs lists the same URL twice."]);
    expect(err({ "webhook.urls": "https://a.example.com\nhttps://b.example.com" }, "webhook.urls")[0]).toMatch(/line breaks/);
  });

  it("admin addresses are checked one by one; the threshold is a positive whole number of seconds", () => {
    expect(err({ "email.recipients": ["ops@example.com", "Ops <ops2@example.com>"] }, "email.recipients")).toEqual([]);
    expect(err({ "email.recipients": ["ops@example.com", "not-an-address"] }, "email.recipients")[0]).toMatch(/^Address 2 is not a valid email address/);
    expect(err({ "stalled.threshold": 0 }, "stalled.threshold")).toEqual(["Stalled after must be between 1 and 604800."]);
    expect(err({ "stalled.threshold": 1.5 }, "stalled.threshold")).toEqual(["Stalled after must be a whole number."]);
    expect(err({ "webhook.format": "xml" }, "webhook.format")).toEqual(["Webhook payload must be one of: json, text."]);
  });
});
