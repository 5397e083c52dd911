import { describe, expect, it } from "vitest";
import {
  PlaceholderError,
  formatPlaceholder,
  isMalformedPlaceholder,
  isPlaceholder,
  missingPlaceholders,
  parsePlaceholder,
  resolvePlaceholder,
  resolveValues,
  tryResolvePlaceholder,
} from "./placeholders";
import { mailService, oauthProvider } from "./services";

describe("isPlaceholder / parsePlaceholder", () => {
  it("recognises $[env:NAME] and $[secret:NAME]", () => {
    expect(isPlaceholder("$[env:SMTP_HOST]")).toBe(true);
    expect(isPlaceholder("$[secret:SECRET_SMTP_OAUTH_CLIENT_SECRET]")).toBe(true);
    expect(parsePlaceholder("$[secret:PW]")).toEqual({ kind: "secret", name: "PW", raw: "$[secret:PW]" });
  });

  it("reads a ;default= value", () => {
    expect(parsePlaceholder("$[env:PORT;default=587]")).toEqual({
      kind: "env",
      name: "PORT",
      default: "587",
      raw: "$[env:PORT;default=587]",
    });
    expect(parsePlaceholder("$[env:X;default=]")?.default).toBe("");
  });

  it("requires the placeholder to be the whole value", () => {
    expect(isPlaceholder(" $[env:X]")).toBe(false);
    expect(isPlaceholder("smtp://$[env:X]")).toBe(false);
    expect(isPlaceholder("$[env:X]x")).toBe(false);
  });

  it("rejects other kinds and invalid names", () => {
    for (const s of ["$[vault:X]", "$[env:]", "$[env:1X]", "$[env:A-B]", "$[env:X", "${env:X}", "$[ENV:X]"]) {
      expect(isPlaceholder(s)).toBe(false);
      expect(parsePlaceholder(s)).toBeNull();
    }
    expect(isPlaceholder(42)).toBe(false);
    expect(isPlaceholder(undefined)).toBe(false);
  });

  it("flags values that start like a placeholder but are not one", () => {
    expect(isMalformedPlaceholder("$[env:A-B]")).toBe(true);
    expect(isMalformedPlaceholder("$[secret:X")).toBe(true);
    expect(isMalformedPlaceholder("$[env:X]")).toBe(false);
    expect(isMalformedPlaceholder("pa$$word")).toBe(false);
  });

  it("formatPlaceholder writes what parsePlaceholder reads", () => {
    expect(formatPlaceholder("secret", "HERALD_SMTP_PASSWORD")).toBe("$[secret:HERALD_SMTP_PASSWORD]");
    expect(parsePlaceholder(formatPlaceholder("env", "P", "25"))).toMatchObject({ kind: "env", name: "P", default: "25" });
    expect(() => formatPlaceholder("env", "not valid")).toThrow(/not a valid variable name/);
    expect(() => formatPlaceholder("env", "X", "a]b")).toThrow();
  });
});

describe("resolvePlaceholder", () => {
  const env = { SMTP_HOST: "smtp.example.com", PW: "s3cret", EMPTY: "" };

  it("resolves env and secret placeholders from the environment", () => {
    expect(resolvePlaceholder("$[env:SMTP_HOST]", env)).toBe("smtp.example.com");
    expect(resolvePlaceholder("$[secret:PW]", env)).toBe("s3cret");
  });

  it("returns plain values unchanged", () => {
    expect(resolvePlaceholder("smtp.example.com", env)).toBe("smtp.example.com");
    expect(resolvePlaceholder("", env)).toBe("");
  });

  it("treats an empty variable as set", () => {
    expect(resolvePlaceholder("$[env:EMPTY;default=x]", env)).toBe("");
  });

  it("uses the default when the variable is missing", () => {
    expect(resolvePlaceholder("$[env:PORT;default=587]", env)).toBe("587");
  });

  it("throws a clear error naming the missing variable", () => {
    expect(() => resolvePlaceholder("$[secret:SMTP_PASSWORD]", env)).toThrow(PlaceholderError);
    try {
      resolvePlaceholder("$[secret:SMTP_PASSWORD]", env);
    } catch (e) {
      const pe = e as PlaceholderError;
      expect(pe.variable).toBe("SMTP_PASSWORD");
      expect(pe.placeholder).toBe("$[secret:SMTP_PASSWORD]");
      expect(pe.message).toContain("SMTP_PASSWORD is not set");
      expect(pe.message).toContain("secret");
    }
    expect(() => resolvePlaceholder("$[env:NOPE]", env)).toThrow(/environment variable NOPE is not set/);
  });

  it("does not read inherited properties as variables", () => {
    expect(() => resolvePlaceholder("$[env:toString]", {})).toThrow(PlaceholderError);
  });

  it("tryResolvePlaceholder reports instead of throwing", () => {
    expect(tryResolvePlaceholder("$[env:SMTP_HOST]", env)).toEqual({ ok: true, value: "smtp.example.com" });
    expect(tryResolvePlaceholder("$[env:NOPE]", env)).toMatchObject({ ok: false, variable: "NOPE" });
  });
});

