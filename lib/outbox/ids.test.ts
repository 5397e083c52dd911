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
