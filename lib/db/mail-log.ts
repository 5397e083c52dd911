import "server-only";
// The service log of AEM's com.day.cq.mailer.DefaultMailService, as rows: one per SMTP session.
// Transcripts are redacted by lib/mail/transcript before they get here; they are kept whole only
// while the Mail Service's debug.email is on, otherwise only the summary is stored.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { TranscriptLine } from "@/lib/mail/transcript";

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
  keepTranscript: boolean;
}

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
      transcript: r.keepTranscript && r.transcript ? JSON.stringify(r.transcript) : null,
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

export async function listMailLog(opts: { result?: "ok" | "failed"; take?: number; skip?: number } = {}) {
  const where = opts.result ? { result: opts.result } : {};
  const [rows, total] = await Promise.all([
    db().mailLog.findMany({ where, orderBy: { id: "desc" }, take: opts.take ?? 50, skip: opts.skip ?? 0 }),
    db().mailLog.count({ where }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      kind: r.kind,
      server: r.server,
      result: r.result,
      messageId: r.messageId,
      recipients: r.recipients,
      subject: r.subject,
      reply: r.reply,
      error: r.error,
      durationMs: r.durationMs,
      transcript: r.transcript ? (JSON.parse(r.transcript) as TranscriptLine[]) : null,
    })),
  };
}

export type MailLogRow = Awaited<ReturnType<typeof listMailLog>>["rows"][number];
