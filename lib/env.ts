// The only reader of process.env. Validated once with zod; a bad value stops the process with a
// message naming the variable.
import { z } from "zod";
import path from "node:path";
import { isIP } from "node:net";
import { CONFIG_VARS_ENTRY, DEFAULT_CONFIG_VARS, makePlaceholderPolicy, parseConfigVars, type PlaceholderPolicy } from "@/lib/config/placeholder-policy";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HERALD_DATA_DIR: z.string().min(1).default("data"),
  DATABASE_URL: z
    .string()
    .refine(
      (v) => v.startsWith("file:") || /^postgres(ql)?:\/\/[^/]/i.test(v),
      "must be an SQLite file URL (file:path/to/herald.db) or a PostgreSQL URL (postgresql://user:password@host:5432/database)",
    )
    .optional(),
  HERALD_PG_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  HERALD_HOST: z.string().regex(/^[0-9A-Za-z.:_-]+$/, "must be a host name or IP address to listen on").optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NEXTAUTH_URL: z.url().optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  HERALD_SECRET_KEY: z
    .string()
    .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, "must be 32 bytes as 64 hex characters or base64")
    .optional(),
  HERALD_ADMIN_EMAIL: z.email("must be an email address").optional(),
  HERALD_ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  HERALD_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  // Accounts and sessions: the sign-in throttle trusts X-Forwarded-For only from these
  // proxies; sessions end after this much inactivity, and in any case this long after sign-in.
  HERALD_TRUSTED_PROXIES: z
    .string()
    .refine((v) => parseProxyList(v) !== null, "must be a comma-separated list of IP addresses or CIDR ranges (e.g. 127.0.0.1, 10.0.0.0/8, ::1)")
    .optional(),
  HERALD_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1, "must be at least 1 minute").max(43_200).default(120),
  HERALD_SESSION_MAX_HOURS: z.coerce.number().min(0.05, "must be at least 0.05 hours (3 minutes)").max(8_760).default(12),
  HERALD_MAIL_LOG_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // Sending: the built-in mailbox, the outbox worker and the API.
  HERALD_DEV_SMTP: z.enum(["0", "1", "auto"], "must be 1 (on), 0 (off) or auto").default("auto"),
  HERALD_DEV_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  HERALD_DEV_SMTP_KEEP: z.coerce.number().int().min(10).max(100_000).default(500),
  HERALD_WORKER_IN_SERVER: z.enum(["0", "1"], "must be 1 (on) or 0 (off)").default("1"),
  HERALD_OUTBOX_BATCH: z.coerce.number().int().min(1).max(1000).default(200),
  HERALD_OUTBOX_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5),
  HERALD_OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  HERALD_OUTBOX_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(250),
  HERALD_OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  HERALD_OUTBOX_RETRY_BASE_SECONDS: z.coerce.number().min(0.1).max(86_400).default(30),
  HERALD_OUTBOX_RETRY_MAX_DELAY_SECONDS: z.coerce.number().min(1).max(86_400).default(3600),
  HERALD_OUTBOX_RETENTION_DAYS: z.coerce.number().min(1).max(3650).default(30),
  HERALD_OUTBOX_MAX_AGE_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(24),
  HERALD_API_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(600),
  // Direct sends from the console (test email, preview mail, the OAuth page's test), per user.
  HERALD_DIRECT_MAIL_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  // Keep OAuth alive: refresh the access token this often even when no mail is sent.
  HERALD_OAUTH_KEEPALIVE_HOURS: z.coerce.number().min(0.0001).max(24 * 80).default(24 * 7),
  // Operations: structured logs and Prometheus metrics.
  HERALD_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], "must be one of fatal, error, warn, info, debug, trace, silent").optional(),
  HERALD_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").regex(/^[\x21-\x7e]+$/, "must be visible ASCII characters (no spaces)").optional(),
  HERALD_WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // Security: the variables $[env:NAME] / $[secret:NAME] placeholders may read.
  HERALD_CONFIG_VARS: z
    .string()
    .transform(parseConfigVars)
    .superRefine((list, ctx) => {
      for (const entry of list) {
        if (!CONFIG_VARS_ENTRY.test(entry)) ctx.addIssue({ code: "custom", message: `"${entry}" is not a variable name or a prefix ending in * (e.g. SMTP_PASSWORD, ACME_*)` });
        else if (OWN_SETTINGS.includes(entry)) ctx.addIssue({ code: "custom", message: `${entry} is one of Herald's own settings; configuration values can never read it` });
      }
    })
    .optional(),
  // Alerts: how often each worker process looks at the alert conditions, and how long
  // a condition must stay clear before its incident is resolved (so a flapping one is one incident).
  HERALD_ALERTS_CHECK_SECONDS: z.coerce.number().min(0.2).max(3600).default(15),
  HERALD_ALERTS_QUIET_SECONDS: z.coerce.number().min(0).max(86_400).default(60),
  // Single sign-on: admins who keep their local password when local passwords are off.
  HERALD_BREAK_GLASS_ADMINS: z
    .string()
    .refine(
      (v) => v.split(",").map((e) => e.trim()).filter(Boolean).every((e) => z.email().safeParse(e).success),
      "must be a comma-separated list of email addresses",
    )
    .optional(),
});

