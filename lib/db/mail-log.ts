import "server-only";
// The service log of AEM's com.day.cq.mailer.DefaultMailService, as rows: one per SMTP session.
// Transcripts are redacted by lib/mail/transcript before they get here; they are kept whole
// while the Mail Service's debug.email is on, and always for the sessions an admin starts to test
// the server ("Send test email", the OAuth page's checks) — the transcript is what they will want
// to show the mail server's administrator. Otherwise only the summary is stored.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { TranscriptLine } from "@/lib/mail/transcript";
import { outboxIdOfMessageId } from "@/lib/outbox/ids";

export interface MailSessionRecord {
  kind: "test" | "preview" | "outbox" | "check";
  server: string;
  ok: boolean;
  messageId?: string | null;
  recipients?: string[];
  subject?: string | null;
  reply?: string | null;
  error?: string | null;
  durationMs?: number;
  transcript?: TranscriptLine[];
  /** Whether "Debug email" is on; test and check sessions keep their transcript regardless. */
  keepTranscript: boolean;
}

/** Sessions whose transcript is kept even with "Debug email" off. */
const ALWAYS_KEEP_TRANSCRIPT: ReadonlySet<MailSessionRecord["kind"]> = new Set(["test", "check"]);

export async function recordMailSession(r: MailSessionRecord) {
  await db().mailLog.create({
    data: {
      kind: r.kind,
      server: r.server,
      result: r.ok ? "ok" : "failed",
      messageId: r.messageId ?? null,
      recipients: r.recipients?.join(", ") ?? null,
      subject: r.subject ?? null,
      reply: r.reply ?? null,
      error: r.error ?? null,
      durationMs: r.durationMs ?? null,
      transcript: (r.keepTranscript || ALWAYS_KEEP_TRANSCRIPT.has(r.kind)) && r.transcript ? JSON.stringify(r.transcript) : null,
    },
  });
  await purgeMailLog();
}

let lastPurge = 0;
/** Drops entries older than HERALD_MAIL_LOG_DAYS (at most once a minute). */
export async function purgeMailLog(now = Date.now()) {
  if (now - lastPurge < 60_000) return;
  lastPurge = now;
  const cutoff = new Date(now - env().HERALD_MAIL_LOG_DAYS * 86_400_000);
  await db().mailLog.deleteMany({ where: { at: { lt: cutoff } } });
}

export interface MailLogFilter {
  result?: "ok" | "failed";
  /** Only the SMTP sessions of this outbox message (by its Message-ID). */
  outboxId?: string;
  take?: number;
  skip?: number;
}

export async function listMailLog(opts: MailLogFilter = {}) {
  let messageId: string | undefined;
  if (opts.outboxId) {
    const m = await db().outboxMessage.findUnique({ where: { id: opts.outboxId }, select: { messageId: true } });
    if (!m) return { total: 0, rows: [] as MailLogRowOf[], outboxFound: false };
    messageId = m.messageId;
  }
  const where = { ...(opts.result ? { result: opts.result } : {}), ...(messageId ? { messageId } : {}) };
  const [rows, total] = await Promise.all([
    db().mailLog.findMany({ where, orderBy: { id: "desc" }, take: opts.take ?? 50, skip: opts.skip ?? 0 }),
    db().mailLog.count({ where }),
  ]);
  // The outbox message each delivery session belongs to, when it is still in the outbox
  // (retention may have removed it): its id is in the Message-ID Herald gave it.
  const candidates = new Map<number, string>();
  for (const r of rows) {
    const id = r.kind === "outbox" && r.messageId ? outboxIdOfMessageId(r.messageId) : null;
    if (id) candidates.set(r.id, id);
  }
  const existing = candidates.size
    ? await db().outboxMessage.findMany({ where: { id: { in: [...new Set(candidates.values())] } }, select: { id: true, messageId: true } })
    : [];
  const byId = new Map(existing.map((m) => [m.id, m.messageId]));
  return {
    total,
    outboxFound: true,
    rows: rows.map((r) => {
      const outboxId = candidates.get(r.id);
      return {
        id: r.id,
        at: r.at.toISOString(),
        kind: r.kind,
        server: r.server,
        result: r.result,
        messageId: r.messageId,
        outboxId: outboxId && byId.get(outboxId) === r.messageId ? outboxId : null,
        recipients: r.recipients,
        subject: r.subject,
        reply: r.reply,
        error: r.error,
        durationMs: r.durationMs,
        transcript: r.transcript ? (JSON.parse(r.transcript) as TranscriptLine[]) : null,
      };
    }),
  };
}

/** How many SMTP sessions the mail log holds for a Message-ID (the outbox message page links to them). */
export async function countMailLogFor(messageId: string): Promise<number> {
  return db().mailLog.count({ where: { messageId } });
}

type MailLogRowOf = {
  id: number;
  at: string;
  kind: string;
  server: string;
  result: string;
  messageId: string | null;
  outboxId: string | null;
  recipients: string | null;
  subject: string | null;
  reply: string | null;
  error: string | null;
  durationMs: number | null;
  transcript: TranscriptLine[] | null;
};
