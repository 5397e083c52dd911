import { describe, it, expect } from "vitest";
import { ulid, newMessageId } from "./ids";

describe("ids", () => {
  it("sort in creation order, even within one millisecond", () => {
    const ids = Array.from({ length: 2000 }, () => newMessageId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it("start with the time, so later ids sort later", () => {
    const a = ulid(Date.now() + 10_000);
    const b = ulid(Date.now() + 20_000);
    expect(a < b).toBe(true);
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});

describe("outboxIdOfMessageId", () => {
  it("finds the outbox id in a Message-ID Herald made, and nothing in others", async () => {
    const { outboxIdOfMessageId } = await import("./ids");
    const id = newMessageId();
    expect(outboxIdOfMessageId(`<${id}@acme.com>`)).toBe(id);
    expect(outboxIdOfMessageId(`<${id}@herald.local>`)).toBe(id);
    expect(outboxIdOfMessageId("<0f1e2d3c-aaaa-bbbb@herald.test>")).toBeNull();
    expect(outboxIdOfMessageId(`<${id}x@acme.com>`)).toBeNull();
    expect(outboxIdOfMessageId(`${id}@acme.com`)).toBeNull();
    expect(outboxIdOfMessageId(`<msg_../../etc@acme.com>`)).toBeNull();
  });
});
