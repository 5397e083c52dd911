import "server-only";
// One wrapper for every route handler: who is calling (an API key with its scope and rate
// limit — 401 / 403 / 429 with Retry-After — a console session with its role, or the metrics
// token), body size (413 over 1 MB, counted while reading, not trusted from the header), JSON and
// zod validation (400 with the path of every bad field), Idempotency-Key, and errors as {error:
// {code, message, fields}} — never a stack trace. Endpoints a browser navigates to (the OAuth2
// flow) keep their own answers: `before`, `signIn`, `refused`, and `observe: false` for what is
// no API call.
import crypto from "node:crypto";
import type { z } from "zod";
import { AppError, errorBody, fieldErrors } from "@/lib/errors";
import { authenticateKey, type AuthenticatedKey } from "@/lib/apikeys/store";
import type { ApiScope } from "@/lib/apikeys/schema";
import { priorAnswer } from "@/lib/outbox/enqueue";
import { takeApiToken } from "./rate-limit-shared";
import { noteApiKey, observeApi } from "./observe";
import { currentLogger } from "@/lib/log";
import { checkRole, sessionUserFromRequest, type SessionUser } from "@/lib/auth/session";
import { metricsAccess } from "@/lib/metrics/access";
import { publicOrigin } from "@/lib/oauth/provider";
import type { Role } from "@/lib/validations/user";

export const MAX_BODY_BYTES = 1024 * 1024;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Who may call: an API key with `scope` ("key"), a signed-in console user ("session"), or either —
 * a request with an Authorization header is judged as a key request, one without as a session.
 * "metrics" is the operator endpoints' gate (lib/metrics/access.ts): "Authorization: Bearer
 * <HERALD_METRICS_TOKEN>" when that is set (401 otherwise), else a signed-in admin only (404 to
 * anyone else, so an unconfigured installation does not reveal the endpoint).
 */
export type ApiAuth = "key" | "session" | "either" | "metrics";

export interface ApiContext<B, A extends ApiAuth = "key"> {
  req: Request;
  key: A extends "key" ? AuthenticatedKey : A extends "either" ? AuthenticatedKey | null : null;
  /** "metrics": the admin, or null when the metrics token let the caller in. */
  user: A extends "session" ? SessionUser : A extends "key" ? null : SessionUser | null;
  body: B;
  params: Record<string, string>;
  /** Set when the request carried a valid Idempotency-Key (POST only). */
  idempotency: { apiKeyId: string; key: string; requestHash: string } | null;
}

/** What a handler answers; a Response (a file download, a redirect) is passed on as it is. */
export type ApiResult = ApiAnswer | Response;

export interface ApiAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw text (CSV) instead of JSON. */
  text?: string;
}

type AuthOptions<A extends ApiAuth> = A extends "session"
  ? { auth: A; scope?: undefined; /** Default: any signed-in user. */ role?: Role }
  : A extends "metrics"
    ? { auth: A; scope?: undefined; role?: undefined }
    : { auth?: A; scope: ApiScope; role?: Role };

type Options<S extends z.ZodType | undefined, A extends ApiAuth> = AuthOptions<A> & {
  /** Validates the JSON body; omit for GET / DELETE. */
  body?: S;
  /** Largest body accepted (default 1 MB). */
  maxBodyBytes?: number;
  /** Accept Idempotency-Key (the handler must pass ctx.idempotency to the outbox). */
  idempotent?: boolean;
  /** Read the body as text instead of JSON (CSV import). */
  rawBody?: boolean;
  /**
   * Request id, log line and the request metrics (default true). Off for endpoints that are not
   * API calls: a Prometheus scrape counted in the API's own request counter would skew it.
   */
  observe?: boolean;
  /** Checks that come before who is calling: an endpoint that is switched off answers 404 to everyone. */
  before?: (req: Request) => Promise<Response | undefined>;
  /**
   * A browser (Accept: text/html) that is not signed in is sent to sign in — 303 to
   * /login?callbackUrl=<this> on the public origin — instead of getting a 401.
   */
  signIn?: string;
  /**
   * A session that still owes a second factor or a password change: "forbidden" (default) says
   * so with a 403; "unauthenticated" treats it as no session, as currentUser() does (401, or the
   * sign-in redirect).
   */
  unfinishedSession?: "forbidden" | "unauthenticated";
  /** How a refused (or failed) auth check is answered when not as the JSON error: an HTML page, another realm. */
  refused?: (req: Request, e: unknown) => Response | undefined;
};

type RouteArgs = { params: Promise<Record<string, string | string[]>> };

