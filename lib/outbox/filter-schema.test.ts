import { describe, expect, it } from "vitest";
import { bulkOpSchema, compactFilter, outboxFilterSchema } from "./filter-schema";

describe("outbox bulk action input is only what the audit log can name", () => {
  it("accepts only retry and cancel as the operation", () => {
    expect(bulkOpSchema.parse("retry")).toBe("retry");
    expect(bulkOpSchema.parse("cancel")).toBe("cancel");
    for (const op of ["delete", "", null, 1, { op: "retry" }]) {
      expect(bulkOpSchema.safeParse(op).error?.issues[0]!.message).toBe('The operation must be "retry" or "cancel".');
    }
  });

  it("accepts the filters the Outbox page sends and refuses anything else", () => {
    expect(compactFilter(outboxFilterSchema.parse({ status: "dead", recipient: "a@", family: "direct", from: "2026-01-01T00:00Z", to: undefined }))).toEqual({
      status: "dead",
      recipient: "a@",
      family: "direct",
      from: "2026-01-01T00:00Z",
    });
    const bad = (v: unknown) => outboxFilterSchema.safeParse(v).error?.issues[0]!.message;
    expect(bad({ status: "everything" })).toMatch(/^Status must be one of/);
    expect(bad({ family: "x" })).toMatch(/^Family must be one of/);
    expect(bad({ from: "yesterday" })).toBe("From must be a date and time between 1970 and 9999.");
    expect(bad({ to: "+275760-09-13T00:00:00Z" })).toBe("To must be a date and time between 1970 and 9999.");
    expect(bad({ recipient: "x".repeat(321) })).toMatch(/at most 320/);
    expect(bad({ status: "dead", payload: "<script>", nested: { a: 1 } })).toBe("Unknown filter field: payload, nested.");
    expect(bad("status=dead")).toBe("The filter must be an object.");
  });
});
