import { describe, it, expect } from "vitest";
import { matcher, localizeWith } from "./match";

describe("the error map's matcher", () => {
  const find = matcher({
    between: "{label} must be between {min} and {max}.",
    portBetween: "SMTP port must be between {min} and {max}.",
    required: "{label} is required.",
  });

  it("finds a filled-in text again with its values", () => {
    expect(find("Host is required.")).toEqual({ key: "required", values: { label: "Host" } });
    expect(find("Batch size must be between 1 and 1000.")).toEqual({ key: "between", values: { label: "Batch size", min: "1", max: "1000" } });
  });

  it("prefers the most specific text, whatever the table's order", () => {
    expect(find("SMTP port must be between 25 and 65535.")).toEqual({ key: "portBetween", values: { min: "25", max: "65535" } });
  });

  it("leaves an unknown text as it came", () => {
    expect(find("Something else entirely")).toBeNull();
    expect(localizeWith("Something else entirely", find, () => "translated")).toBe("Something else entirely");
  });
});
