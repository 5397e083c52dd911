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
import { explainContext, explainError, explainReply, keyedExplained, type ExplainContext, type Explained } from "@/lib/mail/explain";
import {
  authMode,
  DEFAULT_MAIL_TIMEOUTS,
  serverLabel,
  transportOptions,
  type MailSettings,
  type MailTimeouts,
  type MailTlsOptions,
} from "@/lib/mail/settings";
import { createTranscript, type Transcript, type TranscriptLine } from "@/lib/mail/transcript";
import { SESSION_WARNING_TEXTS, parseEhlo, sessionWarnings } from "./warnings";
import { stepText } from "./step-texts";
import type { Keyed } from "@/lib/i18n/keyed";

export interface TestEmailOptions {
  /** One address, a comma-separated list, or an array. */
  to: string | string[];
  /** Defaults to the Mail Service's from.address. */
  from?: string;
  subject?: string;
  text?: string;
  /** An HTML alternative (the template editor's "Send preview to me"); the mail is then multipart/alternative. */
  html?: string | null;
  /** Extra headers (a preview names the editor it came from). */
  headers?: Record<string, string>;
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
  /** `detail` / `warning` by key under "smtpCheck" in the catalogs, when Herald worded them. */
  detailText?: Keyed;
  warningText?: Keyed;
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
      headers: { ...opts.headers, "X-Herald-Test": "1" },
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

function detailOf(s: { text: string; keyed: Keyed }): { detail: string; detailText: Keyed } {
  return { detail: s.text, detailText: s.keyed };
}
function warningOfKeyed(s: { text: string; keyed: Keyed }): { warning: string; warningText: Keyed } {
  return { warning: s.text, warningText: s.keyed };
}
/** A session warning of lib/smtp/warnings.ts, with its key ("smtpCheck.warning.<key>"). */
function warningOf(text: string): { warning: string; warningText?: Keyed } {
  const key = (Object.keys(SESSION_WARNING_TEXTS) as (keyof typeof SESSION_WARNING_TEXTS)[]).find((k) => SESSION_WARNING_TEXTS[k] === text);
  return { warning: text, ...(key ? { warningText: { key: `warning.${key}` } } : {}) };
}

function unverifiedWarning(t: TlsInfo): { warning?: string; warningText?: Keyed } {
  if (t.authorized) return {};
  return warningOfKeyed(stepText("unverified", { error: t.authorizationError || "none" }));
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

/** What the steps of one probe share: its input, the transcript and the result being built. */
interface ProbeRun {
  settings: MailSettings;
  opts: CheckConnectionOptions;
  server: string;
  host: string;
  port: number;
  ssl: boolean;
  marks: Marks;
  transcript: Transcript;
  ctx: ExplainContext;
  timeouts: MailTimeouts;
  steps: CheckStep[];
  result: CheckConnectionResult;
  /** The socket until the SMTP connection owns it; probe() closes whichever is left. */
  rawSocket?: net.Socket;
  conn?: SMTPConnection;
}

interface Envelope {
  wanted: boolean;
  from: string;
  to: { name: string; address: string }[];
}

type SendCommand = SMTPConnectionCustomAuthContext["sendCommand"];

/** The SMTP session after greeting, STARTTLS and EHLO. */
interface ProbeSession {
  smtp: SMTPConnection;
  ehlo: ReturnType<typeof parseEhlo>;
  warnings: ReturnType<typeof sessionWarnings>;
  /** Run by the custom AUTH handler (see openSession); the envelope step sets it. */
  envelope: { script?: (send: SendCommand) => Promise<void>; error?: unknown };
}

/** Records the failing step and its explanation, and ends the check (probe() catches StopCheck). */
function failStep(run: ProbeRun, step: CheckStepName | undefined, since: number, error: Explained, detail?: string): never {
  if (step) {
    run.steps.push({ step, ok: false, ms: run.transcript.elapsed() - since, detail: detail ?? error.title, ...(detail === undefined && error.i18n ? { detailText: { key: `explain.${error.i18n.key}.title`, values: error.i18n.values } } : {}) });
    run.result.failedStep = step;
  }
  run.result.error = error;
  run.transcript.add("info", `${step ?? "check"} failed: ${error.title}`, "error");
  throw new StopCheck();
}

/** The settings, and the sender and recipients when the check goes as far as the envelope. */
function checkInput(run: ProbeRun): Envelope {
  const { settings, opts } = run;
  const settingsProblem = checkSettings(settings, opts.accessToken);
  if (settingsProblem) failStep(run, undefined, 0, settingsProblem);
  const wanted = opts.to !== undefined && (Array.isArray(opts.to) ? opts.to.length > 0 : opts.to.trim() !== "");
  if (opts.data && !wanted) failStep(run, undefined, 0, config("No recipient", "Sending a message in the check needs a recipient."));
  if (!wanted) return { wanted, from: "", to: [] };
  const to = parseAddresses(opts.to, "recipient");
  if (!to.ok) return failStep(run, undefined, 0, to.error);
  const from = parseAddresses(opts.from ?? settings["from.address"], "sender");
  if (!from.ok) return failStep(run, undefined, 0, from.error);
  return { wanted, from: from.list[0]?.address ?? "", to: to.list };
}

async function resolveHost(run: ProbeRun): Promise<{ address: string; family: number }[]> {
  const { host, transcript } = run;
  const t = transcript.elapsed();
  if (net.isIP(host)) {
    run.steps.push({ step: "dns", ok: true, ms: 0, ...detailOf(stepText("ipNoLookup", { host })), data: { addresses: [host] } });
    return [{ address: host, family: net.isIP(host) }];
  }
  let addresses: { address: string; family: number }[];
  try {
    addresses = await withTimeout(dns.promises.lookup(host, { all: true }), run.timeouts.dns, () =>
      Object.assign(new Error(`DNS lookup of ${host} timed out`), { code: "EAI_AGAIN" }),
    );
  } catch (err) {
    return failStep(run, "dns", t, explainError(err, run.ctx));
  }
  const list = addresses.map((a) => a.address);
  transcript.add("info", `Resolved ${host} to ${list.join(", ")}`);
  run.steps.push({ step: "dns", ok: true, ms: transcript.elapsed() - t, detail: `${host} → ${list.join(", ")}`, data: { addresses: list } });
  return addresses;
}

/** Tries each address in turn within the connection timeout. */
async function connectToServer(run: ProbeRun, addresses: { address: string; family: number }[]): Promise<net.Socket> {
  const { port, transcript } = run;
  const t = transcript.elapsed();
  let lastErr: unknown;
  for (const a of addresses) {
    const left = run.timeouts.connection - (transcript.elapsed() - t);
    if (left <= 0) break;
    try {
      run.rawSocket = await connectTcp(a.address, a.family, port, left);
      transcript.add("info", `TCP connection to ${a.address}:${port} established`);
      run.steps.push({ step: "tcp", ok: true, ms: transcript.elapsed() - t, ...detailOf(stepText("connected", { address: `${a.address}:${port}` })) });
      return run.rawSocket;
    } catch (err) {
      lastErr = err;
      transcript.add("info", `TCP connection to ${a.address}:${port} failed: ${(err as Error).message}`, "warn");
    }
  }
  return failStep(run, "tcp", t, explainError(lastErr ?? timeoutError("Connection timeout", "CONNECT_TIMEOUT"), run.ctx));
}

/** SSL on connect (smtp.ssl); otherwise the plain socket, which STARTTLS may upgrade later. */
async function secureOnConnect(run: ProbeRun, rawSocket: net.Socket): Promise<net.Socket> {
  if (!run.ssl) return rawSocket;
  const t = run.transcript.elapsed();
  try {
    const secure = await startTls(rawSocket, run.host, run.opts.tls, run.timeouts.greeting);
    const info = tlsInfoOf(secure);
    run.result.tls = info;
    run.transcript.add("info", `TLS established: ${describeTls(info)}`);
    run.steps.push({ step: "tls", ok: true, ms: run.transcript.elapsed() - t, detail: describeTls(info), data: { ...info }, ...unverifiedWarning(info) });
    return secure;
  } catch (err) {
    return failStep(run, "tls", t, explainError(err, run.ctx));
  }
}

/** Greeting, EHLO and STARTTLS as nodemailer's connect() does them, each reported as its own step. */
async function openSession(run: ProbeRun, socket: net.Socket): Promise<ProbeSession> {
  const { settings, opts, marks, transcript, result } = run;
  const { auth: _auth, ...connOptions } = transportOptions(settings, {
    accessToken: opts.accessToken,
    tls: opts.tls,
    timeouts: opts.timeouts,
    name: opts.name,
    logger: transcript.logger,
    debug: true,
  });
  const envelope: ProbeSession["envelope"] = {};
  const smtp = new SMTPConnection({
    ...connOptions,
    connection: socket,
    secured: run.ssl,
    customAuth: {
      // SMTPConnection has no public "send this command" outside a SASL exchange, so the
      // envelope check runs as a custom AUTH handler that never sends an AUTH command itself.
      [PROBE_METHOD]: async (c: SMTPConnectionCustomAuthContext) => {
        try {
          await envelope.script?.(c.sendCommand.bind(c));
        } catch (err) {
          envelope.error = err;
        } finally {
          c.reject(new Error("envelope check finished"));
        }
      },
    },
  });
  run.conn = smtp;
  run.rawSocket = undefined; // owned by the SMTP connection from here on
  smtp.on("error", () => undefined); // failures arrive through phase(); never crash on a late one
  const connStart = transcript.elapsed();
  try {
    await phase<void>(smtp, (resolve, reject) => smtp.connect((err) => (err ? reject(err) : resolve())));
  } catch (err) {
    const explained = explainError(err, run.ctx);
    if (marks.greetingAt === undefined) return failStep(run, "greeting", connStart, explained);
    run.steps.push({ step: "greeting", ok: true, ms: marks.greetingAt - connStart, detail: marks.greeting ?? "" });
    if (marks.starttlsAt !== undefined && marks.upgradedAt === undefined) return failStep(run, "starttls", marks.starttlsAt, explained);
    return failStep(run, "ehlo", marks.upgradedAt ?? marks.greetingAt, explained);
  }
  const connected = transcript.elapsed();
  run.steps.push({ step: "greeting", ok: true, ms: (marks.greetingAt ?? connected) - connStart, detail: marks.greeting ?? "" });

  const firstEhlo = parseEhlo(marks.ehloReplies[0]);
  const ehlo = parseEhlo(marks.ehloReplies[marks.ehloReplies.length - 1]);
  const offeredStarttls = firstEhlo.extensions.some((e) => /^STARTTLS\b/i.test(e));
  if (marks.upgradedAt !== undefined) {
    const sock = smtp._socket;
    if (sock instanceof tls.TLSSocket) result.tls = tlsInfoOf(sock);
    run.steps.push({
      step: "starttls",
      ok: true,
      ms: marks.upgradedAt - (marks.starttlsAt ?? marks.upgradedAt),
      ...(result.tls ? { detail: describeTls(result.tls) } : detailOf(stepText("upgraded"))),
      ...(result.tls ? { data: { ...result.tls }, ...unverifiedWarning(result.tls) } : {}),
    });
  }
  result.authMethods = ehlo.authMethods;
  result.extensions = ehlo.extensions;
  const ehloStep: CheckStep = {
    step: "ehlo",
    ok: true,
    ms: connected - (marks.upgradedAt ?? marks.greetingAt ?? connStart),
    ...detailOf(stepText("ehlo", { auth: ehlo.authMethods.join(" ") || "none", extensions: ehlo.extensions.join(", ") || "none" })),
    data: { authMethods: ehlo.authMethods, extensions: ehlo.extensions },
  };
  // The same check as after a direct send (lib/smtp/warnings.ts): one wording everywhere.
  const warnings = sessionWarnings(settings, { ssl: run.ssl, upgraded: marks.upgradedAt !== undefined, offeredStarttls, authMethods: ehlo.authMethods });
  const ehloWarning = warnings.find((w) => w.step === "ehlo");
  if (ehloWarning) Object.assign(ehloStep, warningOf(ehloWarning.text));
  run.steps.push(ehloStep);
  return { smtp, ehlo, warnings, envelope };
}

/** Logs in as configured; skipped (with a warning where it matters) without a user or without AUTH. */
async function authenticate(run: ProbeRun, session: ProbeSession): Promise<void> {
  const { settings, opts, server, transcript } = run;
  const { smtp } = session;
  const t = transcript.elapsed();
  const mode = authMode(settings);
  const user = settings["smtp.user"].trim();
  const offered = session.ehlo.authMethods;
  if (mode === "none") {
    run.steps.push({
      step: "auth",
      ok: true,
      skipped: true,
      ms: 0,
      ...detailOf(stepText("noUser")),
      ...(offered.length ? warningOfKeyed(stepText("offersAuth", { methods: offered.join(" ") })) : {}),
    });
    return;
  }
  if (!smtp.allowsAuth) {
    run.steps.push({
      step: "auth",
      ok: true,
      skipped: true,
      ms: 0,
      ...detailOf(stepText("noAuthOffered")),
      ...warningOf(session.warnings.find((w) => w.step === "auth")?.text ?? SESSION_WARNING_TEXTS.credentialsNotUsed),
    });
    return;
  }
  if (mode === "oauth2" && offered.length && !offered.includes("XOAUTH2")) {
    failStep(run, "auth", t, keyedExplained("auth", { key: "noXoauth2", values: { at: server, offered: offered.join(", ") } }));
  }
  if (mode === "password" && offered.length && !offered.some((m) => ["PLAIN", "LOGIN", "CRAM-MD5"].includes(m))) {
    failStep(run, "auth", t, keyedExplained("auth", { key: "noPasswordLogin", values: { at: server, offered: offered.join(", ") } }));
  }
  const authData: SMTPConnectionAuth =
    mode === "oauth2"
      ? { user, method: "XOAUTH2", oauth2: new XOAuth2({ user, accessToken: opts.accessToken }, transcript.logger) }
      : { user, pass: settings["smtp.password"] };
  try {
    await phase<void>(smtp, (resolve, reject) => smtp.login(authData, (err) => (err ? reject(err) : resolve())));
  } catch (err) {
    failStep(run, "auth", t, explainError(err, run.ctx));
  }
  const method = /^AUTH\s+(\S+)/i.exec(run.marks.authCommand ?? "")?.[1] ?? (mode === "oauth2" ? "XOAUTH2" : "");
  run.steps.push({ step: "auth", ok: true, ms: transcript.elapsed() - t, ...detailOf(stepText("loggedIn", { user, method: method || "none" })), data: { user, method } });
}

/** MAIL FROM and RCPT TO for each recipient, then RSET: nothing is sent. */
async function checkEnvelope(run: ProbeRun, session: ProbeSession, envelope: Envelope): Promise<void> {
  const { transcript, ctx } = run;
  const { smtp } = session;
  const replies: ProbeReply[] = [];
  const recipients = envelope.to.map((a) => a.address);
  session.envelope.script = async (send) => {
    const exchange = async (command: string) => {
      transcript.showNextClientLineAs(command);
      const r = await send(command);
      replies.push({ command, response: r.response, status: r.status });
      return r;
    };
    const mail = await exchange(`MAIL FROM:<${envelope.from}>`);
    if (mail.status >= 200 && mail.status < 300) {
      for (const rcpt of recipients) await exchange(`RCPT TO:<${rcpt}>`);
    }
    await exchange("RSET");
  };
  const t = transcript.elapsed();
  try {
    await phase<void>(smtp, (resolve) => smtp.login({ method: PROBE_METHOD, user: "-", pass: "-" }, () => resolve()));
  } catch (err) {
    failStep(run, replies.length ? "rcpt_to" : "mail_from", t, explainError(err, ctx));
  }
  if (session.envelope.error) failStep(run, "mail_from", t, explainError(session.envelope.error, ctx));
  const mail = replies[0];
  if (!mail || mail.status < 200 || mail.status >= 300) {
    failStep(run, "mail_from", t, explainReply(mail?.response ?? "", "MAIL FROM", ctx), mail?.response);
  }
  const mailDone = transcript.elapsed();
  run.steps.push({ step: "mail_from", ok: true, ms: mailDone - t, detail: `${envelope.from}: ${mail.response}` });
  const rcptReplies = replies.slice(1, 1 + recipients.length);
  const rejected = rcptReplies.filter((r) => r.status < 200 || r.status >= 300);
  const accepted = rcptReplies.filter((r) => r.status >= 200 && r.status < 300).map((r) => r.command.slice(9, -1));
  const detail = rcptReplies.map((r) => `${r.command.slice(9, -1)}: ${r.response}`).join("; ");
  if (rejected.length || rcptReplies.length < recipients.length) {
    const first = rejected[0];
    failStep(run, "rcpt_to", mailDone, explainReply(first?.response ?? "", "RCPT TO", ctx), detail);
  }
  run.steps.push({ step: "rcpt_to", ok: true, ms: transcript.elapsed() - mailDone, detail, data: { accepted } });
}

/** Sends the test message over the same session (DATA). */
async function sendData(run: ProbeRun, session: ProbeSession, envelope: Envelope): Promise<void> {
  const { settings, opts, server, transcript } = run;
  const { smtp } = session;
  const t = transcript.elapsed();
  const compiled = new MailComposer({
    from: opts.from ?? settings["from.address"],
    to: envelope.to,
    subject: (opts.subject ?? DEFAULT_SUBJECT).replace(/[\r\n]+/g, " "),
    text: opts.text ?? defaultText(server),
    headers: { "X-Herald-Test": "1" },
  }).compile();
  const message = await compiled.build();
  try {
    const info = await phase<{ response: string }>(smtp, (resolve, reject) =>
      smtp.send({ from: envelope.from, to: envelope.to.map((a) => a.address) }, message, (err, res) => (err || !res ? reject(err) : resolve(res))),
    );
    run.steps.push({ step: "data", ok: true, ms: transcript.elapsed() - t, detail: info.response, data: { response: info.response, messageId: compiled.messageId() } });
  } catch (err) {
    failStep(run, "data", t, explainError(err, run.ctx));
  }
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
  const steps: CheckStep[] = [];
  const run: ProbeRun = {
    settings,
    opts,
    server,
    host: settings["smtp.host"]?.trim() ?? "",
    port: Number(settings["smtp.port"]),
    ssl: !!settings["smtp.ssl"],
    marks,
    transcript,
    ctx: explainContext(settings),
    timeouts: { ...DEFAULT_MAIL_TIMEOUTS, ...opts.timeouts },
    steps,
    result: { ok: false, steps, server, durationMs: 0, transcript: transcript.lines },
  };
  try {
    try {
      const envelope = checkInput(run);
      const addresses = await resolveHost(run);
      const socket = await secureOnConnect(run, await connectToServer(run, addresses));
      const session = await openSession(run, socket);
      await authenticate(run, session);
      if (envelope.wanted) await checkEnvelope(run, session, envelope);
      if (opts.data) await sendData(run, session, envelope);
    } catch (err) {
      if (!(err instanceof StopCheck)) {
        run.result.error = explainError(err, run.ctx);
        transcript.add("info", `check failed: ${run.result.error.title}`, "error");
      }
    }
    // The duration leaves out the polite QUIT below.
    run.result.ok = !run.result.error;
    run.result.durationMs = elapsedSince(started);
    return run.result;
  } finally {
    run.rawSocket?.destroy();
    if (run.conn) await closeConnection(run.conn);
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
