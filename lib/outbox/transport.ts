import "server-only";
// The worker's connection to the SMTP server: one pooled nodemailer transport built from the
// current Mail Service configuration (lib/mail/settings transportOptions), or to the built-in
// mailbox. With "Debug email" on, every message gets its own connection and a full transcript
// for the mail log instead (slower; meant for debugging, as in AEM).
import os from "node:os";
import nodemailer from "nodemailer";
import type { SendMailOptions, Transporter } from "nodemailer";
import { transportOptions } from "@/lib/mail/settings";
import { createTranscript, type TranscriptLine } from "@/lib/mail/transcript";
import { classifyError, type SendFailure } from "./policy";
import { checkMailbox, checkSubject, splitStoredList, HeaderValueError } from "./headers";
import type { ClaimedMessage } from "./store";
import type { Target } from "./target";
import { getAccessTokenProvider, isReauthorizationRequired, normalizeToken } from "./token";

export type SendOutcome =
  | { ok: true; reply: string; rejected: string[]; durationMs: number; transcript: TranscriptLine[] | null }
  | { ok: false; failure: SendFailure; durationMs: number; transcript: TranscriptLine[] | null; tokenError: unknown };

export interface Sender {
  readonly key: string;
  readonly label: string;
  readonly oauth: boolean;
  readonly user: string;
  send(m: ClaimedMessage): Promise<SendOutcome>;
  close(): void;
}

export interface SenderOptions {
  connections: number;
  /** For tests: extra trusted CA certificates. */
  ca?: string[];
}

type Smtp = Extract<Target, { kind: "smtp" }>;

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

async function sendWith(transporter: Transporter, m: ClaimedMessage, transcript: ReturnType<typeof createTranscript> | null, tokenErrorRef: { error: unknown }): Promise<SendOutcome> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  let options: SendMailOptions;
  try {
    options = toMailOptions(m);
  } catch (e) {
    const message = e instanceof HeaderValueError ? `The ${e.field} header ${e.message}.` : String(e);
    return { ok: false, failure: { kind: "permanent", code: "EMESSAGE", message }, durationMs: 0, transcript: null, tokenError: null };
  }
  tokenErrorRef.error = null;
  try {
    const info = await transporter.sendMail(options);
    const { reply, rejected } = describeReply(info as never);
    return { ok: true, reply, rejected, durationMs: ms(), transcript: transcript?.lines ?? null };
  } catch (e) {
    return { ok: false, failure: classifyError(e), durationMs: ms(), transcript: transcript?.lines ?? null, tokenError: tokenErrorRef.error };
  }
}

/** XOAUTH2 through the registered provider: nodemailer asks it whenever a connection logs in. */
function installTokenProvider(transporter: Transporter, tokenErrorRef: { error: unknown }) {
  transporter.set(
    "oauth2_provision_cb",
    (user: string, renew: boolean, cb: (err: Error | null, accessToken?: string, expires?: number) => void) => {
      const provider = getAccessTokenProvider();
      if (!provider) {
        const err = new Error("No OAuth2 token provider is registered.");
        tokenErrorRef.error = err;
        return cb(err);
      }
      provider({ user, forceRefresh: renew, reason: "connection" }).then(
        (t) => {
          const { accessToken, expiresAt } = normalizeToken(t);
          cb(null, accessToken, expiresAt ?? undefined);
        },
        (e: unknown) => {
          tokenErrorRef.error = e;
          const err = e instanceof Error ? e : new Error(String(e));
          if (isReauthorizationRequired(e)) (err as Error & { code?: string }).code ??= "reauthorization_required";
          cb(err);
        },
      );
    },
  );
}

function smtpOptions(target: Smtp, opts: SenderOptions, pooled: boolean) {
  const s = target.settings;
  const base = transportOptions(s, {
    // transportOptions only adds XOAUTH2 when handed a token; the provider supplies real ones.
    accessToken: s["oauth.flow"] ? "provided-per-connection" : undefined,
    tls: opts.ca ? { ca: opts.ca } : undefined,
    name: os.hostname(),
  });
  if (s["oauth.flow"]) base.auth = { type: "OAuth2", user: s["smtp.user"].trim() };
  if (!pooled) return base;
  return { ...base, pool: true as const, maxConnections: opts.connections, maxMessages: 1000 };
}

export function createSender(target: Exclude<Target, { kind: "unavailable" }>, opts: SenderOptions): Sender {
  const tokenErrorRef = { error: null as unknown };
  if (target.kind === "mailbox") {
    const transporter = nodemailer.createTransport({
      host: "127.0.0.1",
      port: target.port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: opts.connections,
      maxMessages: 1000,
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 30_000,
    });
    return {
      key: target.key,
      label: target.label,
      oauth: false,
      user: "",
      send: (m) => sendWith(transporter, m, null, tokenErrorRef),
      close: () => transporter.close(),
    };
  }

  const s = target.settings;
  const oauth = !!s["oauth.flow"];
  if (s["debug.email"]) {
    // One connection per message, with its transcript kept in the mail log.
    return {
      key: target.key,
      label: target.label,
      oauth,
      user: s["smtp.user"],
      async send(m) {
        const transcript = createTranscript({ full: true, secrets: [s["smtp.password"]] });
        const transporter = nodemailer.createTransport({ ...smtpOptions(target, opts, false), logger: transcript.logger, debug: true });
        if (oauth) installTokenProvider(transporter, tokenErrorRef);
        try {
          return await sendWith(transporter, m, transcript, tokenErrorRef);
        } finally {
          transporter.close();
        }
      },
      close: () => undefined,
    };
  }

  const transporter = nodemailer.createTransport(smtpOptions(target, opts, true));
  if (oauth) installTokenProvider(transporter, tokenErrorRef);
  return {
    key: target.key,
    label: target.label,
    oauth,
    user: s["smtp.user"],
    send: (m) => sendWith(transporter, m, null, tokenErrorRef),
    close: () => transporter.close(),
  };
}
