import "server-only";
// Reading the outbox for the console, the API and the dashboard. The admin actions that change
// messages (retry, cancel) are in ./commands.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { dbTime, read, toDate } from "@/lib/db/sql";
import { insensitive } from "@/lib/db/insensitive";
import { OUTBOX_STATUSES, statusCountsIn, type OutboxStatus } from "./store";

export interface AttemptView {
  attempt: number;
  at: string;
  result: string;
  reply: string | null;
  error: string | null;
  durationMs: number | null;
  worker: string | null;
}

export interface MessageView {
  id: string;
  status: OutboxStatus;
  family: string | null;
  language: string | null;
  recipientId: string | null;
  to: string;
  cc: string | null;
  bcc: string | null;
  from: string;
  replyTo: string | null;
  subject: string;
  attempts: number;
  createdAt: string;
  queuedAt: string;
  nextAttemptAt: string | null;
  sentAt: string | null;
  lastError: string | null;
  smtpReply: string | null;
  messageId: string;
  batchId: string | null;
  source: string;
}

export interface MessageDetail extends MessageView {
  text: string;
  html: string | null;
  history: AttemptView[];
}

type Row = Awaited<ReturnType<ReturnType<typeof db>["outboxMessage"]["findFirstOrThrow"]>>;

function toView(r: Row): MessageView {
  const status = r.status as OutboxStatus;
  return {
    id: r.id,
    status,
    family: r.family,
    language: r.language,
    recipientId: r.recipientId,
    to: r.toAddr,
    cc: r.ccAddr,
    bcc: r.bccAddr,
    from: r.fromAddr,
    replyTo: r.replyTo,
    subject: r.subject,
    attempts: r.attempts,
    createdAt: r.createdAt.toISOString(),
    queuedAt: r.queuedAt.toISOString(),
    nextAttemptAt: status === "queued" || status === "failed" ? r.nextAttemptAt.toISOString() : null,
    sentAt: r.sentAt?.toISOString() ?? null,
    lastError: r.lastError,
    smtpReply: r.smtpReply,
    messageId: r.messageId,
    batchId: r.batchId,
    source: r.source,
  };
}

export async function getMessage(id: string): Promise<MessageDetail | null> {
  const r = await db().outboxMessage.findUnique({ where: { id } });
  if (!r) return null;
  const [content, attempts] = await Promise.all([
    db().outboxContent.findUnique({ where: { id } }),
    db().outboxAttempt.findMany({ where: { messageId: id }, orderBy: { id: "asc" } }),
  ]);
  return {
    ...toView(r),
    text: content?.text ?? "",
    html: content?.html ?? null,
    history: attempts.map((a) => ({
      attempt: a.attempt,
      at: a.at.toISOString(),
      result: a.result,
      reply: a.reply,
      error: a.error,
      durationMs: a.durationMs,
      worker: a.worker,
    })),
  };
}

export interface OutboxFilter {
  status?: OutboxStatus;
  /** Part of a recipient address. */
  recipient?: string;
  /** page, forum, workflow, collection, or "direct" for direct mail. */
  family?: string;
  /** ISO times (created). */
  from?: string;
  to?: string;
}

/** A time the databases can compare with: years 1970 to 9999 (JavaScript accepts ±275760). */
export function usableTime(s: string): boolean {
  const t = Date.parse(s);
  return !Number.isNaN(t) && t >= 0 && t < Date.UTC(10000, 0, 1);
}

function where(f: OutboxFilter) {
  const w: Record<string, unknown> = {};
  if (f.status && (OUTBOX_STATUSES as readonly string[]).includes(f.status)) w.status = f.status;
  if (f.recipient?.trim()) w.toAddr = { contains: f.recipient.trim().toLowerCase(), ...insensitive() };
  if (f.family === "direct") w.family = null;
  else if (f.family) w.family = f.family;
  const created: Record<string, Date> = {};
  if (f.from && usableTime(f.from)) created.gte = new Date(f.from);
  if (f.to && usableTime(f.to)) created.lte = new Date(f.to);
  if (Object.keys(created).length) w.createdAt = created;
  return w;
}

