import "server-only";
// One SMTP session outside the outbox, over one unpooled connection: sendOnce (a message, with
// its transcript) and probe (the step-by-step check: DNS, TCP, TLS, greeting, STARTTLS, EHLO,
// AUTH, envelope, DATA). Both return the transcript and a plain explanation instead of throwing.
// Callers go through lib/smtp/direct.ts (rate limit, OAuth2 token, warnings, mail log).
import dns from "node:dns";
import net from "node:net";
import tls from "node:tls";
import nodemailer from "nodemailer";
import addressparser from "nodemailer/lib/addressparser";
import MailComposer from "nodemailer/lib/mail-composer";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import type { SMTPConnectionAuth, SMTPConnectionCustomAuthContext } from "nodemailer/lib/smtp-connection";
import XOAuth2 from "nodemailer/lib/xoauth2";
import { explainContext, explainError, explainReply, type ExplainContext, type Explained } from "@/lib/mail/explain";
import {
  authMode,
  DEFAULT_MAIL_TIMEOUTS,
  serverLabel,
  transportOptions,
  type MailSettings,
  type MailTimeouts,
  type MailTlsOptions,
} from "@/lib/mail/settings";
import { createTranscript, type TranscriptLine } from "@/lib/mail/transcript";
import { parseEhlo, sessionWarnings } from "./warnings";

export interface TestEmailOptions {
  /** One address, a comma-separated list, or an array. */
  to: string | string[];
  /** Defaults to the Mail Service's from.address. */
  from?: string;
  subject?: string;
  text?: string;
  /** An HTML alternative (the template editor's "Send preview to me"); the mail is then multipart/alternative. */
  html?: string | null;
  tls?: MailTlsOptions;
  /** OAuth2 access token; required when oauth.flow is on. */
  accessToken?: string;
  /** Keep the message content in the transcript; defaults to the service's debug.email. */
  full?: boolean;
  timeouts?: Partial<MailTimeouts>;
  /** Name sent with EHLO. */
  name?: string;
}

export interface TestEmailResult {
  ok: boolean;
  messageId?: string;
  /** The server's final reply, e.g. "250 2.0.0 OK queued as 1234". */
  response?: string;
  accepted: string[];
  rejected: string[];
  /** Why each rejected recipient was refused (only when some were accepted). */
  rejectedErrors?: Explained[];
  durationMs: number;
  transcript: TranscriptLine[];
  error?: Explained;
  /** "host:port" */
  server: string;
}

export type CheckStepName =
  | "dns"
  | "tcp"
  | "tls"
  | "greeting"
  | "starttls"
  | "ehlo"
  | "auth"
  | "mail_from"
  | "rcpt_to"
  | "data";

export interface CheckStep {
  step: CheckStepName;
  ok: boolean;
  ms: number;
  detail: string;
  /** The step did not apply (e.g. no user configured); ok stays true. */
  skipped?: boolean;
  /** Works, but something is worth changing (e.g. STARTTLS offered but not used). */
  warning?: string;
  data?: Record<string, unknown>;
}

export interface TlsInfo {
  protocol: string | null;
  cipher?: string;
  authorized: boolean;
  authorizationError?: string;
  subject?: string;
  issuer?: string;
  altNames?: string;
  validFrom?: string;
  validTo?: string;
  fingerprint256?: string;
}

export interface CheckConnectionOptions {
  /** Envelope sender for the MAIL FROM step; defaults to from.address. */
  from?: string;
  /** Recipients for the RCPT TO step; without them the check stops after AUTH. */
  to?: string | string[];
  /** Also send a message (DATA); needs `to`. */
  data?: boolean;
  subject?: string;
  text?: string;
  /** An HTML alternative (the template editor's "Send preview to me"); the mail is then multipart/alternative. */
  html?: string | null;
  tls?: MailTlsOptions;
  accessToken?: string;
  full?: boolean;
  timeouts?: Partial<MailTimeouts>;
  name?: string;
}

export interface CheckConnectionResult {
  ok: boolean;
  steps: CheckStep[];
  failedStep?: CheckStepName;
  error?: Explained;
  server: string;
  durationMs: number;
  transcript: TranscriptLine[];
  /** SASL mechanisms the server offered on the final EHLO. */
  authMethods?: string[];
  /** EHLO keywords (without AUTH). */
  extensions?: string[];
  tls?: TlsInfo;
}

