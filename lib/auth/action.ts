import "server-only";
// The one wrapper of every server action in app/: session and role, zod parsing of the
// arguments, and AppError → ActionResult. Actions receive their arguments already parsed.
import type { z } from "zod";
import { forbidden, unauthorized } from "next/navigation";
import { signedInUser, type PendingStage, type SessionUser } from "@/lib/auth/session";
import { AppError, zodErrors, type ActionFailure } from "@/lib/errors";
import type { Role } from "@/lib/validations/user";
import { logger } from "@/lib/log";

/** What a browser may send is anything: each argument is `unknown` until the schema has run. */
type Unknowns<T extends readonly unknown[]> = { [K in keyof T]: unknown };

export interface ActionOptions {
  /** Runs for a user who must still change a temporary password (the change-password action). */
  allowPasswordChange?: boolean;
  /** Runs for a sign-in still at this stage (the two-factor pages). */
  allowStage?: PendingStage;
  /**
   * What a caller sees when the arguments are invalid: a fixed message, or the error built from
   * the zod error. By default: the messages per field of an object argument with "Check the
   * highlighted fields.", or the message of a whole argument (e.g. "No user given.").
   */
  invalid?: string | ((error: z.ZodError) => AppError);
}

/**
 * The arguments of an action as one schema, usually `z.tuple([...])` with one entry per argument;
 * or a function of the caller, for a schema that needs them (a password policy that knows their email).
 */
type ArgsSchema<I extends readonly unknown[], O> = z.ZodType<O, I> | ((user: SessionUser) => z.ZodType<O, I>);

/**
 * Wraps a server action. Without a session or the role the request itself fails with 401 / 403
 * (Next's auth interrupts), so no caller can mistake it for an ordinary validation result.
 */
export function action<I extends readonly unknown[], O, R extends { ok: boolean }>(
  role: Role | "any",
  schema: ArgsSchema<I, O>,
  fn: (user: SessionUser, input: O) => Promise<R>,
  opts: ActionOptions = {},
): (...args: Unknowns<I>) => Promise<R | ActionFailure> {
  return actionFor(signedInUser, role, schema, fn, opts);
}

/** action() with the caller read by `readUser`: the wrapper's logic, testable without a request. */
export function actionFor<I extends readonly unknown[], O, R extends { ok: boolean }>(
  readUser: () => Promise<SessionUser | null>,
  role: Role | "any",
  schema: ArgsSchema<I, O>,
  fn: (user: SessionUser, input: O) => Promise<R>,
  opts: ActionOptions = {},
): (...args: Unknowns<I>) => Promise<R | ActionFailure> {
  return async (...args: Unknowns<I>) => {
    const user = await readUser();
    if (!user) unauthorized();
    if (user.sessionStage !== "active" && user.sessionStage !== opts.allowStage) forbidden();
    if (user.mustChangePassword && !opts.allowPasswordChange) forbidden();
    if (role === "admin" && user.role !== "admin") forbidden();
    try {
      const s = typeof schema === "function" ? schema(user) : schema;
      const parsed = await s.safeParseAsync(args);
      if (!parsed.success) throw invalidInput(parsed.error, opts.invalid);
      return await fn(user, parsed.data);
    } catch (e) {
      if (e instanceof AppError) return { ok: false, message: e.message, fieldErrors: e.fields };
      if (isNextControlFlow(e)) throw e;
      logger().error({ err: e, userId: user.id }, "server action failed");
      return { ok: false, message: "Something went wrong on the server." };
    }
  };
}

function invalidInput(error: z.ZodError, invalid: ActionOptions["invalid"]): AppError {
  if (typeof invalid === "function") return invalid(error);
  if (typeof invalid === "string") return new AppError("validation", invalid);
  // The first path segment is the argument's position; a form's fields come after it.
  const { fields, form } = zodErrors(
    error.issues.map((i) => ({ ...i, path: i.path.slice(1) })),
  );
  if (Object.keys(fields).length === 0) return new AppError("validation", form[0] ?? "The request is not valid.");
  return new AppError("validation", "Check the highlighted fields.", form.length ? { ...fields, _form: form } : fields);
}

/**
 * For actions whose arguments are plain values: "<name> is missing." naming the first bad
 * argument by its position in `names`, or by its own key inside an object argument.
 */
export function missingArgument(names: readonly string[]) {
  return (error: z.ZodError): AppError => {
    const [at, key] = error.issues[0]?.path ?? [];
    const name = typeof key === "string" ? key : typeof at === "number" ? (names[at] ?? "input") : "input";
    return new AppError("validation", `${name} is missing.`, { [name]: ["Required."] });
  };
}

function isNextControlFlow(e: unknown): boolean {
  const digest = (e as { digest?: unknown })?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK"));
}
