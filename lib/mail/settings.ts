// The Day CQ Mail Service settings (com.day.cq.mailer.DefaultMailService) as Herald stores
// them, and their one mapping to nodemailer's SMTP transport options. Pure: no server imports,
// so forms and previews can show what a setting combination means.
import type { ExternalLogger } from "nodemailer/lib/shared";
import type { SMTPTransportOptions } from "nodemailer/lib/smtp-transport";
import type { SMTPPoolOptions } from "nodemailer/lib/smtp-pool";
import type { mailService } from "@/lib/config/services/mail-service";
import type { SettingsOf } from "@/lib/config/types";

/**
 * Keyed by AEM's property keys, typed from the Mail Service's schema. `smtp.password` is already
 * decrypted / resolved by the caller.
 */
export type MailSettings = SettingsOf<typeof mailService>;

/** Timeouts in milliseconds. */
export interface MailTimeouts {
  /** TCP connect, including the DNS lookup. */
  connection: number;
  /** From connected to the server's 220 greeting (and a STARTTLS upgrade). */
  greeting: number;
  /** Inactivity during the session. */
  socket: number;
  dns: number;
}

export const DEFAULT_MAIL_TIMEOUTS: Readonly<MailTimeouts> = Object.freeze({
  connection: 15_000,
  greeting: 15_000,
  socket: 60_000,
  dns: 10_000,
});

export interface MailTlsOptions {
  /** Extra trusted certificates (PEM), e.g. a company CA or a test server's self-signed cert. */
  ca?: string[];
  /** Default true. Only an explicit false accepts any certificate. */
  rejectUnauthorized?: boolean;
  /** SNI / name checked against the certificate, when it differs from smtp.host. */
  servername?: string;
}

export interface TransportExtras {
  /** OAuth2 access token, used when oauth.flow is on. */
  accessToken?: string;
  tls?: MailTlsOptions;
  /** Pooled transport (the outbox worker); test emails use a single connection. */
  pool?: boolean;
  timeouts?: Partial<MailTimeouts>;
  /** Name sent with EHLO; nodemailer defaults to the machine's host name. */
  name?: string;
  logger?: ExternalLogger;
  /** Pass the SMTP conversation (including message data) to the logger. */
  debug?: boolean;
}

export type SecurityMode = "ssl" | "starttls-required" | "starttls" | "plain";
export type AuthMode = "none" | "password" | "oauth2";

/** What the combination of ssl / starttls / requiretls means on the wire. */
export function securityMode(s: Pick<MailSettings, "smtp.ssl" | "smtp.starttls" | "smtp.requiretls">): SecurityMode {
  if (s["smtp.ssl"]) return "ssl";
  if (s["smtp.requiretls"]) return "starttls-required";
  if (s["smtp.starttls"]) return "starttls";
  return "plain";
}

/** How Herald logs in: XOAUTH2 when the OAuth flow is on, a password when a user is set, else not at all. */
export function authMode(s: Pick<MailSettings, "smtp.user" | "oauth.flow">): AuthMode {
  if (s["oauth.flow"]) return "oauth2";
  return s["smtp.user"].trim() ? "password" : "none";
}

/** "host:port", with brackets around an IPv6 literal. */
export function serverLabel(s: Pick<MailSettings, "smtp.host" | "smtp.port">): string {
  const host = s["smtp.host"].trim();
  return `${host.includes(":") ? `[${host}]` : host}:${s["smtp.port"]}`;
}

export function transportOptions(settings: MailSettings, extra: TransportExtras & { pool: true }): SMTPPoolOptions & { pool: true };
export function transportOptions(settings: MailSettings, extra?: TransportExtras): SMTPTransportOptions;
export function transportOptions(settings: MailSettings, extra: TransportExtras = {}): SMTPTransportOptions | (SMTPPoolOptions & { pool: true }) {
  const ssl = !!settings["smtp.ssl"];
  const requireTLS = !ssl && !!settings["smtp.requiretls"];
  const starttls = !!settings["smtp.starttls"];
  const timeouts = { ...DEFAULT_MAIL_TIMEOUTS, ...extra.timeouts };

  const opts: SMTPTransportOptions = {
    host: settings["smtp.host"].trim(),
    port: Number(settings["smtp.port"]),
    secure: ssl,
    requireTLS,
    // "Plain" means plain: without this nodemailer upgrades whenever the server offers STARTTLS.
    ignoreTLS: !ssl && !starttls && !requireTLS,
    connectionTimeout: timeouts.connection,
    greetingTimeout: timeouts.greeting,
    socketTimeout: timeouts.socket,
    dnsTimeout: timeouts.dns,
  };

  const tls: NonNullable<SMTPTransportOptions["tls"]> = {};
  if (extra.tls?.ca?.length) tls.ca = extra.tls.ca;
  if (extra.tls?.rejectUnauthorized === false) tls.rejectUnauthorized = false;
  if (extra.tls?.servername) tls.servername = extra.tls.servername;
  if (Object.keys(tls).length) opts.tls = tls;

  const user = settings["smtp.user"].trim();
  if (settings["oauth.flow"]) {
    // Never fall back to the password when the admin chose OAuth2: without a token there is
    // no auth here, and callers report "not authorized yet" (see sendTestEmail).
    if (extra.accessToken && user) opts.auth = { type: "OAuth2", user, accessToken: extra.accessToken };
  } else if (user) {
    opts.auth = { user, pass: settings["smtp.password"] };
  }

  if (extra.name) opts.name = extra.name;
  if (extra.logger) opts.logger = extra.logger;
  if (extra.debug) opts.debug = true;

  if (extra.pool) return { ...opts, pool: true };
  return opts;
}
