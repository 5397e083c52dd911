// Records one nodemailer SMTP session as readable lines, through the bunyan-style `logger`
// nodemailer accepts (with `debug: true`). Credentials never reach a line: AUTH payloads and
// every client line answering a 334 challenge become "[redacted]", and any known secret (and
// its base64 form) is masked wherever it shows up. The message itself is summarised unless a
// full transcript is asked for. No Node built-ins, so the types and formatTranscript can be used
// in the browser too.
import type { ExternalLogger } from "nodemailer/lib/shared";

export type TranscriptDirection = "C" | "S" | "info";

export interface TranscriptLine {
  /** Milliseconds since the transcript started. */
  t: number;
  /** C = client (Herald) to server, S = server reply, info = what happened around it. */
  dir: TranscriptDirection;
  text: string;
  /** Set on info lines logged as warnings or errors. */
  level?: "warn" | "error";
}

export interface TranscriptOptions {
  /** Keep the message content (headers and body) instead of a summary. */
  full?: boolean;
  /** Values that must never appear (password, access token); masked with their base64 forms. */
  secrets?: Array<string | null | undefined>;
  /** Called for every recorded line (used to time connection-check steps). */
  onLine?: (line: TranscriptLine) => void;
}

export interface Transcript {
  readonly lines: TranscriptLine[];
  /** Pass as nodemailer's `logger`, together with `debug: true`. */
  readonly logger: ExternalLogger;
  /** Records a line of Herald's own (secrets are still masked). */
  add(dir: TranscriptDirection, text: string, level?: "warn" | "error"): void;
  /**
   * nodemailer logs commands sent from a custom SASL handler as a masked placeholder; the next
   * client line is shown as `text` instead (used by the envelope probe of checkConnection).
   */
  showNextClientLineAs(text: string): void;
  /** Milliseconds since start. */
  elapsed(): number;
}

export const REDACTED = "[redacted]";

const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
/** nodemailer's own log noise that says nothing about the session. */
const SKIPPED_TNX = new Set(["create"]);
const MIN_SECRET_LENGTH = 4;
const MAX_HEADER_SCAN = 64 * 1024;

function toBase64(text: string): string {
  let bin = "";
  for (const byte of new TextEncoder().encode(text)) bin += String.fromCharCode(byte);
  return btoa(bin);
}

