import { describe, it, expect } from "vitest";
import { safeCallbackPath } from "./callback-url";

const ORIGIN = "http://127.0.0.1:3000";

describe("safeCallbackPath", () => {
  // What the login page receives after the query string is decoded (searchParams decode once).
  it.each([
    ["/\\127.0.0.1:2631/x", "%5C"],
    ["/\t/127.0.0.1:2631/x", "%09"],
    ["/\\\\127.0.0.1:2631/x", "%5C%5C"],
    ["//evil.example/x", "//host"],
    ["http://evil.example/x", "http://host"],
    ["https://evil.example", "https://host"],
    ["javascript:alert(1)", "javascript:"],
    ["/\njavascript:alert(1)", "encoded newline"],
    ["/\r\n//evil.example", "CRLF"],
    ["/ /evil.example", "space"],
    ["\\\\evil.example", "leading backslashes"],
    ["/x\u0000y", "NUL"],
    ["", "empty"],
  ])("refuses %j (%s)", (value) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe("/");
  });

  it("refuses values that are not strings", () => {
    expect(safeCallbackPath(undefined, ORIGIN)).toBe("/");
    expect(safeCallbackPath(["/users"], ORIGIN)).toBe("/");
  });

  it("keeps paths on the console, with their query and fragment", () => {
    expect(safeCallbackPath("/users", ORIGIN)).toBe("/users");
    expect(safeCallbackPath("/templates/page?lang=de#footer", ORIGIN)).toBe("/templates/page?lang=de#footer");
    expect(safeCallbackPath("/%5C127.0.0.1:2631/x", ORIGIN)).toBe("/%5C127.0.0.1:2631/x"); // still encoded: a path here
    expect(safeCallbackPath("/a/../users", ORIGIN)).toBe("/users");
  });

  it("every accepted value resolves to the console's own origin", () => {
    const samples = ["/users", "/%2F%2Fevil.example", "/..//evil.example", "/.//evil.example", "/%09/x"];
    for (const s of samples) {
      const out = safeCallbackPath(s, ORIGIN);
      expect(new URL(out, ORIGIN).origin).toBe(ORIGIN);
      expect(out.startsWith("//")).toBe(false);
    }
  });
});
