import "server-only";
import { db } from "@/lib/db/client";

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

/** Records one audit event. detail must never contain secrets. */
export async function recordAudit(action: AuditAction, actor: string | null, target?: string | null, detail?: unknown) {
  await db().auditEvent.create({
    data: {
      action,
      actor,
      target: target ?? null,
      detail: detail === undefined ? null : JSON.stringify(detail),
    },
  });
}

export async function listAudit(opts: { take?: number; skip?: number; action?: string } = {}) {
  const where = opts.action ? { action: { startsWith: opts.action } } : {};
  const [rows, total] = await Promise.all([
    db().auditEvent.findMany({ where, orderBy: { id: "desc" }, take: opts.take ?? 50, skip: opts.skip ?? 0 }),
    db().auditEvent.count({ where }),
  ]);
  return { rows, total };
}
