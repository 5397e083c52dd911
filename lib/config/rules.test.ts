import { describe, expect, it } from "vitest";
import {
  addressSchema,
  checkHost,
  checkSingleLine,
  checkUrl,
  enumSchema,
  integerSchema,
  secretSchema,
  stringListSchema,
  textSchema,
  urlSchema,
} from "./rules";

function messages(schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }, v: unknown) {
  const r = schema.safeParse(v);
  return r.success ? [] : r.error!.issues.map((i) => i.message);
}

describe("plain checks", () => {
  it("checkSingleLine explains header-bound fields differently", () => {
    expect(checkSingleLine("Name", "a\nb", true)).toBe("Name must not contain line breaks (it is written into a mail header).");
    expect(checkSingleLine("Name", "a\rb")).toBe("Name must be a single line.");
    expect(checkSingleLine("Name", "a\u0001b")).toBe("Name must not contain control characters.");
    expect(checkSingleLine("Name", "a\tb ok")).toBeNull();
  });

  it("checkHost", () => {
    expect(checkHost("Host", "smtp.example.com")).toBeNull();
    expect(checkHost("Host", "2001:db8::1")).toBeNull();
    expect(checkHost("Host", "1.2.3")).toBe("Host is not a valid IPv4 address.");
    expect(checkHost("Host", "a".repeat(64) + ".com")).toMatch(/not a valid host name/);
    expect(checkHost("Host", "x".repeat(254))).toBe("Host is too long for a host name.");
  });

  it("checkUrl", () => {
    expect(checkUrl("URL", "")).toBeNull();
    expect(checkUrl("URL", "", { required: true })).toBe("URL must not be blank.");
    expect(checkUrl("URL", "https://x.com/a/")).toBeNull();
    expect(checkUrl("URL", "https://x.com/a/", { prefix: true })).toMatch(/must not end with "\/"/);
    expect(checkUrl("URL", "$[env:BASE_URL]", { required: true, prefix: true })).toBeNull();
    expect(checkUrl("URL", "https://[::1", {})).toBe("URL is not a valid URL.");
    expect(checkUrl("URL", "javascript:alert(1)")).toMatch(/absolute URL/);
  });
});

describe("zod builders", () => {
  it("textSchema: required, max length, trimming, type and missing messages", () => {
    const s = textSchema("Client ID", { required: true, maxLength: 5 });
    expect(messages(s, "")).toEqual(["Client ID must not be blank."]);
    expect(messages(s, "123456")).toEqual(["Client ID must be at most 5 characters long."]);
    expect(s.parse("  abc ")).toBe("abc");
    expect(messages(s, 5)).toEqual(["Client ID must be text."]);
    expect(messages(s, undefined)).toEqual(["Client ID is required."]);
  });

  it("reports only the first problem of a value", () => {
    expect(messages(addressSchema("From", { required: true }), "bad\naddress")).toEqual([
      "From must not contain line breaks (it is written into a mail header).",
    ]);
  });

  it("addressSchema: optional addresses may be blank", () => {
    expect(messages(addressSchema("Reply-to"), "")).toEqual([]);
    expect(messages(addressSchema("Reply-to"), "x")).toHaveLength(1);
  });

  it("urlSchema trims", () => {
    expect(urlSchema("URL").parse(" https://x.com ")).toBe("https://x.com");
  });

  it("secretSchema never trims and accepts any single line", () => {
    expect(secretSchema("Secret").parse(" a b ")).toBe(" a b ");
    expect(messages(secretSchema("Secret"), "a\u0000b")).toEqual(["Secret must not contain line breaks or NUL characters."]);
  });

  it("integerSchema ranges", () => {
    expect(messages(integerSchema("N", { min: 1 }), 0)).toEqual(["N must be at least 1."]);
    expect(messages(integerSchema("N", { max: 9 }), 10)).toEqual(["N must be at most 9."]);
    expect(messages(integerSchema("N", { min: 1, max: 9, also: [-1] }), -1)).toEqual([]);
    expect(messages(integerSchema("N"), Infinity)).toEqual(["N must be a number."]);
  });

  it("enumSchema lists the options", () => {
    const s = enumSchema("Mode", ["plain", "ssl", "starttls"]);
    expect(messages(s, "ssl")).toEqual([]);
    expect(messages(s, "tls")).toEqual(["Mode must be one of: plain, ssl, starttls."]);
  });

  it("stringListSchema without the no-spaces rule accepts spaces", () => {
    const s = stringListSchema("Names", { itemLabel: "Name" });
    expect(s.parse(["a b", " c "])).toEqual(["a b", "c"]);
    expect(messages(s, ["$[env:X"])).toEqual(["Name 1 looks like a placeholder but is not a valid one: write $[env:NAME] or $[secret:NAME]."]);
  });
});
