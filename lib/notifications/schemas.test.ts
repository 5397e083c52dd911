import { describe, expect, it } from "vitest";
import { directMailSchema } from "./schemas";

const many = (n: number) => Array.from({ length: n }, (_, i) => `r${i}@example.com`);
const messages = (input: unknown) => {
  const r = directMailSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("direct mail recipients", () => {
  it('answers "at most 100 addresses" to a list of 10,000 instead of mailing them all', () => {
    expect(messages({ to: many(10_000), subject: "s", text: "t" })).toEqual(["to: at most 100 addresses (got 10000)"]);
    expect(messages({ to: "a@example.com", bcc: many(101), subject: "s", text: "t" })).toEqual(["bcc: at most 100 addresses (got 101)"]);
  });

  it("accepts 100 addresses and still explains a value that is neither text nor a list", () => {
    expect(messages({ to: many(100), subject: "s", text: "t" })).toEqual([]);
    expect(messages({ to: 42, subject: "s", text: "t" })).toEqual(["to: must be an email address or a list of them"]);
  });
});
