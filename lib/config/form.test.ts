import { describe, expect, it } from "vitest";
import { coerceValue, coerceValues } from "./coerce";
import { flattenKeys, formDefaultValues, formSchema, nestKeys } from "./form";
import { mailService, oauthProvider } from "./services";

describe("coerce", () => {
  const port = mailService.fields.find((f) => f.key === "smtp.port")!;
  const ssl = mailService.fields.find((f) => f.key === "smtp.ssl")!;
  const host = mailService.fields.find((f) => f.key === "smtp.host")!;
  const scopes = oauthProvider.fields.find((f) => f.key === "scopes")!;

  it("turns numeric strings into numbers and nothing else", () => {
    expect(coerceValue(port, "587")).toBe(587);
    expect(coerceValue(port, " 25 ")).toBe(25);
    expect(coerceValue(port, "25.5")).toBe(25.5); // the schema then says "whole number"
    expect(coerceValue(port, "")).toBe("");
    expect(coerceValue(port, "587abc")).toBe("587abc");
    expect(coerceValue(port, "0x1F")).toBe("0x1F");
  });

  it("turns true/false strings into booleans and nothing else", () => {
    expect(coerceValue(ssl, "true")).toBe(true);
    expect(coerceValue(ssl, " FALSE ")).toBe(false);
    expect(coerceValue(ssl, "yes")).toBe("yes");
    expect(coerceValue(ssl, "1")).toBe("1");
  });

  it("turns numbers into text for text fields, but not booleans", () => {
    expect(coerceValue(host, 12345)).toBe("12345");
    expect(coerceValue(host, true)).toBe(true);
  });

  it("turns a single value into a one-element list", () => {
    expect(coerceValue(scopes, "openid")).toEqual(["openid"]);
    expect(coerceValue(scopes, "")).toEqual([]);
    expect(coerceValue(scopes, ["a", 1])).toEqual(["a", "1"]);
  });

  it("keeps unknown keys for validation to report", () => {
    expect(coerceValues(mailService, { "smtp.port": "25", other: "1" })).toEqual({ "smtp.port": 25, other: "1" });
  });
});

describe("form helpers for dotted keys", () => {
  it("nestKeys and flattenKeys are inverses", () => {
    const flat = { "smtp.host": "h", "smtp.port": 25, "from.address": "a@b.co", "oauth.flow": false };
    const nested = nestKeys(flat);
    expect(nested).toEqual({ smtp: { host: "h", port: 25 }, from: { address: "a@b.co" }, oauth: { flow: false } });
    expect(flattenKeys(nested)).toEqual(flat);
  });

  it("flattenKeys leaves lists and flat keys alone", () => {
    expect(flattenKeys({ scopes: ["a", "b"], "smtp.host": "h" })).toEqual({ scopes: ["a", "b"], "smtp.host": "h" });
  });

  it("formSchema validates nested form values and reports errors on the dotted path", () => {
    const schema = formSchema(mailService);
    const ok = schema.safeParse(formDefaultValues(mailService, { "smtp.host": "h.example.com", "from.address": "a@b.co" }));
    expect(ok.success).toBe(true);
    if (ok.success) expect(ok.data["smtp.host"]).toBe("h.example.com");

    const bad = schema.safeParse(nestKeys({ ...formDefaultValues(mailService), "smtp.ssl": true, "smtp.starttls": true }));
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("smtp.starttls");
    expect(paths).toContain("smtp.host");
  });

  it("formDefaultValues never puts a secret into an input, but shows placeholders", () => {
    expect(formDefaultValues(mailService, { "smtp.password": { set: true } }).smtp).toMatchObject({ password: "" });
    expect(formDefaultValues(mailService, { "smtp.password": "enc:v1:abc" }).smtp).toMatchObject({ password: "" });
    expect(formDefaultValues(mailService, { "smtp.password": "plain" }).smtp).toMatchObject({ password: "" });
    expect(formDefaultValues(mailService, { "smtp.password": { set: true, placeholder: "$[secret:PW]" } }).smtp).toMatchObject({
      password: "$[secret:PW]",
    });
    expect(formDefaultValues(oauthProvider, { clientSecret: "$[env:CS]" }).clientSecret).toBe("$[env:CS]");
  });

  it("formSchema still rejects unknown keys", () => {
    const r = formSchema(mailService).safeParse({ ...formDefaultValues(mailService, { "smtp.host": "h.x", "from.address": "a@b.co" }), smtp2: { x: 1 } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.code).toBe("unrecognized_keys");
  });
});
