// The API's JSON answers: never stored; small ones are also "no-transform", which keeps Next.js's
// gzip (a compression stream per answer, more work than a 200-byte body saves) off them, while
// lists and other large answers are still compressed.
import { describe, it, expect } from "vitest";
import { cacheControl, json } from "./handler";

describe("JSON answers", () => {
  it("marks small answers no-transform and leaves large ones compressible", async () => {
    const small = json(202, { id: "msg_01", status: "queued" });
    expect(small.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(small.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await small.json()).toEqual({ id: "msg_01", status: "queued" });

    const large = json(200, { items: Array.from({ length: 100 }, (_, i) => ({ id: `msg_${i}`, status: "sent" })) });
    expect(large.headers.get("cache-control")).toBe("no-store");
  });

  it("decides on the body's length, at compression's own 1 KiB threshold", () => {
    expect(cacheControl("x".repeat(1023))).toBe("no-store, no-transform");
    expect(cacheControl("x".repeat(1024))).toBe("no-store");
  });
});
