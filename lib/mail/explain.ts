// Turns a failed SMTP attempt (a nodemailer error, a Node socket/TLS error or a bare SMTP reply)
// into one category and plain words an admin can act on. Pure: no server imports.
import type { MailSettings } from "./settings";
import { englishOf, type Keyed } from "@/lib/i18n/keyed";
import { SMTP_EXPLAIN_TEXTS, type SmtpExplainKey } from "./explain-texts";

const english = englishOf(SMTP_EXPLAIN_TEXTS);

export type FailureCode =
  | "dns"
  | "refused"
  | "timeout"
  | "tls"
  | "certificate"
  | "auth"
  | "sender_rejected"
  | "recipient_rejected"
  | "message_rejected"
  | "protocol"
  /** Herald's own settings or input are incomplete; nothing was sent to a server. */
  | "config"
  | "unknown";

export interface Explained {
  code: FailureCode;
  /** One line, e.g. "Wrong user name or password". */
  title: string;
  /** What happened and what to check or change, in plain words. */
  explanation: string;
  /** SMTP reply code, e.g. 535. */
  smtpCode?: number;
  /** Enhanced status code, e.g. "5.7.139". */
  enhancedCode?: string;
  /** The server's reply as received. */
  response?: string;
  /** The SMTP command that failed (nodemailer's `command`: CONN, EHLO, STARTTLS, AUTH PLAIN, MAIL FROM, RCPT TO, DATA…). */
  command?: string;
  /** The error code reported by nodemailer / Node (e.g. EAUTH, ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT). */
  errorCode?: string;
  /** The raw error message, for the details view. */
  message?: string;
  /**
   * The title and explanation by key ("smtpCheck.explain.<key>.title|explanation" in the catalogs),
   * for the console to show in the reader's language. `at` missing: the catalog's "server".
   */
  i18n?: Keyed<SmtpExplainKey>;
}

/** What the explanation may refer to; all optional. */
export interface ExplainContext {
  host?: string;
  port?: number;
  ssl?: boolean;
  starttls?: boolean;
  requiretls?: boolean;
  oauth?: boolean;
  user?: string;
}

export function explainContext(s: Partial<MailSettings>): ExplainContext {
  return {
    host: s["smtp.host"],
    port: s["smtp.port"],
    ssl: s["smtp.ssl"],
    starttls: s["smtp.starttls"],
    requiretls: s["smtp.requiretls"],
    oauth: s["oauth.flow"],
    user: s["smtp.user"],
  };
}

export interface ParsedReply {
  code?: number;
  enhanced?: string;
  /** Reply text without codes, continuation lines joined with a space. */
  text: string;
}

/** "535-5.7.8 Username and Password not accepted.\n535 5.7.8 Learn more" → {535, "5.7.8", "…"} */
export function parseReply(reply: string | undefined | null): ParsedReply {
  if (!reply) return { text: "" };
  const lines = String(reply).split(/\r?\n/).filter((l) => l.trim());
  let code: number | undefined;
  let enhanced: string | undefined;
  const texts: string[] = [];
  for (const line of lines) {
    const m = /^(\d{3})(?:[ -]|$)(?:([245]\.\d{1,3}\.\d{1,3})(?:\s+|$))?(.*)$/.exec(line.trim());
    if (m) {
      code ??= Number(m[1]);
      enhanced ??= m[2];
      texts.push((m[3] ?? "").trim());
    } else {
      texts.push(line.trim());
    }
  }
  return { code, enhanced, text: texts.filter(Boolean).join(" ") };
}

interface ErrorLike {
  code?: unknown;
  originalCode?: unknown;
  message?: unknown;
  response?: unknown;
  responseCode?: unknown;
  command?: unknown;
  reason?: unknown;
  timeoutType?: unknown;
  cause?: unknown;
  rejectedErrors?: unknown;
}