describe("missingPlaceholders", () => {
  it("lists placeholders whose variable is not set, with field key and label", () => {
    const values = {
      "smtp.host": "$[env:SMTP_HOST]",
      "smtp.password": "$[secret:SMTP_PASSWORD]",
      "smtp.user": "$[env:SMTP_USER;default=me@x.com]",
      "from.address": "a@b.co",
    };
    expect(missingPlaceholders(values, mailService, { SMTP_HOST: "h" })).toEqual([
      {
        key: "smtp.password",
        label: "SMTP password",
        placeholder: "$[secret:SMTP_PASSWORD]",
        variable: "SMTP_PASSWORD",
        kind: "secret",
      },
    ]);
  });

  it("checks list entries and accepts a field array instead of a service", () => {
    const out = missingPlaceholders({ scopes: ["openid", "$[env:EXTRA_SCOPE]"] }, oauthProvider.fields, {});
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ key: "scopes", variable: "EXTRA_SCOPE", kind: "env" });
  });

  it("returns [] when everything resolves", () => {
    expect(missingPlaceholders({ "smtp.password": "$[secret:PW]" }, mailService, { PW: "x" })).toEqual([]);
  });
});

describe("resolveValues", () => {
  it("resolves every placeholder of a service", () => {
    const r = resolveValues(
      oauthProvider,
      { clientId: "$[env:CID]", clientSecret: "$[secret:CS]", scopes: ["$[env:S1]", "openid"], refreshTokenExpiry: -1 },
      { CID: "id-1", CS: "shh", S1: "https://mail.google.com/" },
    );
    expect(r).toEqual({
      ok: true,
      values: { clientId: "id-1", clientSecret: "shh", scopes: ["https://mail.google.com/", "openid"], refreshTokenExpiry: -1 },
    });
  });

  it("checks resolved values with the field's own rules (an address must stay an address, no header injection)", () => {
    const bad = resolveValues(mailService, { "from.address": "$[env:FROM]", "smtp.host": "$[env:HOST]" }, { FROM: "a@b.co\r\nBcc: x@evil.com", HOST: " smtp.example.com " });
    expect(bad).toEqual({
      ok: false,
      errors: [
        {
          key: "from.address",
          label: '"From" address',
          variable: "FROM",
          message: '"From" address must not contain line breaks (it is written into a mail header). (The value comes from the environment variable FROM.)',
        },
      ],
    });
    const good = resolveValues(mailService, { "smtp.host": "$[env:HOST]", "smtp.password": "$[secret:PW]" }, { HOST: " smtp.example.com ", PW: " pw " });
    expect(good).toEqual({ ok: true, values: { "smtp.host": "smtp.example.com", "smtp.password": " pw " } });
  });

  it("lists every variable that is missing", () => {
    const r = resolveValues(oauthProvider, { clientId: "$[env:CID]", clientSecret: "$[secret:CS]" }, {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.variable)).toEqual(["CID", "CS"]);
      expect(r.errors[1]!.message).toMatch(/^Client secret: The secret CS is not set/);
    }
  });
});
