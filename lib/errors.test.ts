// Every API error body carries a stable `code` beside its English `message`: programs branch on
// the code, people read the message (which stays English, like the rest of the API).
import { describe, it, expect } from "vitest";
import { AppError, errorBody, httpStatus, type ErrorCode } from "./errors";

describe("error bodies", () => {
  it("carry the code, the English message and the fields of an AppError", () => {
    const cases: [AppError, ErrorCode, number][] = [
      [new AppError("validation", "Check the highlighted fields.", { name: ["Enter a name."] }), "validation", 400],
      [new AppError("unauthenticated", "The API key is not valid or has been revoked."), "unauthenticated", 401],
      [new AppError("forbidden", 'This API key lacks the "send" scope (it has: recipients).'), "forbidden", 403],
      [new AppError("not_found", "User not found"), "not_found", 404],
      [new AppError("conflict", "Herald needs at least one admin; the last admin cannot be removed."), "conflict", 409],
      [new AppError("payload_too_large", "The request body is larger than 1024 KB."), "payload_too_large", 413],
      [new AppError("rate_limited", "Too many requests.", undefined, 30), "rate_limited", 429],
    ];
    for (const [e, code, status] of cases) {
      const { status: s, body } = errorBody(e);
      expect(s).toBe(status);
      expect(httpStatus(code)).toBe(status);
      expect(body.error.code).toBe(code);
      expect(body.error.message).toBe(e.message);
      if (e.fields) expect(body.error.fields).toEqual(e.fields);
      else expect(body.error).not.toHaveProperty("fields");
    }
  });

  it("give anything else a bare 500 with the code internal and no detail", () => {
    expect(errorBody(new Error("database password is hunter2"))).toEqual({ status: 500, body: { error: { code: "internal", message: "Something went wrong on the server." } } });
  });
});