const CERT_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_DECRYPT_CERT_SIGNATURE",
  "CERT_SIGNATURE_FAILURE",
  "CERT_NOT_YET_VALID",
  "CERT_HAS_EXPIRED",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "INVALID_CA",
  "INVALID_PURPOSE",
  "PATH_LENGTH_EXCEEDED",
  "HOSTNAME_MISMATCH",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_TLS_CERT_ALTNAME_FORMAT",
]);
const DNS_CODES = new Set(["EDNS", "ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL", "EAI_NODATA", "ENODATA", "ESERVFAIL", "ENOTIMP", "EREFUSED", "EBADNAME", "ECONNREFUSED_DNS"]);
const UNREACHABLE_CODES = new Set(["EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN", "EADDRNOTAVAIL"]);

function str(v: unknown): string | undefined {
  return typeof v === "string" && v ? v : undefined;
}

/** "host:port", or null when no host is known (the texts then say "the mail server"). */
function where(ctx: ExplainContext): string | null {
  if (!ctx.host) return null;
  return ctx.port ? `${ctx.host}:${ctx.port}` : ctx.host;
}

/** Which hint the timeout and closed-connection texts add (a select in their messages). */
function portHintForTimeout(ctx: ExplainContext): "ssl465" | "checkSsl" | "none" {
  if (ctx.port === 465 && !ctx.ssl) return "ssl465";
  if (ctx.ssl) return "none";
  return "checkSsl";
}

/** Fills the English of a keyed explanation; `at` / `host` missing: the mail server / the host. */
export function explainedText(i18n: Keyed<SmtpExplainKey>): { title: string; explanation: string } {
  const values = { at: SMTP_EXPLAIN_TEXTS.server, host: SMTP_EXPLAIN_TEXTS.someHost, ...i18n.values };
  return { title: english(`explain.${i18n.key}.title`, values), explanation: english(`explain.${i18n.key}.explanation`, values) };
}

/** An explanation of Herald's own (no server error to classify), by key. */
export function keyedExplained(code: FailureCode, i18n: Keyed<SmtpExplainKey>, extra: Partial<Explained> = {}): Explained {
  return { code, ...explainedText(i18n), ...extra, i18n };
}

/** Classifies a bare SMTP reply (e.g. from a custom check). `command` is the command it answered. */
export function explainReply(reply: string, command?: string, ctx: ExplainContext = {}): Explained {
  const p = parseReply(reply);
  const cmd = command?.toUpperCase();
  const code = cmd?.startsWith("AUTH")
    ? "EAUTH"
    : cmd === "MAIL FROM" || cmd === "RCPT TO"
      ? "EENVELOPE"
      : cmd === "DATA"
        ? "EMESSAGE"
        : cmd === "STARTTLS"
          ? "ETLS"
          : undefined;
  return explainError({ code, response: reply, responseCode: p.code, command, message: reply }, ctx);
}

