import { describe, expect, it } from "vitest";
import { addressProblem, formatAddress, isValidAddress, parseAddrSpec, parseAddress } from "./address";

function ok(input: string) {
  const r = parseAddress(input);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, got: ${r.error}`);
  return r.value;
}

function err(input: string): string {
  const r = parseAddress(input);
  if (r.ok) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return r.error;
}

describe("parseAddress — accepted forms", () => {
  it("reads a bare address", () => {
    expect(ok("name@server.com")).toEqual({ name: "", address: "name@server.com", local: "name", domain: "server.com" });
  });

  it("reads the shortest common address a@b.c", () => {
    expect(ok("a@b.c").address).toBe("a@b.c");
  });

  it("reads Name <address>", () => {
    expect(ok("Acme Support <support@acme.com>")).toEqual({
      name: "Acme Support",
      address: "support@acme.com",
      local: "support",
      domain: "acme.com",
    });
  });

  it("reads a quoted name with a comma and unescapes it", () => {
    expect(ok('"Doe, John" <john@example.com>').name).toBe("Doe, John");
    expect(ok('"Say \\"hi\\"" <a@b.co>').name).toBe('Say "hi"');
  });

  it("reads <address> without a name", () => {
    expect(ok("<no-reply@acme.com>")).toMatchObject({ name: "", address: "no-reply@acme.com" });
  });

  it("trims surrounding white space and collapses the name's spaces", () => {
    expect(ok("  Acme    Team   <a@b.co>  ")).toMatchObject({ name: "Acme Team", address: "a@b.co" });
  });

  it("allows dots in an unquoted name (J. Doe)", () => {
    expect(ok("J. Doe <j@doe.org>").name).toBe("J. Doe");
  });

  it("accepts the atext specials in the local part", () => {
    expect(ok("first.last+tag_x-y!#$%&'*/=?^`{|}~@sub.example.co.uk").local).toBe("first.last+tag_x-y!#$%&'*/=?^`{|}~");
  });

  it("accepts a quoted local part with a space", () => {
    expect(ok('"john doe"@example.com')).toMatchObject({ local: '"john doe"', domain: "example.com" });
  });

  it("accepts internationalised addresses and names", () => {
    expect(ok("홍길동 <gildong@예시.한국>")).toMatchObject({ name: "홍길동", domain: "예시.한국" });
    expect(ok("josé@exämple.de").local).toBe("josé");
  });

  it("accepts localhost and IP literals as domains", () => {
    expect(ok("admin@localhost").domain).toBe("localhost");
    expect(ok("a@[192.0.2.1]").domain).toBe("[192.0.2.1]");
    expect(ok("a@[IPv6:2001:db8::1]").domain).toBe("[IPv6:2001:db8::1]");
  });
});

