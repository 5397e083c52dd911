import "server-only";
// The outbox worker's connection to an SMTP server: a pool of connections built from the Mail
// Service settings (or the built-in mailbox), its XOAUTH2 token provider, and a one-connection
// probe used to learn when a server that went away is back.
//
// A pooled connection that logged in with an access token is never used after that token
// expires: each pool "generation" remembers the earliest expiry of the tokens its connections
// logged in with; once that moment passes, new sends go to a fresh generation (whose connections
// log in with the current token) and the old one is closed as soon as its last send finishes.
// nodemailer's pool has no maximum connection age, and a server may drop a session whose token
// expired in the middle of a delivery.
import os from "node:os";
import nodemailer from "nodemailer";
import type { SendMailOptions, Transporter } from "nodemailer";
import { transportOptions, type MailSettings } from "@/lib/mail/settings";
import { createTranscript, type TranscriptLine } from "@/lib/mail/transcript";
import { installTokenProvider, type AccessTokenProvider } from "./xoauth2";

export type PoolTarget =
  | { kind: "smtp"; settings: MailSettings }
  | { kind: "mailbox"; port: number };

export interface PoolOptions {
  connections: number;
  /** XOAUTH2 token provider; required when the settings' oauth.flow is on. */
  tokens?: AccessTokenProvider;
  /** Extra trusted CA certificates (tests). */
  ca?: string[];
  /** Clock (tests). */
  now?: () => number;
}

export type PoolResult =
  | { ok: true; info: { response?: string; rejected?: unknown[]; rejectedErrors?: { response?: string; recipient?: string }[] }; transcript: TranscriptLine[] | null }
  | { ok: false; error: unknown; tokenError: unknown; transcript: TranscriptLine[] | null };

export interface SmtpPool {
  readonly oauth: boolean;
  readonly user: string;
  send(options: SendMailOptions): Promise<PoolResult>;
  /** One fresh connection: greeting, EHLO, STARTTLS and login as configured, then QUIT. Throws when the server cannot be used. */
  probe(): Promise<void>;
  close(): void;
  /** How many pool generations were opened (tests: token expiry retires a generation). */
  readonly generations: number;
}

/** Log in again this long before the token's expiry: a session must not outlive its token. */
const EXPIRY_MARGIN_MS = 5_000;

interface Generation {
  transporter: Transporter;
  pending: number;
  retired: boolean;
  /** Earliest expiry of a token its connections logged in with. */
  expiresAt: number;
}

function smtpOptions(settings: MailSettings, opts: PoolOptions, pooled: boolean) {
  const base = transportOptions(settings, {
    // transportOptions adds XOAUTH2 only when handed a token; the provider supplies real ones.
    accessToken: settings["oauth.flow"] ? "provided-per-connection" : undefined,
    tls: opts.ca ? { ca: opts.ca } : undefined,
    name: os.hostname(),
  });
  if (settings["oauth.flow"]) base.auth = { type: "OAuth2", user: settings["smtp.user"].trim() };
  if (!pooled) return base;
  return { ...base, pool: true as const, maxConnections: opts.connections, maxMessages: 1000 };
}

function mailboxOptions(port: number, opts: PoolOptions, pooled: boolean) {
  const base = { host: "127.0.0.1", port, secure: false, ignoreTLS: true, connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 30_000 };
  return pooled ? { ...base, pool: true as const, maxConnections: opts.connections, maxMessages: 1000 } : base;
}

export function createSmtpPool(target: PoolTarget, opts: PoolOptions): SmtpPool {
  const now = opts.now ?? Date.now;
  const settings = target.kind === "smtp" ? target.settings : null;
  const oauth = !!settings?.["oauth.flow"];
  const tokens = opts.tokens;
  const debug = !!settings?.["debug.email"];
  let tokenError: unknown = null;
  let generations = 0;

  const build = (pooled: boolean, extra: Record<string, unknown> = {}, onExpiry?: (at: number) => void): Transporter => {
    const options = settings ? smtpOptions(settings, opts, pooled) : mailboxOptions((target as { port: number }).port, opts, pooled);
    const transporter = nodemailer.createTransport({ ...options, ...extra } as never);
    if (oauth) {
      const provider: AccessTokenProvider =
        tokens ?? (async () => Promise.reject(new Error("The OAuth flow is on, but this transport was given no token provider.")));
      installTokenProvider(transporter, provider, {
        onToken: (t) => {
          tokenError = null;
          if (t.expiresAt) onExpiry?.(t.expiresAt);
        },
        onError: (e) => (tokenError = e),
      });
    }
    return transporter;
  };

  const open = (): Generation => {
    generations++;
    const g: Generation = { transporter: null as unknown as Transporter, pending: 0, retired: false, expiresAt: Infinity };
    g.transporter = build(true, {}, (at) => (g.expiresAt = Math.min(g.expiresAt, at)));
    return g;
  };

  let current: Generation | null = null;
  const retire = (g: Generation) => {
    g.retired = true;
    if (g.pending === 0) g.transporter.close();
  };
  const generation = (): Generation => {
    if (current && current.expiresAt - EXPIRY_MARGIN_MS <= now()) {
      retire(current);
      current = null;
    }
    return (current ??= open());
  };

  async function sendPooled(options: SendMailOptions): Promise<PoolResult> {
    const g = generation();
    g.pending++;
    try {
      const info = await g.transporter.sendMail(options);
      return { ok: true, info: info as never, transcript: null };
    } catch (error) {
      const te = tokenError;
      return { ok: false, error, tokenError: te, transcript: null };
    } finally {
      g.pending--;
      if (g.retired && g.pending === 0) g.transporter.close();
    }
  }

  // With "Debug email" on: one connection per message, with its transcript kept in the mail log.
  async function sendWithTranscript(options: SendMailOptions): Promise<PoolResult> {
    const transcript = createTranscript({ full: true, secrets: [settings?.["smtp.password"]] });
    const transporter = build(false, { logger: transcript.logger, debug: true });
    try {
      const info = await transporter.sendMail(options);
      return { ok: true, info: info as never, transcript: transcript.lines };
    } catch (error) {
      return { ok: false, error, tokenError, transcript: transcript.lines };
    } finally {
      transporter.close();
    }
  }

  return {
    oauth,
    user: settings?.["smtp.user"] ?? "",
    get generations() {
      return generations;
    },
    send: (options) => (debug ? sendWithTranscript(options) : sendPooled(options)),
    async probe() {
      const transporter = build(false, { connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 10_000 });
      try {
        await transporter.verify();
      } finally {
        transporter.close();
      }
    },
    close() {
      if (current) retire(current);
      current = null;
    },
  };
}