export async function listMessages(f: OutboxFilter, page = 1, pageSize = 50): Promise<{ rows: MessageView[]; total: number }> {
  const w = where(f);
  const [rows, total] = await Promise.all([
    db().outboxMessage.findMany({
      where: w,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: pageSize,
      skip: (Math.max(page, 1) - 1) * pageSize,
    }),
    db().outboxMessage.count({ where: w }),
  ]);
  return { rows: rows.map((r) => toView(r)), total };
}

export async function statusCounts(): Promise<Record<OutboxStatus, number>> {
  return read((d) => statusCountsIn(d));
}

/** Ids of every message matching a filter (for "retry all dead", bounded). */
export async function idsMatching(f: OutboxFilter, limit = 10_000): Promise<string[]> {
  const rows = await db().outboxMessage.findMany({ where: where(f), select: { id: true }, take: limit, orderBy: { id: "asc" } });
  return rows.map((r) => r.id);
}

export interface BatchProgress {
  batchId: string;
  total: number;
  done: number;
  sent: number;
  dead: number;
  cancelled: number;
  waiting: number;
  startedAt: string;
}

/** Batches (multi-message requests, bulk retries) of the last day that still have messages to send. */
export async function activeBatches(limit = 5): Promise<BatchProgress[]> {
  const since = dbTime(Date.now() - 86_400_000);
  return read(async (d) => {
    const rows = await d.all<{ batchId: string; total: number; sent: number; dead: number; cancelled: number; waiting: number; startedAt: string | Date }>(
      `SELECT "batchId", COUNT(*) AS "total",
              SUM(CASE WHEN "status" = 'sent' THEN 1 ELSE 0 END) AS "sent",
              SUM(CASE WHEN "status" = 'dead' THEN 1 ELSE 0 END) AS "dead",
              SUM(CASE WHEN "status" = 'cancelled' THEN 1 ELSE 0 END) AS "cancelled",
              SUM(CASE WHEN "status" IN ('queued', 'sending', 'failed') THEN 1 ELSE 0 END) AS "waiting",
              MIN("createdAt") AS "startedAt"
         FROM "OutboxMessage"
        WHERE "batchId" IS NOT NULL AND "batchId" IN (
              SELECT DISTINCT "batchId" FROM "OutboxMessage" WHERE "batchId" IS NOT NULL AND "status" IN ('queued', 'sending', 'failed') AND "createdAt" >= ?)
        GROUP BY "batchId"
        ORDER BY "startedAt" DESC
        LIMIT ?`,
      [since, limit],
    );
    return rows.map((r) => {
      const [total, sent, dead, cancelled, waiting] = [Number(r.total), Number(r.sent), Number(r.dead), Number(r.cancelled), Number(r.waiting)] as const;
      return { batchId: r.batchId, total, sent, dead, cancelled, waiting, done: sent + dead + cancelled, startedAt: toDate(r.startedAt)!.toISOString() };
    });
  });
}

export interface HourBucket {
  /** Start of the hour, ISO. */
  hour: string;
  sent: number;
  failed: number;
  queued: number;
}

/** Sent, failed (attempts that failed) and queued (accepted) per hour over the last `hours` hours. */
export async function hourlyStats(hours = 24, now = new Date()): Promise<HourBucket[]> {
  const b = await bucketStats(3_600_000, hours, now);
  return b.map(({ start, ...n }) => ({ hour: start, ...n }));
}

/** The dashboard chart's ranges, each with buckets that fit it (12 or 24 or 7 bars). */
export const ACTIVITY_RANGES = {
  "1h": { label: "Last hour", bucketMs: 5 * 60_000, count: 12 },
  "24h": { label: "Last 24 hours", bucketMs: 3_600_000, count: 24 },
  "7d": { label: "Last 7 days", bucketMs: 86_400_000, count: 7 },
} as const;
export type ActivityRange = keyof typeof ACTIVITY_RANGES;
export const isActivityRange = (v: unknown): v is ActivityRange => typeof v === "string" && Object.hasOwn(ACTIVITY_RANGES, v);