const DEFAULT_SUBJECT = "Herald test email";
const PROBE_METHOD = "X-HERALD-ENVELOPE-CHECK";

function config(title: string, explanation: string): Explained {
  return { code: "config", title, explanation };
}

/** Parses a sender / recipient field; anything with a line break is refused outright. */
function parseAddresses(
  value: string | string[] | undefined,
  field: string,
): { ok: true; list: { name: string; address: string }[] } | { ok: false; error: Explained } {
  const raw = Array.isArray(value) ? value.join(", ") : (value ?? "");
  if (/[\r\n\0]/.test(raw)) {
    return { ok: false, error: config(`Invalid ${field} address`, `The ${field} address contains a line break, which could inject mail headers or SMTP commands.`) };
  }
  if (!raw.trim()) return { ok: false, error: config(`No ${field} address`, `Enter a ${field} address.`) };
  const list = addressparser(raw, { flatten: true });
  const bad = list.find((a) => !/^[^\s@<>",;]+@[^\s@<>",;]+$/.test(a.address ?? ""));
  if (!list.length || bad) {
    return { ok: false, error: config(`Invalid ${field} address`, `"${bad?.address || raw.trim()}" is not an email address.`) };
  }
  return { ok: true, list: list.map((a) => ({ name: a.name, address: a.address })) };
}

function checkSettings(settings: MailSettings, accessToken: string | undefined): Explained | null {
  if (!settings["smtp.host"]?.trim()) return config("No SMTP host", "Enter the mail server's host name (smtp.host).");
  const port = Number(settings["smtp.port"]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return config("Invalid SMTP port", `"${settings["smtp.port"]}" is not a port number. Common ports: 587 (StartTLS), 465 (SSL), 25.`);
  }
  if (authMode(settings) === "oauth2") {
    if (!settings["smtp.user"]?.trim()) {
      return config("No SMTP user for OAuth2", "With the OAuth flow, smtp.user must be the mailbox address the token was issued for.");
    }
    if (!accessToken) {
      return config("Not authorized yet", "The OAuth flow is on but there is no access token. Open the OAuth2 settings and authorize the mail account first.");
    }
  }
  return null;
}

const elapsedSince = (start: number) => Math.round(performance.now() - start);

/**
 * Sends one test email through the configured server, exactly as the outbox worker would
 * (same transport options), over a single unpooled connection. Never throws for SMTP problems.
 */
export async function sendOnce(settings: MailSettings, opts: TestEmailOptions): Promise<TestEmailResult> {
  const started = performance.now();
  const server = serverLabel(settings);
  const transcript = createTranscript({
    full: opts.full ?? !!settings["debug.email"],
    secrets: [settings["smtp.password"], opts.accessToken],
  });
  const fail = (error: Explained): TestEmailResult => ({
    ok: false,
    accepted: [],
    rejected: [],
    durationMs: elapsedSince(started),
    transcript: transcript.lines,
    error,
    server,
  });

  const settingsProblem = checkSettings(settings, opts.accessToken);
  if (settingsProblem) return fail(settingsProblem);
  const to = parseAddresses(opts.to, "recipient");
  if (!to.ok) return fail(to.error);
  const from = parseAddresses(opts.from ?? settings["from.address"], "sender");
  if (!from.ok) return fail(from.error);
  if (from.list.length !== 1) return fail(config("Invalid sender address", "Enter exactly one sender address."));

  const ctx = explainContext(settings);
  let close: (() => void) | undefined;
  try {
    const transporter = nodemailer.createTransport(
      transportOptions(settings, {
        accessToken: opts.accessToken,
        tls: opts.tls,
        timeouts: opts.timeouts,
        name: opts.name,
        logger: transcript.logger,
        debug: true,
      }),
    );
    close = () => transporter.close();
    const info = await transporter.sendMail({
      from: from.list[0],
      to: to.list,
      subject: (opts.subject ?? DEFAULT_SUBJECT).replace(/[\r\n]+/g, " "),
      text: opts.text ?? defaultText(server),
      ...(opts.html ? { html: opts.html } : {}),
      headers: { "X-Herald-Test": "1" },
    });
    const rejectedErrors = (info.rejectedErrors ?? []).map((e) => explainError(e, ctx));
    return {
      ok: true,
      messageId: info.messageId,
      response: info.response,
      accepted: (info.accepted ?? []).map(String),
      rejected: (info.rejected ?? []).map(String),
      ...(rejectedErrors.length ? { rejectedErrors } : {}),
      durationMs: elapsedSince(started),
      transcript: transcript.lines,
      server,
    };
  } catch (err) {
    return fail(explainError(err, ctx));
  } finally {
    close?.();
  }
}