/** Never throws; anything unrecognised becomes `unknown` with the raw message kept. */
export function explainError(error: unknown, ctx: ExplainContext = {}): Explained {
  const err: ErrorLike = typeof error === "object" && error !== null ? (error as ErrorLike) : { message: String(error) };
  const cause = typeof err.cause === "object" && err.cause !== null ? (err.cause as ErrorLike) : undefined;
  const codes = [err.code, err.originalCode, cause?.code].map(str).filter((c): c is string => !!c);
  const message = str(err.message) ?? "";
  let response = str(err.response);
  let command = str(err.command);
  // "all recipients were rejected": the interesting reply is the first recipient's
  const firstRejected = Array.isArray(err.rejectedErrors) ? (err.rejectedErrors[0] as ErrorLike | undefined) : undefined;
  if (!response && firstRejected) {
    response = str(firstRejected.response);
    command ??= str(firstRejected.command);
  }
  const reply = parseReply(response);
  const smtpCode = typeof err.responseCode === "number" ? err.responseCode : reply.code;
  const haystack = `${message} ${str(err.reason) ?? ""} ${response ?? ""}`;
  const at = where(ctx);

  const base: Omit<Explained, "code" | "title" | "explanation"> = {};
  if (smtpCode) base.smtpCode = smtpCode;
  if (reply.enhanced) base.enhancedCode = reply.enhanced;
  if (response) base.response = response;
  if (command) base.command = command;
  const errorCode = codes.find((c) => !/^E(SOCKET|CONNECTION)$/.test(c)) ?? codes[0];
  if (errorCode) base.errorCode = errorCode;
  if (message) base.message = message;

  const out = (code: FailureCode, key: SmtpExplainKey, values: Record<string, string | number> = {}): Explained => {
    const i18n: Keyed<SmtpExplainKey> = { key, values: at ? { at, ...values } : values };
    return { code, ...explainedText(i18n), ...base, i18n };
  };
  const opt = (v: string | number | undefined | null) => (v === undefined || v === null || v === "" ? "none" : v);
  const yes = (b: unknown) => (b ? "yes" : "no");
  const has = (c: string) => codes.includes(c);
  const enh = reply.enhanced ?? "";
  const rtext = reply.text;

  // --- Herald-side problems: nothing was wrong with the server -------------------------------
  if (has("ECONFIG")) return out("config", "configIncomplete", { message: opt(message) });
  if (has("EENVELOPE") && command === "API") {
    return out("config", "invalidAddress", { message });
  }
  if (has("EAUTH") && command === "API" && /Missing credentials/i.test(message)) {
    return out("config", "passwordMissing");
  }

  // --- OAuth2 token problems ------------------------------------------------------------------
  if (/invalid_grant/i.test(haystack)) {
    return out("auth", "oauthInvalidGrant");
  }
  if (has("EOAUTH2") || /Can't create new access token/i.test(message)) {
    return out("auth", "oauthNoToken");
  }

  // --- certificates (checked before generic TLS: these arrive as ESOCKET/ETLS too) --------------
  const certCode = codes.find((c) => CERT_CODES.has(c));
  if (certCode || /self[- ]signed certificate|unable to verify the first certificate|unable to get local issuer|certificate has expired|certificate is not yet valid|does not match certificate's altnames/i.test(haystack)) {
    const c = certCode ?? "";
    if (c === "CERT_HAS_EXPIRED" || /certificate has expired/i.test(haystack)) {
      return out("certificate", "certExpired");
    }
    if (c === "CERT_NOT_YET_VALID" || /not yet valid/i.test(haystack)) {
      return out("certificate", "certNotYetValid");
    }
    if (c === "ERR_TLS_CERT_ALTNAME_INVALID" || c === "HOSTNAME_MISMATCH" || /altnames/i.test(haystack)) {
      return out("certificate", "certHostMismatch", { reason: str(err.reason) ?? message });
    }
    if (c === "DEPTH_ZERO_SELF_SIGNED_CERT" || c === "SELF_SIGNED_CERT_IN_CHAIN" || /self[- ]signed/i.test(haystack)) {
      return out("certificate", "certSelfSigned");
    }
    return out("certificate", "certUntrusted", { reason: c || message });
  }

  // --- TLS protocol mismatches ------------------------------------------------------------------
  if (/wrong version number|packet length too long|unknown protocol|http request/i.test(haystack) || has("ERR_SSL_WRONG_VERSION_NUMBER") || has("ERR_SSL_PACKET_LENGTH_TOO_LONG")) {
    if (ctx.ssl === false) {
      return out("tls", "tlsNotTls", { reason: str(err.reason) ?? message });
    }
    return out("tls", "sslOnPlainPort");
  }
  if (/unsupported protocol|alert protocol version|no protocols available/i.test(haystack)) {
    return out("tls", "tlsVersion");
  }
  if (/handshake failure|no shared cipher|sslv3 alert/i.test(haystack)) {
    return out("tls", "tlsHandshake", { message });
  }
  if (has("ETLS") || has("EREQUIRETLS")) {
    if (command === "STARTTLS" && smtpCode && smtpCode >= 400) {
      return out("tls", "starttlsRefused", { response: response ?? String(smtpCode), requireTls: yes(ctx.requiretls) });
    }
    if (has("EREQUIRETLS")) {
      return out("tls", "requireTlsUnsupported", { message });
    }
    return out("tls", "tlsUpgradeFailed", { message });
  }

  // --- DNS --------------------------------------------------------------------------------------
  if (codes.some((c) => DNS_CODES.has(c))) {
    const found = ctx.host ?? message.match(/(?:ENOTFOUND|EAI_AGAIN)\s+(\S+)/)?.[1];
    const host: Record<string, string> = found ? { host: found } : {};
    if (has("EAI_AGAIN") || /timed out|timeout/i.test(message)) {
      return out("dns", "dnsTimeout", host);
    }
    return out("dns", "dnsNotFound", host);
  }

  // --- connecting -------------------------------------------------------------------------------
  if (has("ECONNREFUSED")) {
    return out("refused", "refused");
  }
  if (codes.some((c) => UNREACHABLE_CODES.has(c))) {
    return out("refused", "unreachable", { errorCode: String(errorCode) });
  }
  if (has("ETIMEDOUT") || /timeout|timed out|Greeting never received/i.test(message)) {
    const type = str(err.timeoutType) ?? "";
    if (type === "GREETING_TIMEOUT" || /Greeting never received/i.test(message)) {
      return out("timeout", "noGreeting", { hint: portHintForTimeout(ctx) });
    }
    if (type === "UPGRADE_TIMEOUT" || /TLS handshake timed out/i.test(message)) {
      return out("timeout", "tlsTimeout");
    }
    if (type === "SOCKET_TIMEOUT") {
      return out("timeout", "silentMidSession");
    }
    if (type === "CONNECT_TIMEOUT" || /Connection timeout/i.test(message) || command === "CONN") {
      return out("timeout", "connectTimeout");
    }
    return out("timeout", "timeout", { message });
  }
  if (has("ECONNRESET") || has("EPIPE")) {
    return out("refused", "reset", { errorCode: String(errorCode), hint: portHintForTimeout(ctx) });
  }

  // --- replies with a known meaning, whatever the nodemailer code -------------------------------
  if (/must issue a STARTTLS command first|Encryption required|STARTTLS is required/i.test(haystack) || (smtpCode === 530 && enh === "5.7.0" && /STARTTLS/i.test(rtext)) || smtpCode === 538) {
    return out("tls", "starttlsRequired");
  }

  // --- authentication ---------------------------------------------------------------------------
  const authFailure = has("EAUTH") || has("ENOAUTH") || (command?.startsWith("AUTH") ?? false);
  if (authFailure || enh === "5.7.139" || enh === "5.7.57" || (smtpCode === 530 && /auth/i.test(rtext))) {
    if (enh === "5.7.139" || /SmtpClientAuthentication is disabled/i.test(haystack)) {
      if (/security defaults/i.test(haystack)) {
        return out("auth", "msSecurityDefaults");
      }
      if (/credentials were incorrect/i.test(haystack)) {
        return out("auth", "msWrongCredentials");
      }
      return out("auth", "msSmtpAuthDisabled");
    }
    if (enh === "5.7.57" || /Client not authenticated to send/i.test(haystack)) {
      return out("auth", "loginRequiredToSend");
    }
    if (has("ENOAUTH") || (smtpCode === 530 && /auth/i.test(rtext))) {
      return out("auth", "loginRequired");
    }
    if (smtpCode === 534 && (enh === "5.7.9" || /Application-specific password required/i.test(rtext))) {
      return out("auth", "googleAppPassword");
    }
    if (smtpCode === 534 && (enh === "5.7.14" || /web browser/i.test(rtext))) {
      return out("auth", "googleBrowserSignIn");
    }
    if (smtpCode === 454 || /too many (login|authentication)|rate limit/i.test(rtext)) {
      return out("auth", "tooManyLogins", { response: response ?? String(smtpCode) });
    }
    if (smtpCode === 504 || enh === "5.5.4" || /unrecognized authentication type|mechanism not supported|not supported/i.test(rtext)) {
      return out("auth", "authMethodUnsupported", { command: command ?? "AUTH", oauth: yes(ctx.oauth) });
    }
    // 5.7.8 alone is the standard "credentials invalid" (Postfix, Exchange use it too); Google's
    // wording or host is what identifies it.
    const google = /Username and Password not accepted|BadCredentials|google\.com/i.test(rtext) || /(^|\.)(gmail|google|googlemail)\.com$/i.test(ctx.host ?? "");
    const xoauth = ctx.oauth || /XOAUTH2/i.test(command ?? "");
    if (xoauth) {
      return out("auth", "xoauthRejected", { google: yes(google), user: opt(ctx.user) });
    }
    if (google) {
      return out("auth", "googleCredentials");
    }
    if (enh === "5.7.3" || /Authentication unsuccessful/i.test(rtext)) {
      return out("auth", "wrongCredentialsMs", { response: String(response) });
    }
    return out("auth", "wrongCredentials", { response: opt(response) });
  }

  // --- envelope and message ---------------------------------------------------------------------
  const isSendAsDenied = /SendAsDenied|not allowed to send as|not authorized to send|sender address rejected|5\.7\.60/i.test(haystack);
  if (command === "MAIL FROM" || (has("EENVELOPE") && /MAIL FROM|sender/i.test(message) && command !== "RCPT TO")) {
    if (smtpCode === 552 || /size|too large|exceeds/i.test(rtext + message)) {
      return out("message_rejected", "tooLarge", { response: response ?? message });
    }
    return out("sender_rejected", "senderRejected", { response: opt(response), sendAs: yes(isSendAsDenied) });
  }
  if (command === "RCPT TO" || (has("EENVELOPE") && /recipient/i.test(message))) {
    if (/relay/i.test(rtext) || enh === "5.7.54" || (smtpCode === 554 && enh === "5.7.1")) {
      return out("recipient_rejected", "noRelay", { response: String(response) });
    }
    if (smtpCode && smtpCode >= 400 && smtpCode < 500) {
      return out("recipient_rejected", "recipientDeferred", { response: String(response) });
    }
    if (enh === "5.1.1" || /unknown|no such user|does not exist|not found|invalid recipient|mailbox unavailable/i.test(rtext)) {
      return out("recipient_rejected", "recipientUnknown", { response: String(response) });
    }
    return out("recipient_rejected", "recipientRejected", { response: opt(response) });
  }
  if (has("EMESSAGE") || command === "DATA" || command === "DATA_STREAM") {
    if (isSendAsDenied) {
      return out("sender_rejected", "sendAsDenied", { response: String(response) });
    }
    if (smtpCode === 552 || enh === "5.3.4" || /size|too large/i.test(rtext + message)) {
      return out("message_rejected", "tooLarge", { response: response ?? message });
    }
    if (enh === "5.7.26" || /DMARC|SPF|DKIM|unauthenticated email/i.test(rtext)) {
      return out("message_rejected", "dmarc", { response: String(response) });
    }
    if (/spam|policy|blocked|content/i.test(rtext)) {
      return out("message_rejected", "policy", { response: String(response) });
    }
    return out("message_rejected", "messageRejected", { response: response || message });
  }

  // --- the server ended the session -------------------------------------------------------------
  if (smtpCode === 421 || (smtpCode === 554 && command === "CONN")) {
    return out("refused", "sessionRefused", { response: String(response) });
  }
  if (has("EPROTOCOL")) {
    if (/Invalid greeting/i.test(message)) {
      return out("protocol", "notSmtp", { response: response ?? message });
    }
    return out("protocol", "unexpectedReply", { response: response ?? message });
  }
  if (has("ECONNECTION") || has("ESOCKET")) {
    if (/closed unexpectedly|closed/i.test(message)) {
      return out("refused", "closed", { hint: portHintForTimeout(ctx) });
    }
    return out("refused", "network", { message });
  }
  if (smtpCode && smtpCode >= 400) {
    return out("protocol", "serverAnswered", { smtpCode: String(smtpCode), response: String(response), command: opt(command) });
  }
  return out("unknown", "unknown", { message: opt(message) });
}
