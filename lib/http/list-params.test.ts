import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { AppError } from "@/lib/errors";
import { MAX_PAGE, apiIntParam, apiTextParam, clampPage, cleanText } from "./list-params";

// Anything a client can put in a query parameter, weighted towards the numbers that broke.
const paramValue = fc.oneof(
  fc.bigInt({ min: 0n, max: 10n ** 40n }).map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 0n }).map(String),
  fc.double().map(String),
  fc.constantFrom("99999999999999999999", "1e400", "1e21", "-1", "0", "NaN", "Infinity", "0x10", " 7 ", "+3", "007", "", "1.5", "9007199254740993"),
  fc.string(),
  fc.string({ unit: "binary" }),
);

describe("page numbers of console pages clamp", () => {
  it("is always a whole number from 1 to MAX_PAGE, whatever the URL holds", () => {
    fc.assert(
      fc.property(fc.oneof(paramValue, fc.array(paramValue, { maxLength: 3 }), fc.constant(undefined)), (raw) => {
        const p = clampPage(raw);
        expect(Number.isSafeInteger(p) && p >= 1 && p <= MAX_PAGE).toBe(true);
      }),
    );
    expect(clampPage("99999999999999999999")).toBe(MAX_PAGE);
    expect(clampPage("7")).toBe(7);
    expect(clampPage(["3", "9"])).toBe(3);
    expect(clampPage("-4")).toBe(1);
  });

  it("search text never carries control characters and is never an array", () => {
    fc.assert(
      fc.property(fc.oneof(paramValue, fc.array(paramValue, { maxLength: 3 })), (raw) => {
        const t = cleanText(raw);
        expect(t === undefined || (typeof t === "string" && !/[\u0000-\u001F\u007F]/.test(t) && t.length <= 200)).toBe(true);
      }),
    );
  });
});

describe("API list parameters answer 400 naming the parameter", () => {
  it("accepts whole numbers in range and refuses everything else by name", () => {
    fc.assert(
      fc.property(fc.constantFrom("page", "pageSize"), fc.array(paramValue, { minLength: 1, maxLength: 2 }), (name, values) => {
        const sp = new URLSearchParams(values.map((v) => [name, v]));
        const max = name === "page" ? MAX_PAGE : 500;
        try {
          const n = apiIntParam(sp, name, { min: 1, max, default: 1 });
          expect(values.length).toBe(1);
          expect(Number.isSafeInteger(n) && n >= 1 && n <= max).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).status).toBe(400);
          expect((e as AppError).message.startsWith(`${name} `)).toBe(true);
          expect(Object.keys((e as AppError).fields ?? {})).toEqual([name]);
        }
      }),
    );
    expect(() => apiIntParam(new URLSearchParams("page=99999999999999999999"), "page", { min: 1, max: MAX_PAGE, default: 1 })).toThrow(
      'page must be a whole number from 1 to 1000000 (got "99999999999999999999").',
    );
  });

  it("refuses control characters and overlong text by name", () => {
    expect(() => apiTextParam(new URLSearchParams("q=a%00b"), "q")).toThrow("q must not contain control characters.");
    expect(() => apiTextParam(new URLSearchParams({ q: "x".repeat(201) }), "q")).toThrow("q must be at most 200 characters long.");
    expect(() => apiTextParam(new URLSearchParams("q=a&q=b"), "q")).toThrow("q must be given once.");
    expect(apiTextParam(new URLSearchParams("q=%20ada%20"), "q")).toBe("ada");
  });
});