/**
 * Never stored; and a small answer (most API answers: 202 with an id, errors) is also marked
 * no-transform, which is what keeps Next.js's gzip off it — Next.js streams route answers without
 * their length, so its compression cannot see that a 200-byte body costs more to gzip (a
 * compression stream per answer) than it saves. Larger answers (lists) are still compressed.
 */
export function cacheControl(text: string): string {
  return text.length < 1024 ? "no-store, no-transform" : "no-store";
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  return new Response(text, { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": cacheControl(text), ...headers } });
}

export function errorResponse(e: unknown): Response {
  if (!(e instanceof AppError)) currentLogger().error({ err: e }, "api: unexpected error");
  const { status, body } = errorBody(e);
  const headers: Record<string, string> = {};
  if (e instanceof AppError && e.code === "rate_limited" && e.retryAfterSeconds) headers["retry-after"] = String(e.retryAfterSeconds);
  if (e instanceof AppError && e.code === "unauthenticated") headers["www-authenticate"] = 'Bearer realm="herald"';
  return json(status, body, headers);
}

/** Reads the body, refusing more than `max` bytes whatever Content-Length claims. */
export async function readBody(req: Request, max = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) throw tooLarge(max);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    all.set(c, o);
    o += c.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(all);
  } catch {
    throw new AppError("validation", "The request body is not valid UTF-8.", { _body: ["must be UTF-8 text"] });
  }
}

function tooLarge(max: number) {
  return new AppError("payload_too_large", `The request body is larger than ${Math.round(max / 1024)} KB.`);
}

export async function authenticate(req: Request, scope: ApiScope): Promise<AuthenticatedKey> {
  const header = req.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (!token) {
    throw new AppError("unauthenticated", header ? 'Use "Authorization: Bearer <API key>".' : "An API key is required: send \"Authorization: Bearer <API key>\".");
  }
  const key = await authenticateKey(token);
  if (!key) throw new AppError("unauthenticated", "The API key is not valid or has been revoked.");
  noteApiKey(req, key.id);
  if (!key.scopes.includes(scope)) {
    throw new AppError("forbidden", `This API key lacks the "${scope}" scope (it has: ${key.scopes.join(", ") || "none"}).`);
  }
  const rate = await takeApiToken(key.id, key.rateLimit);
  if (!rate.ok) {
    throw new AppError("rate_limited", `Too many requests: this key may make ${key.rateLimit} a minute. Try again in ${rate.retryAfterSeconds} s.`, undefined, rate.retryAfterSeconds);
  }
  return key;
}

/** Canonical JSON (sorted keys), so key order does not make two equal requests differ. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

export function requestHash(method: string, path: string, body: unknown): string {
  return crypto.createHash("sha256").update(`${method} ${path}\n${canonical(body)}`).digest("hex");
}


/** Signed in all the way: no second factor or password change still owed. */
function finished(user: SessionUser | null): user is SessionUser {
  return !!user && user.sessionStage === "active" && !user.mustChangePassword;
}

type CallerOptions = { auth?: ApiAuth; scope?: ApiScope; role?: Role; unfinishedSession?: "forbidden" | "unauthenticated" };

async function caller(req: Request, opts: CallerOptions): Promise<{ key: AuthenticatedKey | null; user: SessionUser | null }> {
  const auth = opts.auth ?? "key";
  if (auth === "metrics") {
    let admin: SessionUser | null = null;
    const access = await metricsAccess(req.headers.get("authorization"), async () => {
      const user = await sessionUserFromRequest(req);
      if (finished(user) && user.role === "admin") admin = user;
      return admin !== null;
    });
    if (access.ok) return { key: null, user: admin };
    if (access.status === 401) throw new AppError("unauthenticated", 'Send "Authorization: Bearer <HERALD_METRICS_TOKEN>".');
    throw new AppError("not_found", "Not found.");
  }
  if (auth === "key" || (auth === "either" && req.headers.has("authorization"))) {
    const key = await authenticate(req, opts.scope!);
    return { key, user: null };
  }
  let user = await sessionUserFromRequest(req);
  if (opts.unfinishedSession === "unauthenticated" && !finished(user)) user = null;
  if (!user && auth === "either") {
    throw new AppError("unauthenticated", `Sign in to the console, or send an API key with the "${opts.scope}" scope: "Authorization: Bearer <API key>".`);
  }
  return { key: null, user: checkRole(user, opts.role) };
}

