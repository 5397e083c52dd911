// A real SMTP server on 127.0.0.1 for unit tests and Playwright fixtures (smtp-server +
// mailparser). Every option maps to one behaviour a mail setup can run into: plain, STARTTLS,
// SSL on connect, password or XOAUTH2 logins, rejected recipients, a server that never greets.
import net from "node:net";
import { SMTPServer } from "smtp-server";
import type {
  SMTPServerAuthentication,
  SMTPServerAuthenticationResponse,
  SMTPServerOptions,
  SMTPServerSession,
} from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import type { MailSettings } from "@/lib/mail/settings";
import { getTestCertSync } from "./tls";

export const TEST_SMTP_HOST = "127.0.0.1" as const;

export interface RejectAll {
  /** SMTP reply code, e.g. 554 */
  code: number;
  /** reply text, e.g. "5.7.1 Message rejected as spam" */
  message: string;
  /** Where to reject; default "data" (after the message was transferred). */
  stage?: "connect" | "mail" | "rcpt" | "data";
}

export interface TestSmtpServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** SSL on connect (implicit TLS, like port 465). */
  secure?: boolean;
  /** Offer STARTTLS (self-signed cert for localhost/127.0.0.1). Without it AUTH works in plain text. */
  starttls?: boolean;
  /** Refuse MAIL FROM until the client has logged in. */
  requireAuth?: boolean;
  /** Accounts for PLAIN / LOGIN. */
  users?: Record<string, string>;
  /** Enables XOAUTH2; decides whether a bearer token is valid for the user. */
  xoauth2?: (user: string, token: string) => boolean | Promise<boolean>;
  /** Return a reply such as "550 5.1.1 no such user" to reject a recipient, null to accept. */
  rejectRecipients?: (address: string) => string | null;
  /** Return a reply such as "553 5.7.1 not your address" to reject a sender, null to accept. */
  rejectSenders?: (address: string) => string | null;
  /** Reject every connection / sender / recipient / message with this reply. */
  rejectAll?: RejectAll;
  /** Accept TCP connections but never send the 220 greeting. */
  hangOnConnect?: boolean;
  /** Maximum message size advertised with SIZE (bytes). */
  size?: number;
  /**
   * Called with each accepted message before its 250 goes out: a message seen here is one the
   * client is told was accepted (unless it dies before reading the reply).
   */
  onMessage?: (raw: Buffer, envelope: { from: string; to: string[] }) => void;
  /**
   * Keep (and parse) every message in `messages` (default). Off for load tests that send
   * thousands and count them in onMessage: parsing each would make the server the bottleneck.
   */
  keepMessages?: boolean;
}

export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: Buffer;
  parsed: ParsedMail;
  /** The user name the client logged in with, null when it sent without AUTH. */
  authUser: string | null;
  /** Whether the session was encrypted (SSL or STARTTLS) when the message arrived. */
  secure: boolean;
}

export interface AuthAttempt {
  method: string;
  user: string;
  ok: boolean;
}

export interface TestSmtpServer {
  host: typeof TEST_SMTP_HOST;
  port: number;
  messages: ReceivedMessage[];
  authAttempts: AuthAttempt[];
  /** Number of TCP connections accepted so far. */
  connections(): number;
  /** Resolves with the messages once at least n have arrived; rejects after timeoutMs. */
  waitForMessages(n: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  stop(): Promise<void>;
  /** PEM certificate the server presents; clients trust it with `tls: { ca: [cert] }`. */
  cert: string;
}

/** Turns "550 5.1.1 no such user" into an Error smtp-server replies with. */
function replyError(reply: string, fallbackCode: number): Error & { responseCode: number } {
  const m = /^(\d{3})[ -]?(.*)$/s.exec(reply.trim());
  const err = new Error(m ? m[2] || reply : reply) as Error & { responseCode: number };
  err.responseCode = m ? Number(m[1]) : fallbackCode;
  return err;
}

function rejectAllError(r: RejectAll): Error & { responseCode: number } {
  const err = new Error(r.message) as Error & { responseCode: number };
  err.responseCode = r.code;
  return err;
}

export async function startTestSmtpServer(opts: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const { cert, key } = getTestCertSync();
  const messages: ReceivedMessage[] = [];
  const authAttempts: AuthAttempt[] = [];
  const waiters = new Set<() => void>();
  let connectionCount = 0;

  const notify = () => {
    for (const w of [...waiters]) w();
  };

  const waitForMessages = (n: number, timeoutMs = 5000) =>
    new Promise<ReceivedMessage[]>((resolve, reject) => {
      const check = () => {
        if (messages.length >= n) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(messages.slice());
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`expected ${n} message(s) within ${timeoutMs} ms, got ${messages.length}`));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });

