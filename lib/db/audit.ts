import "server-only";
import { db } from "@/lib/db/client";
import type { SqlTx } from "@/lib/db/sql";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditAction =
  | "auth.signin"
  | "auth.signin_failed"
  | "auth.signout"
  // single sign-on and two-factor codes
  | "auth.signin_refused"
  | "auth.password_ok"
  | "auth.totp_enrol"
  | "auth.totp_failed"
  | "auth.totp_reset"
  | "auth.totp_required"
  | "user.create"
  | "user.role"
  | "user.delete"
  | "user.password"
  | "user.password_failed"
  | "user.password_reset"
  | "user.sessions_ended"
  | "auth.session_ended"
  | "config.save"
  | "config.restore"
  | "config.import"
  | "template.save"
  | "template.reset"
  | "template.save_html"
  | "template.reset_html"
  | "template.add_language"
  | "template.remove_language"
  // oauth2
  | "oauth.authorize"
  | "oauth.authorize_failed"
  | "oauth.disconnect"
  | "oauth.reauth_needed"
  | "oauth.import"
  // sending
  | "recipient.create"
  | "recipient.update"
  | "recipient.delete"
  | "recipient.import"
  | "apikey.create"
  | "apikey.revoke"
  | "outbox.retry"
  | "outbox.cancel"
  | "sending.sandbox"
  | "sending.retry_policy"
  | "mailbox.clear";

/** One audit row; detail must never contain secrets. */
export interface AuditEntry {
  action: AuditAction;
  actor: string | null;
  target?: string | null;
  detail?: unknown;
}

function row(e: AuditEntry) {
  return { action: e.action, actor: e.actor, target: e.target ?? null, detail: e.detail === undefined ? null : JSON.stringify(e.detail) };
}

/**
 * Writes the audit row of a change inside the change's own Prisma transaction, so the two commit
 * or roll back together (a crash between two separate writes would lose the record).
 */
export async function auditIn(tx: Pick<Prisma.TransactionClient, "auditEvent">, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: row(entry) });
}

/** The same for a transaction of Herald's own SQL (lib/db/sql.ts). */
export async function auditInSql(tx: SqlTx, entry: AuditEntry): Promise<void> {
  const r = row(entry);
  await tx.run(`INSERT INTO "AuditEvent" ("at", "actor", "action", "target", "detail") VALUES (?, ?, ?, ?, ?)`, [new Date(), r.actor, r.action, r.target, r.detail]);
}

/**
 * Records an event that is not part of a database change (a sign-in, a failed attempt). A change
 * writes its row with auditIn / auditInSql in its own transaction instead.
 */
export async function recordAudit(action: AuditAction, actor: string | null, target?: string | null, detail?: unknown) {
  await auditIn(db(), { action, actor, target, detail });
}

export async function listAudit(opts: { take?: number; skip?: number; action?: string } = {}) {
  const where = opts.action ? { action: { startsWith: opts.action } } : {};
  const [rows, total] = await Promise.all([
    db().auditEvent.findMany({ where, orderBy: { id: "desc" }, take: opts.take ?? 50, skip: opts.skip ?? 0 }),
    db().auditEvent.count({ where }),
  ]);
  return { rows, total };
}