describe("parseAddress — rejected forms, each with a reason", () => {
  it.each([
    ["", "it is empty"],
    ["   ", "it is empty"],
    ["name.server.com", 'it has no "@"'],
    ["@server.com", 'there is nothing before the "@"'],
    ["name@", 'there is nothing after the "@"'],
    ["a@b@c.com", 'it has more than one "@"'],
    [".a@b.com", "must not start or end with a dot"],
    ["a.@b.com", "must not start or end with a dot"],
    ["a..b@c.com", "two dots in a row"],
    ["a(b)@c.com", 'contains "("'],
    ["a@b..com", "two dots in a row"],
    ["a@.b.com", "must not start or end with a dot"],
    ["a@b.com.", "must not start or end with a dot"],
    ["a@-b.com", 'must not start or end with "-"'],
    ["a@b_c.com", 'contains "_"'],
    ["a@acme", 'needs a dot, e.g. acme.com'],
    ["a@1.2.3.4", "must end in a name, not a number"],
    ["a@[300.1.1.1]", "is not an IP address"],
    ["John a@b.com", "it contains a space; for a display name write Name <name@example.com>"],
    ["a@b.com, c@d.com", "only one address is allowed"],
    ["Acme <a@b.com>, c@d.com", "only one address is allowed"],
    ["Doe, John <john@example.com>", 'the name contains ","; put the name in double quotes'],
    ["Acme: News <a@b.com>", 'the name contains ":"'],
    ["a@b.com>", 'a ">" without a matching "<"'],
    ["Acme <a@b.com", 'the "<" is not closed by ">"'],
    ["Acme <a@b.com> trailing", 'there is text after the closing ">"'],
    ["Acme <>", 'there is no address inside "<…>"'],
    ["Acme <<a@b.com>>", 'it has a "<" inside "<…>"'],
    ['"Acme <a@b.com>', 'a double quote (") is not closed'],
    ['"Acme" Corp" <a@b.com>', 'a double quote (") is not closed'],
    ['"Acme\\" <a@b.com>', 'a double quote (") is not closed'],
    ["Acme <a b@c.com>", "it contains a space"],
    ['"a b"c@d.com', 'must be followed directly by "@"'],
  ])("%j → %s", (input, reason) => {
    expect(err(input)).toContain(reason);
  });

  it("rejects line breaks anywhere (header injection)", () => {
    expect(err("a@b.com\r\nBcc: victim@x.com")).toBe("it contains a line break");
    expect(err("Acme\n <a@b.com>")).toBe("it contains a line break");
    expect(err("a@b.com\n")).toBe("it contains a line break");
    expect(err("a@b.com\r")).toBe("it contains a line break");
  });

  it("rejects control characters", () => {
    expect(err("a\u0000@b.com")).toBe("it contains a control character");
    expect(err("Acme\u0007 <a@b.com>")).toBe("it contains a control character");
  });

  it("enforces RFC length limits", () => {
    expect(err(`${"x".repeat(65)}@b.com`)).toContain("longer than 64 characters");
    expect(parseAddress(`${"x".repeat(64)}@b.com`).ok).toBe(true);
    expect(err(`a@${"x".repeat(64)}.com`)).toContain("longer than 63 characters");
    const long = `${"x".repeat(60)}@${Array.from({ length: 4 }, () => "y".repeat(60)).join(".")}.com`;
    expect(err(long)).toContain("longer than 254 characters");
  });
});

describe("helpers", () => {
  it("isValidAddress and addressProblem agree with parseAddress", () => {
    expect(isValidAddress("a@b.co")).toBe(true);
    expect(isValidAddress("nope")).toBe(false);
    expect(addressProblem("a@b.co")).toBeNull();
    expect(addressProblem("nope")).toBe('it has no "@"');
  });

  it("parseAddrSpec checks a bare addr-spec only", () => {
    expect(parseAddrSpec("a@b.co")).toEqual({ ok: true, local: "a", domain: "b.co" });
    expect(parseAddrSpec("Name <a@b.co>").ok).toBe(false);
  });

  it("formatAddress quotes names only when needed, and round-trips", () => {
    expect(formatAddress({ address: "a@b.co" })).toBe("a@b.co");
    expect(formatAddress({ name: "Acme Support", address: "a@b.co" })).toBe("Acme Support <a@b.co>");
    expect(formatAddress({ name: "Doe, John", address: "a@b.co" })).toBe('"Doe, John" <a@b.co>');
    expect(formatAddress({ name: 'Say "hi"', address: "a@b.co" })).toBe('"Say \\"hi\\"" <a@b.co>');
    for (const name of ["Acme Support", "Doe, John", 'Say "hi"', "back\\slash", "J. Doe", "홍길동"]) {
      expect(ok(formatAddress({ name, address: "a@b.co" }))).toMatchObject({ name, address: "a@b.co" });
    }
  });

  it("formatAddress refuses line breaks", () => {
    expect(() => formatAddress({ name: "A\r\nBcc: x@y.z", address: "a@b.co" })).toThrow(/line breaks/);
  });
});