export interface ActivityBucket {
  /** Start of the bucket, ISO (UTC). */
  start: string;
  sent: number;
  failed: number;
  queued: number;
}

export async function activityStats(range: ActivityRange, now = new Date()): Promise<ActivityBucket[]> {
  const r = ACTIVITY_RANGES[range];
  return bucketStats(r.bucketMs, r.count, now);
}

/** `count` buckets of `bucketMs` (aligned to UTC), the last one holding `now`. */
async function bucketStats(bucketMs: number, count: number, now: Date): Promise<ActivityBucket[]> {
  const end = Math.floor(now.getTime() / bucketMs) * bucketMs;
  const start = end - (count - 1) * bucketMs;
  const since = dbTime(start);
  const width = bucketMs / 1000;
  const rows = await read(async (d) => {
    // The bucket's start in epoch seconds: SQLite stores ISO text with an offset, PostgreSQL a timestamptz.
    const bucket = (col: string) =>
      d.engine === "postgresql"
        ? `(FLOOR(EXTRACT(EPOCH FROM "${col}") / ${width}) * ${width})::bigint`
        : `(CAST(strftime('%s', "${col}") AS INTEGER) / ${width}) * ${width}`;
    type Row = { h: number | string | bigint; n: number };
    const sent = await d.all<Row>(`SELECT ${bucket("sentAt")} AS "h", COUNT(*) AS "n" FROM "OutboxMessage" WHERE "sentAt" >= ? GROUP BY 1`, [since]);
    const queued = await d.all<Row>(`SELECT ${bucket("createdAt")} AS "h", COUNT(*) AS "n" FROM "OutboxMessage" WHERE "createdAt" >= ? GROUP BY 1`, [since]);
    const failed = await d.all<Row>(
      `SELECT ${bucket("at")} AS "h", COUNT(*) AS "n" FROM "OutboxAttempt" WHERE "at" >= ? AND ("result" LIKE 'retry%' OR "result" LIKE 'dead%') GROUP BY 1`,
      [since],
    );
    return { sent, queued, failed };
  });
  const map = (list: { h: number | string | bigint; n: number }[]) => new Map(list.map((r) => [Number(r.h) * 1000, Number(r.n)]));
  const s = map(rows.sent);
  const q = map(rows.queued);
  const f = map(rows.failed);
  const out: ActivityBucket[] = [];
  for (let i = 0; i < count; i++) {
    const t = start + i * bucketMs;
    out.push({ start: new Date(t).toISOString(), sent: s.get(t) ?? 0, failed: f.get(t) ?? 0, queued: q.get(t) ?? 0 });
  }
  return out;
}

export interface WorkerView {
  id: string;
  pid: number;
  host: string;
  startedAt: string;
  seenAt: string;
  alive: boolean;
  state: Record<string, unknown>;
}

/** Workers seen in the last minute (alive: heartbeat within 20 s). */
export async function listWorkers(): Promise<WorkerView[]> {
  const since = dbTime(Date.now() - 60_000);
  const rows = await read((d) =>
    d.all<{ id: string; pid: number; host: string; startedAt: string | Date; seenAt: string | Date; state: string }>(
      `SELECT "id", "pid", "host", "startedAt", "seenAt", "state" FROM "OutboxWorker" WHERE "seenAt" >= ? ORDER BY "seenAt" DESC`,
      [since],
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    pid: r.pid,
    host: r.host,
    startedAt: toDate(r.startedAt)!.toISOString(),
    seenAt: toDate(r.seenAt)!.toISOString(),
    alive: Date.now() - toDate(r.seenAt)!.getTime() < 20_000,
    state: JSON.parse(r.state) as Record<string, unknown>,
  }));
}

export function assertStatus(s: string | undefined): OutboxStatus | undefined {
  if (s === undefined || s === "") return undefined;
  if (!(OUTBOX_STATUSES as readonly string[]).includes(s)) throw new AppError("validation", `Unknown status "${s}".`);
  return s as OutboxStatus;
}
