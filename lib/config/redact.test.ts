import { describe, expect, it } from "vitest";
import { applySecretEdits, isSecretView, redactValues, secretView } from "./redact";
import { mailService, oauthProvider } from "./services";

describe("redactValues", () => {
  it("replaces secrets by { set } and keeps other fields", () => {
    const out = redactValues(mailService, {
      "smtp.host": "smtp.example.com",
      "smtp.port": 587,
      "smtp.password": "enc:v1:abcdefabcdefabcdefabcdefabcdefabcdef",
      "smtp.starttls": true,
    });
    expect(out).toEqual({
      "smtp.host": "smtp.example.com",
      "smtp.port": 587,
      "smtp.password": { set: true },
      "smtp.starttls": true,
    });
  });

  it("never leaks a clear-text secret, anywhere in the output", () => {
    const out = redactValues(oauthProvider, { clientSecret: "very-secret-1", refreshToken: "very-secret-2", clientId: "id" });
    const json = JSON.stringify(out);
    expect(json).not.toContain("very-secret");
    expect(out.clientSecret).toEqual({ set: true });
    expect(out.refreshToken).toEqual({ set: true });
  });

  it("shows placeholders (they name a variable), but never a placeholder's default", () => {
    expect(redactValues(mailService, { "smtp.password": "$[secret:SMTP_PASSWORD]" })["smtp.password"]).toEqual({
      set: true,
      placeholder: "$[secret:SMTP_PASSWORD]",
    });
    expect(secretView("$[env:PW;default=hunter2]")).toEqual({ set: true, placeholder: "$[env:PW]" });
  });

  it("marks unset secrets", () => {
    expect(redactValues(mailService, { "smtp.password": "" })["smtp.password"]).toEqual({ set: false });
    expect(redactValues(mailService, {})["smtp.password"]).toEqual({ set: false });
    expect(redactValues(mailService, null)["smtp.password"]).toEqual({ set: false });
  });

  it("drops keys that are not fields", () => {
    expect(redactValues(mailService, { "old.secret": "x" })).toEqual({ "smtp.password": { set: false } });
  });

  it("copies lists", () => {
    const scopes = ["openid"];
    const out = redactValues(oauthProvider, { scopes });
    expect(out.scopes).toEqual(["openid"]);
    expect(out.scopes).not.toBe(scopes);
  });

  it("isSecretView", () => {
    expect(isSecretView({ set: false })).toBe(true);
    expect(isSecretView("x")).toBe(false);
    expect(isSecretView(["a"])).toBe(false);
  });
});

describe("applySecretEdits", () => {
  const stored = { "smtp.host": "old", "smtp.password": "enc:v1:stored" };

  it("keeps the stored secret when the form leaves it blank or missing", () => {
    expect(applySecretEdits(mailService, { "smtp.host": "new", "smtp.password": "" }, stored)).toEqual({
      "smtp.host": "new",
      "smtp.password": "enc:v1:stored",
    });
    expect(applySecretEdits(mailService, { "smtp.host": "new" }, stored)["smtp.password"]).toBe("enc:v1:stored");
    expect(applySecretEdits(mailService, { "smtp.password": { set: true } }, stored)["smtp.password"]).toBe("enc:v1:stored");
  });

  it("takes a new value", () => {
    expect(applySecretEdits(mailService, { "smtp.password": "new-pw" }, stored)["smtp.password"]).toBe("new-pw");
  });

  it("clears on request", () => {
    expect(applySecretEdits(mailService, { "smtp.password": "ignored" }, stored, ["smtp.password"])["smtp.password"]).toBe("");
  });

  it("leaves the key out when nothing was stored", () => {
    expect(applySecretEdits(mailService, { "smtp.password": "" }, undefined)).toEqual({});
  });
});