/** 303 to the sign-in page, back to `callbackUrl` afterwards. */
function signInRedirect(req: Request, callbackUrl: string): Response {
  const location = new URL(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`, publicOrigin(new URL(req.url).origin));
  return new Response(null, { status: 303, headers: { location: location.toString(), ...NO_STORE_REDIRECT } });
}

const NO_STORE_REDIRECT = { "cache-control": "no-store", "referrer-policy": "no-referrer", "x-content-type-options": "nosniff" };

function jsonTypeError(type: string) {
  return new AppError("validation", `Send JSON with "Content-Type: application/json"${type ? ` (got "${type}")` : ""}.`, { _body: ["must be JSON"] });
}

export function apiRoute<S extends z.ZodType | undefined = undefined, A extends ApiAuth = "key">(
  opts: Options<S, A>,
  fn: (ctx: ApiContext<S extends z.ZodType ? z.output<S> : undefined, A>) => Promise<ApiResult>,
) {
  const handler = async (req: Request, args?: RouteArgs): Promise<Response> => {
    try {
      const early = await opts.before?.(req);
      if (early) return early;
      let who: Awaited<ReturnType<typeof caller>>;
      try {
        who = await caller(req, opts);
      } catch (e) {
        if (opts.signIn && e instanceof AppError && e.code === "unauthenticated" && (req.headers.get("accept") ?? "").includes("text/html")) {
          return signInRedirect(req, opts.signIn);
        }
        const answer = opts.refused?.(req, e);
        if (answer) return answer;
        throw e;
      }
      const { key, user } = who;
      const rawParams = args?.params ? await args.params : {};
      const params = Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));

      let body: unknown = undefined;
      let parsedJson: unknown = undefined;
      if (opts.body || opts.rawBody) {
        const type = req.headers.get("content-type") ?? "";
        // A console session rides along with any request its browser makes; JSON cannot come
        // from another site's form, so a session caller must send it as JSON.
        if (user && !opts.rawBody && !/^application\/(.+\+)?json\b/i.test(type)) throw jsonTypeError(type);
        const text = await readBody(req, opts.maxBodyBytes);
        if (opts.rawBody) body = text;
        else {
          if (type && !/^application\/(.+\+)?json\b/i.test(type)) throw jsonTypeError(type);
          try {
            parsedJson = text === "" ? undefined : JSON.parse(text);
          } catch (e) {
            throw new AppError("validation", `The request body is not valid JSON: ${e instanceof Error ? e.message : "parse error"}.`, { _body: ["must be valid JSON"] });
          }
          if (parsedJson === undefined) throw new AppError("validation", "The request body is empty; send a JSON object.", { _body: ["must not be empty"] });
          const checked = opts.body!.safeParse(parsedJson);
          if (!checked.success) {
            const fields = fieldErrors(checked.error, { root: "_body" });
            const list = Object.entries(fields)
              .slice(0, 5)
              .map(([k, v]) => `${k}: ${v[0]}`)
              .join("; ");
            throw new AppError("validation", `The request is not valid — ${list}.`, fields);
          }
          body = checked.data;
        }
      }

      let idempotency: ApiContext<unknown>["idempotency"] = null;
      const idemKey = req.headers.get("idempotency-key");
      if (idemKey !== null && opts.idempotent && key) {
        if (!IDEMPOTENCY_KEY.test(idemKey)) {
          throw new AppError("validation", "The Idempotency-Key header must be 1 to 255 visible ASCII characters.", { "Idempotency-Key": ["must be 1–255 visible ASCII characters"] });
        }
        const hash = requestHash(req.method, new URL(req.url).pathname, parsedJson ?? body ?? null);
        idempotency = { apiKeyId: key.id, key: idemKey, requestHash: hash };
        // A replay is answered before any work; the same key with another request is refused.
        const prior = await priorAnswer(idempotency);
        if (prior?.replayed) {
          return new Response(prior.response, {
            status: prior.status,
            headers: { "content-type": "application/json; charset=utf-8", "cache-control": cacheControl(prior.response), "idempotent-replayed": "true" },
          });
        }
      }

      const answer = await fn({ req, key: key as never, user: user as never, body: body as never, params, idempotency });
      if (answer instanceof Response) return answer;
      if (answer.text !== undefined) {
        return new Response(answer.text, { status: answer.status, headers: { "cache-control": "no-store", ...answer.headers } });
      }
      if (answer.status === 204) return new Response(null, { status: 204, headers: answer.headers });
      return json(answer.status, answer.body, answer.headers);
    } catch (e) {
      return errorResponse(e);
    }
  };
  return opts.observe === false ? handler : observeApi(handler);
}

/** The answer to a send request (202, or the replayed first answer). */
export function acceptedAnswer(r: { status: number; body: unknown; replayed: boolean }): ApiAnswer {
  const headers: Record<string, string> = {};
  if (r.replayed) headers["idempotent-replayed"] = "true";
  return { status: r.status, body: r.body, headers };
}