/** Herald's own settings: never readable through a placeholder, whatever HERALD_CONFIG_VARS says. */
const OWN_SETTINGS: readonly string[] = [
  "NODE_ENV", "HERALD_DATA_DIR", "DATABASE_URL", "HERALD_PG_POOL_SIZE", "HERALD_HOST", "PORT", "NEXTAUTH_URL", "NEXTAUTH_SECRET",
  "HERALD_SECRET_KEY", "HERALD_ADMIN_EMAIL", "HERALD_ADMIN_PASSWORD", "HERALD_LOGIN_MAX_FAILURES", "HERALD_MAIL_LOG_DAYS",
  "HERALD_DEV_SMTP", "HERALD_DEV_SMTP_PORT", "HERALD_DEV_SMTP_KEEP", "HERALD_WORKER_IN_SERVER", "HERALD_OUTBOX_BATCH",
  "HERALD_OUTBOX_CONNECTIONS", "HERALD_OUTBOX_LEASE_SECONDS", "HERALD_OUTBOX_POLL_MS", "HERALD_OUTBOX_MAX_ATTEMPTS",
  "HERALD_OUTBOX_RETRY_BASE_SECONDS", "HERALD_OUTBOX_RETRY_MAX_DELAY_SECONDS", "HERALD_OUTBOX_RETENTION_DAYS",
  "HERALD_OUTBOX_MAX_AGE_HOURS", "HERALD_API_RATE_LIMIT", "HERALD_LOG_LEVEL", "HERALD_METRICS_TOKEN",
  "HERALD_WORKER_METRICS_PORT", "HERALD_CONFIG_VARS",
];

export type Env = z.infer<typeof EnvSchema>;

/** "10.0.0.0/8, 127.0.0.1" → its entries as {address, prefix, family}; null when an entry is not one. */
export function parseProxyList(v: string): { address: string; prefix: number; family: "ipv4" | "ipv6" }[] | null {
  const out: { address: string; prefix: number; family: "ipv4" | "ipv6" }[] = [];
  for (const raw of v.split(",").map((x) => x.trim()).filter(Boolean)) {
    const [address = raw, bits, extra] = raw.split("/");
    const family = isIP(address) === 4 ? "ipv4" : isIP(address) === 6 ? "ipv6" : null;
    if (!family || extra !== undefined) return null;
    const max = family === "ipv4" ? 32 : 128;
    const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (!(prefix >= 0 && prefix <= max)) return null;
    out.push({ address, prefix, family });
  }
  return out;
}

let cached: Env | undefined;

export function formatEnvError(error: z.ZodError): string {
  return error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`).join("\n");
}

/** Validated environment. Throws an Error naming every bad variable. */
export function env(): Env {
  if (cached) return cached;
  const source = Object.fromEntries(
    Object.entries(process.env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid environment:\n${formatEnvError(parsed.error)}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache() {
  cached = undefined;
}

/** Absolute path of Herald's data folder. */
export function dataDir(): string {
  return path.resolve(env().HERALD_DATA_DIR);
}

/** URL of Herald's database: `file:/abs/path.db` (SQLite, the default) or `postgresql://…`. */
export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (url && !url.startsWith("file:")) return url;
  if (url) {
    const p = url.slice("file:".length);
    return `file:${path.isAbsolute(p) ? p : path.resolve(p)}`;
  }
  return `file:${path.join(dataDir(), "herald.db")}`;
}

/** Which variables configuration placeholders may read (HERALD_CONFIG_VARS; lib/config/placeholder-policy.ts). */
export function placeholderPolicy(): PlaceholderPolicy {
  return makePlaceholderPolicy(env().HERALD_CONFIG_VARS ?? DEFAULT_CONFIG_VARS, ownSettings());
}

/** Every setting Herald reads itself: the schema's keys (a setting added later is covered too). */
export function ownSettings(): readonly string[] {
  return [...new Set([...OWN_SETTINGS, ...Object.keys(EnvSchema.shape)])];
}

/**
 * The environment as configuration placeholders see it: only the variables the policy allows, so
 * even a caller that forgets the policy cannot read Herald's own settings.
 */
export function placeholderEnv(): Readonly<Record<string, string | undefined>> {
  const policy = placeholderPolicy();
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => policy.refusal(name) === null));
}
