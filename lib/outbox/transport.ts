import "server-only";
// The worker's sender: stored outbox rows → messages for lib/smtp's pool (which speaks SMTP to the
// configured server or the built-in mailbox), and its results → outcomes the retry policy reads.
import type { SendMailOptions } from "nodemailer";
import { createSmtpPool, type SmtpPool } from "@/lib/smtp/pool";
import type { AccessTokenProvider } from "@/lib/smtp/xoauth2";
import type { TranscriptLine } from "@/lib/mail/transcript";
import { classifyError, type SendFailure } from "./policy";
import { checkMailbox, checkSubject, splitStoredList, HeaderValueError } from "./headers";
import type { ClaimedMessage } from "./store";
import type { Target } from "./target";

export type SendOutcome =
  | { ok: true; reply: string; rejected: string[]; durationMs: number; transcript: TranscriptLine[] | null }
  | { ok: false; failure: SendFailure; durationMs: number; transcript: TranscriptLine[] | null; tokenError: unknown };

export interface Sender {
  readonly key: string;
  readonly label: string;
  readonly oauth: boolean;
  readonly user: string;
  send(m: ClaimedMessage): Promise<SendOutcome>;
  /** One connection, no message: resolves when the server can be used again. */
  probe(): Promise<void>;
  close(): void;
}

export interface SenderOptions {
  connections: number;
  /** XOAUTH2 token provider (the Mail Service's OAuth flow). */
  tokens?: AccessTokenProvider;
  /** For tests: extra trusted CA certificates. */
  ca?: string[];
}

/** Builds nodemailer's message from a stored row, re-checking every header-bound value. */
export function toMailOptions(m: ClaimedMessage): SendMailOptions {
  const list = (field: string, v: string | null) => splitStoredList(v).map((a) => checkMailbox(field, a));
  const to = list("to", m.toAddr);
  if (!to.length) throw new HeaderValueError("to", "has no recipient");
  return {
    from: checkMailbox("from", m.fromAddr),
    to,
    cc: m.ccAddr ? list("cc", m.ccAddr) : undefined,
    bcc: m.bccAddr ? list("bcc", m.bccAddr) : undefined,
    replyTo: m.replyTo ? checkMailbox("replyTo", m.replyTo) : undefined,
    subject: checkSubject("subject", m.subject),
    text: m.text,
    html: m.html ?? undefined,
    messageId: m.messageId,
    headers: { "X-Herald-Message": m.id },
  };
}

function describeReply(info: { response?: string; rejected?: unknown[]; rejectedErrors?: { response?: string; recipient?: string }[] }): { reply: string; rejected: string[] } {
  const rejected = (info.rejected ?? []).map((r) => (typeof r === "string" ? r : (r as { address?: string }).address ?? String(r)));
  let reply = info.response ?? "";
  if (rejected.length) {
    const why = (info.rejectedErrors ?? []).map((e) => `${e.recipient ?? "?"}: ${e.response ?? "refused"}`).join("; ");
    reply += ` (refused: ${why || rejected.join(", ")})`;
  }
  return { reply, rejected };
}

async function sendWith(pool: SmtpPool, m: ClaimedMessage): Promise<SendOutcome> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  let options: SendMailOptions;
  try {
    options = toMailOptions(m);
  } catch (e) {
    const message = e instanceof HeaderValueError ? `The ${e.field} header ${e.message}.` : String(e);
    return { ok: false, failure: { kind: "permanent", code: "EMESSAGE", message }, durationMs: 0, transcript: null, tokenError: null };
  }
  const r = await pool.send(options);
  if (r.ok) {
    const { reply, rejected } = describeReply(r.info);
    return { ok: true, reply, rejected, durationMs: ms(), transcript: r.transcript };
  }
  return { ok: false, failure: classifyError(r.error), durationMs: ms(), transcript: r.transcript, tokenError: r.tokenError };
}

export function createSender(target: Exclude<Target, { kind: "unavailable" }>, opts: SenderOptions): Sender {
  const pool = createSmtpPool(target.kind === "mailbox" ? { kind: "mailbox", port: target.port } : { kind: "smtp", settings: target.settings }, opts);
  return {
    key: target.key,
    label: target.label,
    oauth: pool.oauth,
    user: pool.user,
    send: (m) => sendWith(pool, m),
    probe: () => pool.probe(),
    close: () => pool.close(),
  };
}
