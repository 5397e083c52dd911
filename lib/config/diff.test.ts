import { describe, expect, it } from "vitest";
import { describeChange, diffValues } from "./diff";
import { mailService, oauthProvider } from "./services";

describe("diffValues", () => {
  it("lists changed, added and removed fields in field order", () => {
    const d = diffValues(
      mailService,
      { "smtp.host": "old.example.com", "smtp.port": 25, "debug.email": true },
      { "smtp.host": "new.example.com", "smtp.port": 25, "smtp.starttls": true },
    );
    expect(d).toEqual([
      { key: "smtp.host", label: "SMTP server host name", kind: "changed", old: "old.example.com", new: "new.example.com" },
      { key: "smtp.starttls", label: "Use StartTLS", kind: "added", new: true },
      { key: "debug.email", label: "Debug email", kind: "removed", old: true },
    ]);
  });

  it("returns [] for equal values, comparing lists by content", () => {
    expect(diffValues(oauthProvider, { scopes: ["a", "b"] }, { scopes: ["a", "b"] })).toEqual([]);
    expect(diffValues(oauthProvider, { scopes: ["a", "b"] }, { scopes: ["b", "a"] })).toEqual([
      { key: "scopes", label: "Scopes", kind: "changed", old: ["a", "b"], new: ["b", "a"] },
    ]);
    expect(diffValues(mailService, null, undefined)).toEqual([]);
  });

  it("never shows secret values: set, changed, cleared", () => {
    const set = diffValues(mailService, { "smtp.password": "" }, { "smtp.password": "enc:v1:NEW" });
    expect(set).toEqual([{ key: "smtp.password", label: "SMTP password", kind: "added", secret: "set" }]);

    const changed = diffValues(mailService, { "smtp.password": "enc:v1:OLD" }, { "smtp.password": "clear-new" });
    expect(changed).toEqual([{ key: "smtp.password", label: "SMTP password", kind: "changed", secret: "changed" }]);

    const cleared = diffValues(oauthProvider, { refreshToken: "tok-123" }, {});
    expect(cleared).toEqual([{ key: "refreshToken", label: "Refresh token", kind: "removed", secret: "cleared" }]);

    for (const e of [...set, ...changed, ...cleared]) {
      expect(e.old).toBeUndefined();
      expect(e.new).toBeUndefined();
    }
    expect(JSON.stringify([set, changed, cleared])).not.toMatch(/OLD|NEW|clear-new|tok-123/);
  });

  it("treats unset and empty secrets alike, and equal secrets as unchanged", () => {
    expect(diffValues(mailService, {}, { "smtp.password": "" })).toEqual([]);
    expect(diffValues(mailService, { "smtp.password": "enc:v1:A" }, { "smtp.password": "enc:v1:A" })).toEqual([]);
  });

  it("names placeholders of secrets, without defaults", () => {
    const d = diffValues(mailService, { "smtp.password": "$[secret:OLD_PW]" }, { "smtp.password": "$[env:PW;default=x]" });
    expect(d).toEqual([
      {
        key: "smtp.password",
        label: "SMTP password",
        kind: "changed",
        secret: "changed",
        oldPlaceholder: "$[secret:OLD_PW]",
        newPlaceholder: "$[env:PW]",
      },
    ]);
  });

  it("lists keys unknown to the definition without their values", () => {
    expect(diffValues(mailService, { "smtp.auth.secret": "s1" }, {})).toEqual([
      { key: "smtp.auth.secret", label: "smtp.auth.secret", kind: "removed" },
    ]);
  });
});

describe("describeChange", () => {
  it("writes one line per change", () => {
    const lines = diffValues(
      mailService,
      { "smtp.port": 25, "smtp.user": "", "smtp.password": "", "smtp.ssl": false },
      { "smtp.port": 587, "smtp.user": "me", "smtp.password": "$[secret:PW]", "smtp.ssl": true, "smtp.host": "h" },
    ).map(describeChange);
    expect(lines).toEqual([
      "SMTP server host name: h",
      "SMTP server port: 25 → 587",
      "SMTP user: (blank) → me",
      "SMTP password: set (from $[secret:PW])",
      "Use SSL: off → on",
    ]);
    expect(describeChange({ key: "scopes", label: "Scopes", kind: "removed", old: ["a", "b"] })).toBe("Scopes: removed (was a, b)");
  });
});
