// One error type for expected failures, and one place that maps it to an HTTP status.
export type ErrorCode =
  | "validation"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "payload_too_large"
  | "unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export function httpStatus(code: ErrorCode): number {
  return STATUS[code];
}

/** The JSON body for an error; anything that is not an AppError becomes a bare 500. */
export function errorBody(e: unknown): { status: number; body: { error: { code: ErrorCode; message: string; fields?: Record<string, string[]> } } } {
  if (e instanceof AppError) {
    return { status: e.status, body: { error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) } } };
  }
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on the server." } } };
}

/** Result of every server action: shown next to each field by the forms. */
export type ActionFailure = { ok: false; message: string; fieldErrors?: Record<string, string[]> };
export type ActionResult<T = undefined> = ([T] extends [undefined] ? { ok: true; data?: undefined } : { ok: true; data: T }) | ActionFailure;
