import "server-only";
// Reading the built-in mailbox for its console page.
import { db } from "@/lib/db/client";
import { writeTx } from "@/lib/db/sql";
import { auditInSql } from "@/lib/db/audit";
import { insensitive } from "@/lib/db/insensitive";

export interface MailboxSummary {
  id: number;
  receivedAt: string;
  from: string | null;
  to: string | null;
  envelopeTo: string;
  subject: string | null;
  size: number;
}

export interface MailboxMessageView extends MailboxSummary {
  envelopeFrom: string;
  messageId: string | null;
  text: string | null;
  html: string | null;
  headers: [string, string][];
}

export async function listMailbox(opts: { q?: string; take?: number; skip?: number } = {}) {
  const q = opts.q?.trim();
  const ci = insensitive();
  const where = q
    ? { OR: [{ subject: { contains: q, ...ci } }, { toAddr: { contains: q, ...ci } }, { envelopeTo: { contains: q, ...ci } }, { fromAddr: { contains: q, ...ci } }] }
    : {};
  const [rows, total] = await Promise.all([
    db().mailboxMessage.findMany({
      where,
      orderBy: { id: "desc" },
      take: opts.take ?? 50,
      skip: opts.skip ?? 0,
      select: { id: true, receivedAt: true, fromAddr: true, toAddr: true, envelopeTo: true, subject: true, size: true },
    }),
    db().mailboxMessage.count({ where }),
  ]);
  return {
    total,
    rows: rows.map(
      (r): MailboxSummary => ({ id: r.id, receivedAt: r.receivedAt.toISOString(), from: r.fromAddr, to: r.toAddr, envelopeTo: r.envelopeTo, subject: r.subject, size: r.size }),
    ),
  };
}

export async function getMailboxMessage(id: number): Promise<MailboxMessageView | null> {
  const r = await db().mailboxMessage.findUnique({ where: { id }, omit: { raw: true } });
  if (!r) return null;
  return {
    id: r.id,
    receivedAt: r.receivedAt.toISOString(),
    from: r.fromAddr,
    to: r.toAddr,
    envelopeTo: r.envelopeTo,
    envelopeFrom: r.envelopeFrom,
    subject: r.subject,
    size: r.size,
    messageId: r.messageId,
    text: r.text,
    html: r.html,
    headers: JSON.parse(r.headers) as [string, string][],
  };
}

export async function mailboxRaw(id: number): Promise<Buffer | null> {
  const r = await db().mailboxMessage.findUnique({ where: { id }, select: { raw: true } });
  return r ? Buffer.from(r.raw) : null;
}

/** Empties the built-in mailbox; the audit row (how many were removed) goes in the same transaction. */
export async function clearMailbox(actor: string): Promise<number> {
  return writeTx(async (d) => {
    const count = await d.run(`DELETE FROM "MailboxMessage"`);
    await auditInSql(d, { action: "mailbox.clear", actor, target: null, detail: { count } });
    return count;
  });
}
