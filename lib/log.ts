import "server-only";
// Structured server logs: one JSON object per line on stdout (pino), for journald, Docker or any
// log shipper. `logger()` is the root; code that serves a request logs through `requestLogger(req)`
// (a child carrying the request id), the worker through a child carrying its worker id.
//
// No pino transports: they run in worker threads that Next's bundling breaks and that could lose
// lines on a crash. Lines go straight to the file descriptors (flushed on exit): error and fatal
// to stderr, everything else to stdout — so a process manager or test runner that only shows
// stderr still shows why a process could not start.
//
// Secrets: every key named like a credential (password, token, authorization, cookie, …) is
// replaced by "[redacted]" at the top level and two levels down. Redaction works on fields, not
// on message text: never interpolate a secret into the message string.
import crypto from "node:crypto";
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Level, type Logger } from "pino";
import { env } from "@/lib/env";

export type { Logger };

/** Keys whose values never reach a log line. */
export const REDACT_KEYS = [
  "password",
  "pass",
  "secret",
  "token",
  "accessToken",
  "refreshToken",
  "access_token",
  "refresh_token",
  "authorization",
  "cookie",
  "set-cookie",
  "clientSecret",
  "client_secret",
  "apiKey",
] as const;

const prop = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `["${k}"]`);

/** pino redact paths: each key at the top level, one and two objects down. */
export const REDACT_PATHS = REDACT_KEYS.flatMap((k) => [prop(k).replace(/^\./, ""), `*${prop(k)}`, `*.*${prop(k)}`]);

export const CENSOR = "[redacted]";

export const DEFAULT_LEVEL: Level = "info";

export interface CreateLoggerOptions {
  level?: Level | "silent";
  /** Where lines go (tests pass a memory stream); default stdout, error and fatal on stderr. */
  destination?: DestinationStream;
}

/** A logger with Herald's format and redaction. `logger()` is the process's one instance. */
export function createLogger(opts: CreateLoggerOptions = {}): Logger {
  const options: pino.LoggerOptions = {
    name: "herald",
    level: opts.level ?? DEFAULT_LEVEL,
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Level names ("warn") rather than numbers: readable in `journalctl` and matched by shippers.
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.err },
  };
  return pino(options, opts.destination ?? standardStreams());
}

function standardStreams(): DestinationStream {
  // stdout asynchronously: a synchronous write blocks the whole process whenever the reader of the
  // pipe (journald, a container runtime, a test harness) falls behind — measured: one request log
  // line per API call added 1–2 ms to the API's median latency under load. Pending lines are
  // written out on exit. stderr (error, fatal) stays synchronous: those must survive a crash.
  const out = pino.destination({ dest: 1, sync: false });
  process.once("exit", () => {
    try {
      out.flushSync();
    } catch {
      /* nothing more can be done while exiting */
    }
  });
  // dedupe: a line goes to the stream with the highest level it reaches, never to both.
  return pino.multistream(
    [
      { level: "trace", stream: out },
      { level: "error", stream: pino.destination({ dest: 2, sync: true }) },
    ],
    { dedupe: true },
  );
}

const ROOT = Symbol.for("herald.logger");
type Holder = { [ROOT]?: Logger };

/** The root logger (level from HERALD_LOG_LEVEL, default info). */
export function logger(): Logger {
  const g = globalThis as Holder;
  if (g[ROOT]) return g[ROOT];
  let level: Level | "silent" = DEFAULT_LEVEL;
  try {
    level = env().HERALD_LOG_LEVEL ?? DEFAULT_LEVEL;
  } catch {
    // An invalid environment is reported by whoever reads it first — through this logger.
  }
  return (g[ROOT] = createLogger({ level }));
}

/** Replaces the root logger (tests capture lines with a memory destination); null: rebuild from env. */
export function setRootLogger(log: Logger | null) {
  (globalThis as Holder)[ROOT] = log ?? undefined;
}

/** A request id as a client may send it: 1–128 characters that are safe in a log and a header. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._~:@/+=-]{1,128}$/;

/** The caller's X-Request-Id when it is safe to echo, else a new UUID. */
export function requestIdOf(req: Request): string {
  const given = req.headers.get("x-request-id")?.trim();
  return given && SAFE_REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

export type RequestLogger = Logger & { readonly requestId: string };

/** A child logger for one request, carrying its request id (also as `.requestId`). */
export function requestLogger(req: Request, parent: Logger = logger()): RequestLogger {
  const requestId = requestIdOf(req);
  return Object.assign(parent.child({ requestId }), { requestId });
}

const context = new AsyncLocalStorage<Logger>();

/** Runs fn with `log` as the logger that `currentLogger()` returns inside it (and its awaits). */
export function withLogger<T>(log: Logger, fn: () => T): T {
  return context.run(log, fn);
}

/** The logger of the request being served (with its id), else the root logger. */
export function currentLogger(): Logger {
  return context.getStore() ?? logger();
}

const WARNING = /^(error\b|could not\b|cannot\b|pausing\b)|\bfailed\b/i;

/**
 * Adapts a logger to code that logs plain lines (the outbox worker's `log(line)`): problems
 * ("error: …", "… failed …", "pausing …") at warn, the rest at info.
 */
export function lineLogger(log: Logger): (line: string) => void {
  return (line) => (WARNING.test(line) ? log.warn(line) : log.info(line));
}

/** The outbox worker's default log: JSON lines carrying its worker id. */
export function workerLog(workerId: string): (line: string) => void {
  return lineLogger(logger().child({ component: "worker", workerId }));
}