  if (opts.hangOnConnect) {
    // A plain TCP listener that accepts and stays silent: what a firewall "tarpit", a wrong
    // port (e.g. plain SMTP against an SSL-only port) or an overloaded server looks like.
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      connectionCount++;
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => sockets.delete(socket));
    });
    const port = await listen(server, opts.port ?? 0);
    return {
      host: TEST_SMTP_HOST,
      port,
      messages,
      authAttempts,
      connections: () => connectionCount,
      waitForMessages,
      cert,
      stop: () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          server.close(() => resolve());
        }),
    };
  }

  const authMethods: string[] = [];
  if (opts.users && Object.keys(opts.users).length) authMethods.push("PLAIN", "LOGIN");
  if (opts.xoauth2) authMethods.push("XOAUTH2");

  const disabledCommands: string[] = [];
  if (!opts.starttls) disabledCommands.push("STARTTLS");
  if (!authMethods.length) disabledCommands.push("AUTH");

  const reject = opts.rejectAll;

  const options: SMTPServerOptions = {
    secure: !!opts.secure,
    key,
    cert,
    name: "herald-test-smtp",
    banner: "Herald test SMTP",
    logger: false,
    disableReverseLookup: true,
    authMethods: authMethods.length ? authMethods : ["PLAIN", "LOGIN"],
    authOptional: !opts.requireAuth,
    // With STARTTLS on offer, AUTH in plain text is refused as real servers do; without it the
    // server is plain by design and logins must work unencrypted.
    allowInsecureAuth: !opts.starttls,
    disabledCommands,
    // Replies go out exactly as given ("550 5.1.1 no such user"); smtp-server would otherwise
    // prefix its own enhanced status code to every error text.
    hideENHANCEDSTATUSCODES: true,
    size: opts.size,
    closeTimeout: 300,
    socketTimeout: 30_000,
    onConnect(_session, cb) {
      connectionCount++;
      if (reject?.stage === "connect") return cb(rejectAllError(reject));
      cb();
    },
    onAuth(
      auth: SMTPServerAuthentication,
      _session: SMTPServerSession,
      cb: (err: Error | null | undefined, response?: SMTPServerAuthenticationResponse) => void,
    ) {
      const user = auth.username ?? "";
      if (auth.method === "XOAUTH2") {
        if (!opts.xoauth2) return cb(new Error("XOAUTH2 not enabled"));
        Promise.resolve(opts.xoauth2(user, auth.accessToken ?? ""))
          .then((ok) => {
            authAttempts.push({ method: "XOAUTH2", user, ok });
            if (ok) return cb(null, { user });
            // Google's shape of a rejected token: a 334 challenge with a JSON error, then 535.
            cb(null, { data: { status: "401", schemes: "bearer", scope: "https://mail.google.com/" } });
          })
          .catch((err: unknown) => cb(err instanceof Error ? err : new Error(String(err))));
        return;
      }
      const expected = opts.users?.[user];
      const ok = expected !== undefined && expected === auth.password;
      authAttempts.push({ method: auth.method, user, ok });
      if (ok) return cb(null, { user });
      const err = new Error("5.7.8 Authentication credentials invalid") as Error & { responseCode: number };
      err.responseCode = 535;
      cb(err);
    },
    onMailFrom(address, _session, cb) {
      if (reject?.stage === "mail") return cb(rejectAllError(reject));
      const r = opts.rejectSenders?.(address.address);
      if (r) return cb(replyError(r, 550));
      cb();
    },
    onRcptTo(address, _session, cb) {
      if (reject?.stage === "rcpt") return cb(rejectAllError(reject));
      const r = opts.rejectRecipients?.(address.address);
      if (r) return cb(replyError(r, 550));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", (err: Error) => cb(err));
      stream.on("end", () => {
        if (reject && (reject.stage ?? "data") === "data") return cb(rejectAllError(reject));
        const raw = Buffer.concat(chunks);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const to = session.envelope.rcptTo.map((r) => r.address);
        if (opts.keepMessages === false) {
          opts.onMessage?.(raw, { from, to });
          return cb();
        }
        simpleParser(raw)
          .then((parsed) => {
            messages.push({
              from,
              to,
              raw,
              parsed,
              authUser: typeof session.user === "string" ? session.user : null,
              secure: session.secure,
            });
            opts.onMessage?.(raw, { from, to });
            // Reply only after the message is recorded, so a client that saw 250 can assert at once.
            cb();
            notify();
          })
          .catch((err: unknown) => cb(err instanceof Error ? err : new Error(String(err))));
      });
    },
  };

  const server = new SMTPServer(options);
  // Clients that abort (e.g. on an untrusted certificate) surface here; never crash the test run.
  server.on("error", () => undefined);
  const port = await listen(server, opts.port ?? 0);

  return {
    host: TEST_SMTP_HOST,
    port,
    messages,
    authAttempts,
    connections: () => connectionCount,
    waitForMessages,
    cert,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function listen(server: net.Server | SMTPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const netServer = server instanceof SMTPServer ? server.server : server;
    const onError = (err: Error) => reject(err);
    netServer.once("error", onError);
    server.listen(port, TEST_SMTP_HOST, () => {
      netServer.off("error", onError);
      const addr = netServer.address();
      if (!addr || typeof addr === "string") return reject(new Error("test SMTP server has no TCP address"));
      resolve(addr.port);
    });
  });
}

/**
 * Mail Service settings pointing at a test server (plain, no user); override what a test needs,
 * e.g. `mailSettingsFor(server, { "smtp.starttls": true, "smtp.user": "bob", "smtp.password": "pw" })`.
 */
export function mailSettingsFor(
  server: Pick<TestSmtpServer, "host" | "port">,
  overrides: Partial<MailSettings> = {},
): MailSettings {
  return {
    "smtp.host": server.host,
    "smtp.port": server.port,
    "smtp.user": "",
    "smtp.password": "",
    "from.address": "herald@example.com",
    "smtp.ssl": false,
    "smtp.starttls": false,
    "smtp.requiretls": false,
    "debug.email": false,
    "oauth.flow": false,
    ...overrides,
  };
}

/** A loopback port with nothing listening on it (for "connection refused"). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server, 0);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