function fromBase64(b64: string): string | null {
  try {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** printf-style formatting as nodemailer's log calls use it (%s, %d, %j…). */
function formatLog(fmt: unknown, args: unknown[]): string {
  const show = (v: unknown) => (typeof v === "string" ? v : v instanceof Error ? v.message : typeof v === "object" ? safeJson(v) : String(v));
  if (typeof fmt !== "string") return [fmt, ...args].map(show).join(" ");
  let i = 0;
  const out = fmt.replace(/%([sdifjoO%])/g, (m, k: string) => {
    if (k === "%") return "%";
    if (i >= args.length) return m;
    const v = args[i++];
    if (k === "d" || k === "i") return String(typeof v === "number" ? Math.trunc(v) : Number.parseInt(String(v), 10));
    if (k === "f") return String(Number(v));
    if (k === "j" || k === "o" || k === "O") return safeJson(v);
    return show(v);
  });
  return [out, ...args.slice(i).map(show)].join(" ");
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function secretVariants(secrets: TranscriptOptions["secrets"]): string[] {
  const out = new Set<string>();
  for (const s of secrets ?? []) {
    if (!s || s.length < MIN_SECRET_LENGTH) continue;
    out.add(s);
    const b64 = toBase64(s);
    out.add(b64);
    out.add(b64.replace(/=+$/, ""));
  }
  // longest first, so a secret that contains another is masked whole
  return [...out].sort((a, b) => b.length - a.length);
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (out.includes(s)) out = out.split(s).join(REDACTED);
  }
  return out;
}

/** Decodes a 334 challenge when it is readable text (e.g. XOAUTH2's JSON error, "Username:"). */
function decodeChallenge(payload: string): string | null {
  if (!payload || !/^[A-Za-z0-9+/]+=*$/.test(payload)) return null;
  const decoded = fromBase64(payload);
  if (!decoded || !/^[\x20-\x7e]+$/.test(decoded)) return null;
  return decoded;
}

interface MessageSummary {
  bytes: number;
  head: string;
  headerDone: boolean;
  terminator: boolean;
}

function summarise(m: MessageSummary): string {
  const headerBlock = m.headerDone ? m.head.slice(0, m.head.indexOf("\r\n\r\n")) : m.head;
  const names = headerBlock
    .split(/\r?\n/)
    .filter((l) => l && !/^[ \t]/.test(l))
    .map((l) => (l.split(":")[0] ?? l).trim())
    .filter(Boolean);
  const list = names.length ? ` (${names.join(", ")})` : "";
  return `[message content hidden: ${names.length} header${names.length === 1 ? "" : "s"}${list}, ${m.bytes} bytes]`;
}

export function createTranscript(opts: TranscriptOptions = {}): Transcript {
  const start = performance.now();
  const lines: TranscriptLine[] = [];
  const secrets = secretVariants(opts.secrets);
  const clientLineOverrides: string[] = [];
  let lastServerCode = "";
  let inAuth = false;
  let message: MessageSummary | null = null;

  const elapsed = () => Math.round(performance.now() - start);

  const push = (dir: TranscriptDirection, text: string, level?: "warn" | "error") => {
    const line: TranscriptLine = { t: elapsed(), dir, text: redactSecrets(text, secrets) };
    if (level) line.level = level;
    lines.push(line);
    opts.onLine?.(line);
  };

  const flushMessage = () => {
    if (!message) return;
    const m = message;
    message = null;
    if (!opts.full) {
      push("C", summarise(m));
      if (m.terminator) push("C", ".");
    }
  };

  const onClient = (raw: string) => {
    const override = clientLineOverrides.shift();
    const text = override ?? raw;
    const auth = /^AUTH\s+(\S+)(\s+\S.*)?$/i.exec(text);
    if (auth) {
      inAuth = true;
      const mechanism = (auth[1] ?? "").toUpperCase();
      push("C", auth[2] ? `AUTH ${mechanism} ${REDACTED}` : `AUTH ${mechanism}`);
    } else if (inAuth || lastServerCode === "334") {
      // an answer to a SASL challenge: user name, password, token or response hash
      push("C", text === "" ? "" : REDACTED);
    } else {
      push("C", text);
    }
  };

  const onServer = (raw: string) => {
    const replyLines = raw.split(/\r?\n/);
    for (const l of replyLines) push("S", l);
    const last = replyLines[replyLines.length - 1] ?? "";
    lastServerCode = last.slice(0, 3);
    if (lastServerCode === "334") {
      const decoded = decodeChallenge(last.slice(4).trim());
      if (decoded) push("info", `challenge decoded: ${decoded}`);
    } else {
      // any final reply ends the SASL exchange
      inAuth = false;
    }
  };

  const onMessage = (chunk: string) => {
    message ??= { bytes: 0, head: "", headerDone: false, terminator: false };
    if (chunk.replace(/^\r?\n/, "") === ".") {
      // the end-of-data marker arrives as its own chunk (a lone "." in the body is dot-stuffed)
      message.terminator = true;
      if (opts.full) push("C", ".");
      return;
    }
    // estimate (nodemailer trims one newline per chunk); replaced by the exact count below
    message.bytes += chunk.length + 2; // chunks are logged as binary strings: one char per byte
    if (!message.headerDone && message.head.length < MAX_HEADER_SCAN) {
      message.head += chunk + "\r\n";
      if (message.head.includes("\r\n\r\n")) message.headerDone = true;
    }
    // Chunks are stream pieces, not lines, so a line can be split in two here.
    if (opts.full) for (const p of chunk.split(/\r?\n/)) push("C", p);
  };

  const recentInfo: string[] = [];
  const onInfo = (text: string, level?: "warn" | "error") => {
    // nodemailer logs a failure at the connection and again at the transport ("Send Error: …")
    const bare = text.replace(/^Send Error: /, "");
    if (recentInfo.includes(bare)) return;
    recentInfo.push(bare);
    if (recentInfo.length > 5) recentInfo.shift();
    push("info", text.trimEnd(), level);
  };

  const log = (level: (typeof LEVELS)[number]) =>
    (...args: unknown[]) => {
      const entry = (args.length && typeof args[0] === "object" && args[0] !== null ? args.shift() : {}) as {
        tnx?: string;
        outByteCount?: number;
      };
      const [fmt, ...rest] = args;
      const text = formatLog(fmt, rest);
      const tnx = entry.tnx ?? "";
      if (SKIPPED_TNX.has(tnx)) return;
      if (tnx === "message" && level === "debug") return onMessage(text);
      if (tnx === "message" && message && typeof entry.outByteCount === "number") {
        // "<N bytes encoded mime message …>": exact size for the summary, which replaces the line
        message.bytes = entry.outByteCount;
        if (!opts.full) return flushMessage();
      }
      flushMessage();
      if (tnx === "client") return onClient(text);
      if (tnx === "server") return onServer(text);
      const lvl = level === "warn" ? "warn" : level === "error" || level === "fatal" ? "error" : undefined;
      onInfo(text, lvl);
    };

  const logger: ExternalLogger = {};
  for (const level of LEVELS) logger[level] = log(level);

  return {
    lines,
    logger,
    add: (dir, text, level) => {
      flushMessage();
      push(dir, text, level);
    },
    showNextClientLineAs: (text) => {
      clientLineOverrides.push(text);
    },
    elapsed,
  };
}

/** Plain-text rendering, e.g. for a download or a log: "  123 ms  C: EHLO herald". */
export function formatTranscript(lines: readonly TranscriptLine[]): string {
  return lines
    .map((l) => `${String(l.t).padStart(6)} ms  ${l.dir === "info" ? "*" : l.dir}: ${l.text}`)
    .join("\n");
}
