import { describe, expect, it } from "vitest";
import { formatAuditDetail } from "./format";

const MAIL = "com.day.cq.mailer.DefaultMailService";

describe("formatAuditDetail", () => {
  it("shows each configuration change as field: old → new, and secrets only as set/changed/cleared", () => {
    const detail = JSON.stringify({
      version: 3,
      changes: [
        { key: "smtp.port", kind: "changed", old: 25, new: 587 },
        { key: "smtp.starttls", kind: "changed", old: false, new: true },
        { key: "smtp.user", kind: "changed", old: "", new: "relay" },
        { key: "smtp.password", secret: "changed" },
        { key: "oauth.flow", kind: "added", new: true },
      ],
    });
    expect(formatAuditDetail("config.save", MAIL, detail)).toEqual({
      summary: ["version: 3"],
      changes: ["smtp.port: 25 → 587", "smtp.starttls: off → on", "smtp.user: (blank) → relay", "smtp.password: changed", "oauth.flow: on"],
    });
  });

  it("never shows a secret field's value, even from a row that holds one", () => {
    const detail = JSON.stringify({ version: 2, changes: [{ key: "smtp.password", kind: "changed", old: "hunter2", new: "s3cret" }] });
    const v = formatAuditDetail("config.save", MAIL, detail);
    expect(v.changes).toEqual(["smtp.password: changed"]);
    expect(JSON.stringify(v)).not.toMatch(/hunter2|s3cret/);
    expect(JSON.stringify(formatAuditDetail("user.create", "a@b.c", JSON.stringify({ password: "hunter2", role: "admin" })))).not.toContain("hunter2");
  });

  it("reads restores, imports, lists and other actions' details", () => {
    expect(formatAuditDetail("config.restore", MAIL, JSON.stringify({ version: 4, restoredFrom: 1, changes: [] }))).toEqual({
      summary: ["version: 4", "restored from version: 1"],
      changes: [],
    });
    expect(
      formatAuditDetail("config.import", "com.day.cq.mailer.oauth.impl.OAuthConfigurationProviderImpl", JSON.stringify({ version: 1, note: "Imported from a.zip", changes: [{ key: "scopes", kind: "added", new: ["openid", "email"] }, { key: "clientSecret", secret: "set" }] })),
    ).toEqual({ summary: ["version: 1", "Imported from a.zip"], changes: ["scopes: openid, email", "clientSecret: set"] });
    expect(formatAuditDetail("user.role", "a@b.c", JSON.stringify({ role: "author" }))).toEqual({ summary: ["role: author"], changes: [] });
    expect(formatAuditDetail("sending.sandbox", null, JSON.stringify({ on: false }))).toEqual({ summary: ["on: off"], changes: [] });
    expect(formatAuditDetail("auth.signin", null, null)).toEqual({ summary: [], changes: [] });
    expect(formatAuditDetail("x", null, "not json")).toEqual({ summary: ["not json"], changes: [] });
    expect(formatAuditDetail("apikey.create", "hk_1", JSON.stringify({ name: "ci", scopes: ["send"] })).summary).toEqual(["name: ci", "scopes: send"]);
  });
});