function defaultText(server: string): string {
  return [
    "This is a test email from Herald.",
    "",
    `It was sent through ${server} at ${new Date().toISOString()}.`,
    "If you can read this, the Mail Service settings work.",
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Step-by-step connection check
// ---------------------------------------------------------------------------------------------

class StopCheck extends Error {}

interface Marks {
  greetingAt?: number;
  greeting?: string;
  starttlsAt?: number;
  upgradedAt?: number;
  lastClient?: string;
  /** S lines of each EHLO/HELO reply, in order. */
  ehloReplies: string[][];
  authCommand?: string;
}

function trackMarks(marks: Marks) {
  return (line: TranscriptLine) => {
    if (line.dir === "S") {
      if (marks.greetingAt === undefined) {
        marks.greetingAt = line.t;
        marks.greeting = line.text;
      } else if (/^(EHLO|HELO|LHLO)\b/i.test(marks.lastClient ?? "")) {
        marks.ehloReplies[marks.ehloReplies.length - 1]?.push(line.text);
      }
    } else if (line.dir === "C") {
      marks.lastClient = line.text;
      if (/^(EHLO|HELO|LHLO)\b/i.test(line.text)) marks.ehloReplies.push([]);
      if (/^STARTTLS$/i.test(line.text)) marks.starttlsAt = line.t;
      if (/^AUTH\s/i.test(line.text)) marks.authCommand = line.text;
    } else if (/^Connection upgraded with STARTTLS/.test(line.text)) {
      marks.upgradedAt = line.t;
    }
  };
}

function tlsInfoOf(socket: tls.TLSSocket): TlsInfo {
  const cert = socket.getPeerCertificate();
  const name = (o: Record<string, unknown> | undefined) =>
    o ? Object.entries(o).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join("+") : String(v)}`).join(", ") : undefined;
  const info: TlsInfo = { protocol: socket.getProtocol(), authorized: socket.authorized };
  const cipher = socket.getCipher();
  if (cipher?.name) info.cipher = cipher.name;
  if (!socket.authorized && socket.authorizationError) info.authorizationError = String(socket.authorizationError);
  if (cert && Object.keys(cert).length) {
    info.subject = name(cert.subject as unknown as Record<string, unknown>);
    info.issuer = name(cert.issuer as unknown as Record<string, unknown>);
    if (cert.subjectaltname) info.altNames = cert.subjectaltname;
    info.validFrom = cert.valid_from;
    info.validTo = cert.valid_to;
    info.fingerprint256 = cert.fingerprint256;
  }
  return info;
}

function describeTls(t: TlsInfo): string {
  const parts = [[t.protocol, t.cipher].filter(Boolean).join(", ")];
  if (t.subject) parts.push(`certificate ${t.subject}${t.issuer && t.issuer !== t.subject ? ` issued by ${t.issuer}` : " (self-signed)"}`);
  if (t.validTo) parts.push(`valid until ${t.validTo}`);
  return parts.filter(Boolean).join("; ");
}

function unverifiedWarning(t: TlsInfo): { warning?: string } {
  if (t.authorized) return {};
  return {
    warning: `The certificate was not verified${t.authorizationError ? ` (${t.authorizationError})` : ""} because certificate checks are off: the connection is encrypted but not protected against impersonation.`,
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

function timeoutError(message: string, timeoutType: string): Error {
  return Object.assign(new Error(message), { code: "ETIMEDOUT", timeoutType });
}

function connectTcp(address: string, family: number, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port, family });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(timeoutError("Connection timeout", "CONNECT_TIMEOUT"));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.removeAllListeners("error");
      resolve(socket);
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    });
  });
}

function startTls(socket: net.Socket, host: string, tlsOpts: MailTlsOptions | undefined, timeoutMs: number): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const servername = tlsOpts?.servername ?? (net.isIP(host) ? undefined : host);
    const secure = tls.connect({
      socket,
      host,
      ...(servername ? { servername } : {}),
      ...(tlsOpts?.ca?.length ? { ca: tlsOpts.ca } : {}),
      rejectUnauthorized: tlsOpts?.rejectUnauthorized !== false,
    });
    const timer = setTimeout(() => {
      secure.destroy();
      reject(timeoutError("TLS handshake timed out", "UPGRADE_TIMEOUT"));
    }, timeoutMs);
    secure.once("secureConnect", () => {
      clearTimeout(timer);
      secure.removeAllListeners("error");
      resolve(secure);
    });
    secure.once("error", (err) => {
      clearTimeout(timer);
      secure.destroy();
      reject(err);
    });
  });
}

/** Runs one SMTPConnection operation; the connection's error / end events fail it too. */
function phase<T>(conn: SMTPConnection, start: (resolve: (v: T) => void, reject: (e: unknown) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cleanup = () => {
      conn.off("error", onError);
      conn.off("end", onEnd);
    };
    const onError = (e: unknown) => {
      cleanup();
      reject(e);
    };
    const onEnd = () => {
      cleanup();
      reject(Object.assign(new Error("Connection closed unexpectedly"), { code: "ECONNECTION" }));
    };
    conn.on("error", onError);
    conn.on("end", onEnd);
    start(
      (v) => {
        cleanup();
        resolve(v);
      },
      (e) => {
        cleanup();
        reject(e);
      },
    );
  });
}

interface ProbeReply {
  command: string;
  response: string;
  status: number;
}

/**
 * Step-by-step check: DNS → TCP → TLS (SSL on connect) → greeting → STARTTLS → EHLO → AUTH →
 * MAIL FROM / RCPT TO (with `to`) → DATA (with `data`). Stops at the first failing step and
 * explains it. Never throws for SMTP problems.
 */
export async function probe(settings: MailSettings, opts: CheckConnectionOptions = {}): Promise<CheckConnectionResult> {
  const started = performance.now();
  const server = serverLabel(settings);
  const marks: Marks = { ehloReplies: [] };
  const transcript = createTranscript({
    full: opts.full ?? !!settings["debug.email"],
    secrets: [settings["smtp.password"], opts.accessToken],
    onLine: trackMarks(marks),
  });
  const ctx: ExplainContext = explainContext(settings);
  const timeouts = { ...DEFAULT_MAIL_TIMEOUTS, ...opts.timeouts };
  const steps: CheckStep[] = [];
  const result: CheckConnectionResult = { ok: false, steps, server, durationMs: 0, transcript: transcript.lines };
  const host = settings["smtp.host"]?.trim() ?? "";
  const port = Number(settings["smtp.port"]);
  const ssl = !!settings["smtp.ssl"];

  const finish = (): CheckConnectionResult => {
    result.ok = !result.error;
    result.durationMs = elapsedSince(started);
    return result;
  };
  const failWith = (step: CheckStepName | undefined, since: number, error: Explained, detail?: string): never => {
    if (step) {
      steps.push({ step, ok: false, ms: transcript.elapsed() - since, detail: detail ?? error.title });
      result.failedStep = step;
    }
    result.error = error;
    transcript.add("info", `${step ?? "check"} failed: ${error.title}`, "error");
    throw new StopCheck();
  };

  let rawSocket: net.Socket | undefined;
  let conn: SMTPConnection | undefined;
  try {
    // --- input ----------------------------------------------------------------------------------
    const settingsProblem = checkSettings(settings, opts.accessToken);
    if (settingsProblem) failWith(undefined, 0, settingsProblem);
    const wantsEnvelope = opts.to !== undefined && (Array.isArray(opts.to) ? opts.to.length > 0 : opts.to.trim() !== "");
    if (opts.data && !wantsEnvelope) failWith(undefined, 0, config("No recipient", "Sending a message in the check needs a recipient."));
    let toList: { name: string; address: string }[] = [];
    let fromAddr = "";
    if (wantsEnvelope) {
      const to = parseAddresses(opts.to, "recipient");
      if (!to.ok) return failWith(undefined, 0, to.error);
      const from = parseAddresses(opts.from ?? settings["from.address"], "sender");
      if (!from.ok) return failWith(undefined, 0, from.error);
      toList = to.list;
      fromAddr = from.list[0]?.address ?? "";
    }

    // --- DNS ------------------------------------------------------------------------------------
    let t = transcript.elapsed();
    let addresses: { address: string; family: number }[];
    if (net.isIP(host)) {
      addresses = [{ address: host, family: net.isIP(host) }];
      steps.push({ step: "dns", ok: true, ms: 0, detail: `${host} is an IP address, no lookup needed`, data: { addresses: [host] } });
    } else {
      try {
        addresses = await withTimeout(dns.promises.lookup(host, { all: true }), timeouts.dns, () =>
          Object.assign(new Error(`DNS lookup of ${host} timed out`), { code: "EAI_AGAIN" }),
        );
      } catch (err) {
        return failWith("dns", t, explainError(err, ctx));
      }
      const list = addresses.map((a) => a.address);
      transcript.add("info", `Resolved ${host} to ${list.join(", ")}`);
      steps.push({ step: "dns", ok: true, ms: transcript.elapsed() - t, detail: `${host} → ${list.join(", ")}`, data: { addresses: list } });
    }

    // --- TCP ------------------------------------------------------------------------------------
    t = transcript.elapsed();
    let lastErr: unknown;
    for (const a of addresses) {
      const left = timeouts.connection - (transcript.elapsed() - t);
      if (left <= 0) break;
      try {
        rawSocket = await connectTcp(a.address, a.family, port, left);
        transcript.add("info", `TCP connection to ${a.address}:${port} established`);
        steps.push({ step: "tcp", ok: true, ms: transcript.elapsed() - t, detail: `Connected to ${a.address}:${port}` });
        break;
      } catch (err) {
        lastErr = err;
        transcript.add("info", `TCP connection to ${a.address}:${port} failed: ${(err as Error).message}`, "warn");
      }
    }
    if (!rawSocket) return failWith("tcp", t, explainError(lastErr ?? timeoutError("Connection timeout", "CONNECT_TIMEOUT"), ctx));

    // --- TLS on connect -------------------------------------------------------------------------
    let socket: net.Socket = rawSocket;
    if (ssl) {
      t = transcript.elapsed();
      try {
        const secure = await startTls(rawSocket, host, opts.tls, timeouts.greeting);
        socket = secure;
        result.tls = tlsInfoOf(secure);
        transcript.add("info", `TLS established: ${describeTls(result.tls)}`);
        steps.push({
          step: "tls",
          ok: true,
          ms: transcript.elapsed() - t,
          detail: describeTls(result.tls),
          data: { ...result.tls },
          ...unverifiedWarning(result.tls),
        });
      } catch (err) {
        return failWith("tls", t, explainError(err, ctx));
      }
    }

    // --- greeting, EHLO, STARTTLS ---------------------------------------------------------------
    const { auth: _auth, ...connOptions } = transportOptions(settings, {
      accessToken: opts.accessToken,
      tls: opts.tls,
      timeouts: opts.timeouts,
      name: opts.name,
      logger: transcript.logger,
      debug: true,
    });
    let probeScript: ((send: SMTPConnectionCustomAuthContext["sendCommand"]) => Promise<void>) | undefined;
    let probeError: unknown;
    const smtp = new SMTPConnection({
      ...connOptions,
      connection: socket,
      secured: ssl,
      customAuth: {
        // SMTPConnection has no public "send this command" outside a SASL exchange, so the
        // envelope check runs as a custom AUTH handler that never sends an AUTH command itself.
        [PROBE_METHOD]: async (c: SMTPConnectionCustomAuthContext) => {
          try {
            await probeScript?.(c.sendCommand.bind(c));
          } catch (err) {
            probeError = err;
          } finally {
            c.reject(new Error("envelope check finished"));
          }
        },
      },
    });
    conn = smtp;
    rawSocket = undefined; // owned by the SMTP connection from here on
    smtp.on("error", () => undefined); // failures arrive through phase(); never crash on a late one
    const connStart = transcript.elapsed();
    try {
      await phase<void>(smtp, (resolve, reject) => smtp.connect((err) => (err ? reject(err) : resolve())));
    } catch (err) {
      const explained = explainError(err, ctx);
      if (marks.greetingAt === undefined) return failWith("greeting", connStart, explained);
      steps.push({ step: "greeting", ok: true, ms: marks.greetingAt - connStart, detail: marks.greeting ?? "" });
      if (marks.starttlsAt !== undefined && marks.upgradedAt === undefined) return failWith("starttls", marks.starttlsAt, explained);
      return failWith("ehlo", marks.upgradedAt ?? marks.greetingAt, explained);
    }
    const connected = transcript.elapsed();
    steps.push({ step: "greeting", ok: true, ms: (marks.greetingAt ?? connected) - connStart, detail: marks.greeting ?? "" });

    const firstEhlo = parseEhlo(marks.ehloReplies[0]);
    const finalEhlo = parseEhlo(marks.ehloReplies[marks.ehloReplies.length - 1]);
    const offeredStarttls = firstEhlo.extensions.some((e) => /^STARTTLS\b/i.test(e));
    if (marks.upgradedAt !== undefined) {
      const sock = smtp._socket;
      if (sock instanceof tls.TLSSocket) result.tls = tlsInfoOf(sock);
      const detail = result.tls ? describeTls(result.tls) : "Upgraded with STARTTLS";
      steps.push({
        step: "starttls",
        ok: true,
        ms: marks.upgradedAt - (marks.starttlsAt ?? marks.upgradedAt),
        detail,
        ...(result.tls ? { data: { ...result.tls }, ...unverifiedWarning(result.tls) } : {}),
      });
    }
    result.authMethods = finalEhlo.authMethods;
    result.extensions = finalEhlo.extensions;
    const ehloStep: CheckStep = {
      step: "ehlo",
      ok: true,
      ms: connected - (marks.upgradedAt ?? marks.greetingAt ?? connStart),
      detail: `AUTH: ${finalEhlo.authMethods.join(" ") || "not offered"}; extensions: ${finalEhlo.extensions.join(", ") || "none"}`,
      data: { authMethods: finalEhlo.authMethods, extensions: finalEhlo.extensions },
    };
    // The same check as after a direct send (lib/smtp/warnings.ts): one wording everywhere.
    const warnings = sessionWarnings(settings, { ssl, upgraded: marks.upgradedAt !== undefined, offeredStarttls, authMethods: finalEhlo.authMethods });
    const ehloWarning = warnings.find((w) => w.step === "ehlo");
    if (ehloWarning) ehloStep.warning = ehloWarning.text;
    steps.push(ehloStep);

    // --- AUTH -----------------------------------------------------------------------------------
    t = transcript.elapsed();
    const mode = authMode(settings);
    const user = settings["smtp.user"].trim();
    const offered = finalEhlo.authMethods;
    if (mode === "none") {
      steps.push({
        step: "auth",
        ok: true,
        skipped: true,
        ms: 0,
        detail: "No SMTP user set: Herald sends without logging in",
        ...(offered.length ? { warning: `The server offers AUTH (${offered.join(" ")}); if it requires a login, MAIL FROM will be refused.` } : {}),
      });
    } else if (!smtp.allowsAuth) {
      steps.push({
        step: "auth",
        ok: true,
        skipped: true,
        ms: 0,
        detail: "The server did not offer AUTH on this connection, so Herald sends without logging in",
        warning: warnings.find((w) => w.step === "auth")?.text ?? "The configured credentials are not used on this server.",
      });
    } else {
      if (mode === "oauth2" && offered.length && !offered.includes("XOAUTH2")) {
        return failWith("auth", t, {
          code: "auth",
          title: "The server does not offer XOAUTH2",
          explanation: `${server} offers ${offered.join(", ")} but not XOAUTH2, so the OAuth flow cannot log in here. Check the host and port for your provider (Gmail: smtp.gmail.com:587, Microsoft 365: smtp.office365.com:587), or turn off the OAuth flow.`,
        });
      }
      if (mode === "password" && offered.length && !offered.some((m) => ["PLAIN", "LOGIN", "CRAM-MD5"].includes(m))) {
        return failWith("auth", t, {
          code: "auth",
          title: "The server does not accept password logins",
          explanation: `${server} only offers ${offered.join(", ")}. Turn on the OAuth flow and authorize the mail account.`,
        });
      }
      const authData: SMTPConnectionAuth =
        mode === "oauth2"
          ? { user, method: "XOAUTH2", oauth2: new XOAuth2({ user, accessToken: opts.accessToken }, transcript.logger) }
          : { user, pass: settings["smtp.password"] };
      try {
        await phase<void>(smtp, (resolve, reject) => smtp.login(authData, (err) => (err ? reject(err) : resolve())));
      } catch (err) {
        return failWith("auth", t, explainError(err, ctx));
      }
      const method = /^AUTH\s+(\S+)/i.exec(marks.authCommand ?? "")?.[1] ?? (mode === "oauth2" ? "XOAUTH2" : "");
      steps.push({ step: "auth", ok: true, ms: transcript.elapsed() - t, detail: `Logged in as ${user}${method ? ` with ${method}` : ""}`, data: { user, method } });
    }

    // --- MAIL FROM / RCPT TO (probe, then RSET) -------------------------------------------------
    if (wantsEnvelope) {
      const replies: ProbeReply[] = [];
      const recipients = toList.map((a) => a.address);
      probeScript = async (send) => {
        const run = async (command: string) => {
          transcript.showNextClientLineAs(command);
          const r = await send(command);
          replies.push({ command, response: r.response, status: r.status });
          return r;
        };
        const mail = await run(`MAIL FROM:<${fromAddr}>`);
        if (mail.status >= 200 && mail.status < 300) {
          for (const rcpt of recipients) await run(`RCPT TO:<${rcpt}>`);
        }
        await run("RSET");
      };
      t = transcript.elapsed();
      try {
        await phase<void>(smtp, (resolve) => smtp.login({ method: PROBE_METHOD, user: "-", pass: "-" }, () => resolve()));
      } catch (err) {
        return failWith(replies.length ? "rcpt_to" : "mail_from", t, explainError(err, ctx));
      }
      if (probeError) return failWith("mail_from", t, explainError(probeError, ctx));
      const mail = replies[0];
      if (!mail || mail.status < 200 || mail.status >= 300) {
        return failWith("mail_from", t, explainReply(mail?.response ?? "", "MAIL FROM", ctx), mail?.response);
      }
      const mailDone = transcript.elapsed();
      steps.push({ step: "mail_from", ok: true, ms: mailDone - t, detail: `${fromAddr}: ${mail.response}` });
      const rcptReplies = replies.slice(1, 1 + recipients.length);
      const rejected = rcptReplies.filter((r) => r.status < 200 || r.status >= 300);
      const accepted = rcptReplies.filter((r) => r.status >= 200 && r.status < 300).map((r) => r.command.slice(9, -1));
      const detail = rcptReplies.map((r) => `${r.command.slice(9, -1)}: ${r.response}`).join("; ");
      if (rejected.length || rcptReplies.length < recipients.length) {
        const first = rejected[0];
        return failWith("rcpt_to", mailDone, explainReply(first?.response ?? "", "RCPT TO", ctx), detail);
      }
      steps.push({ step: "rcpt_to", ok: true, ms: transcript.elapsed() - mailDone, detail, data: { accepted } });
    }

    // --- DATA -----------------------------------------------------------------------------------
    if (opts.data) {
      t = transcript.elapsed();
      const compiled = new MailComposer({
        from: opts.from ?? settings["from.address"],
        to: toList,
        subject: (opts.subject ?? DEFAULT_SUBJECT).replace(/[\r\n]+/g, " "),
        text: opts.text ?? defaultText(server),
        headers: { "X-Herald-Test": "1" },
      }).compile();
      const message = await compiled.build();
      try {
        const info = await phase<{ response: string }>(smtp, (resolve, reject) =>
          smtp.send({ from: fromAddr, to: toList.map((a) => a.address) }, message, (err, res) => (err || !res ? reject(err) : resolve(res))),
        );
        steps.push({
          step: "data",
          ok: true,
          ms: transcript.elapsed() - t,
          detail: info.response,
          data: { response: info.response, messageId: compiled.messageId() },
        });
      } catch (err) {
        return failWith("data", t, explainError(err, ctx));
      }
    }
    return finish();
  } catch (err) {
    if (!(err instanceof StopCheck)) {
      result.error = explainError(err, ctx);
      transcript.add("info", `check failed: ${result.error.title}`, "error");
    }
    return finish();
  } finally {
    rawSocket?.destroy();
    if (conn) await closeConnection(conn);
  }
}

/** QUIT politely when the session is alive, and never wait long for the server to hang up. */
function closeConnection(conn: SMTPConnection): Promise<void> {
  return new Promise<void>((resolve) => {
    if (conn.destroyed) return resolve();
    const timer = setTimeout(() => {
      conn.close();
      resolve();
    }, 1000);
    conn.once("end", () => {
      clearTimeout(timer);
      resolve();
    });
    if (conn.stage === "connected" && conn._socket && !conn._socket.destroyed) conn.quit();
    else conn.close();
  });
}
