// One error type for expected failures, and one place that maps it to an HTTP status.
import type { z } from "zod";
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

export interface ZodErrorsOptions {
  /** Path segments put before every issue's path (a CSV row, a request part). */
  prefix?: readonly (string | number)[];
  /** Key by the first path segment only: a form's field names, not "subscriptions.0.path". */
  top?: boolean;
  /** Whether a key names a field; issues on anything else are form-level messages. */
  isField?: (key: string) => boolean;
  /** Key for form-level messages ("_form", "_body"); without it they come back as `form`. */
  root?: string;
}

/**
 * The one translation of zod issues into messages per field ({"subscriptions.0.path": ["…"]}),
 * used by server actions, the API and the configuration forms alike. Issues on no field (or on
 * a key `isField` refuses) are form-level. A message is listed once per field.
 */
export function zodErrors(issues: readonly z.core.$ZodIssue[], opts: ZodErrorsOptions = {}): { fields: Record<string, string[]>; form: string[] } {
  const fields: Record<string, string[]> = {};
  const form: string[] = [];
  const add = (key: string, message: string) => {
    const list = (fields[key] ??= []);
    if (!list.includes(message)) list.push(message);
  };
  for (const issue of issues) {
    const path = [...(opts.prefix ?? []), ...issue.path].map(String);
    const key = opts.top ? (path[0] ?? "") : path.join(".");
    if (key !== "" && (!opts.isField || opts.isField(key))) add(key, issue.message);
    else if (opts.root !== undefined) add(opts.root, issue.message);
    else form.push(issue.message);
  }
  return { fields, form };
}

/** zodErrors as one map; form-level messages under `root` ("_form" unless given). */
export function fieldErrors(error: z.ZodError, opts: ZodErrorsOptions = {}): Record<string, string[]> {
  return zodErrors(error.issues, { root: "_form", ...opts }).fields;
}
