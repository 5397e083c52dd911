import "server-only";
// A template author's own sent previews in the built-in mailbox. The Mailbox page is admin-only
// (it holds everyone's mail); an author may open one captured message when it is a preview they
// sent themselves: the mail log has their "Send preview to me" session, addressed to them, whose
// server reply names this message, and the captured message was delivered to their address.
import { db } from "@/lib/db/client";
import { getMailboxMessage, type MailboxMessageView } from "./store";

/** The built-in mailbox's reply names the stored message: "… stored in the built-in mailbox as #14". */
export function mailboxIdFromReply(reply: string | null | undefined): number | null {
  const m = /stored in the built-in mailbox as #(\d+)\b/.exec(reply ?? "");
  return m ? Number(m[1]) : null;
}

const addressesOf = (list: string | null) =>
  (list ?? "")
    .split(",")
    .map((a) => (/<([^>]+)>/.exec(a)?.[1] ?? a).trim().toLowerCase())
    .filter(Boolean);

/** The captured message #id when it is a preview `email` sent to themselves; null otherwise. */
export async function sentPreviewFor(email: string, id: number): Promise<MailboxMessageView | null> {
  const me = email.trim().toLowerCase();
  const logs = await db().mailLog.findMany({
    where: { kind: "preview", result: "ok", reply: { contains: `as #${id}` } },
    select: { recipients: true, reply: true },
    orderBy: { id: "desc" },
    take: 20,
  });
  if (!logs.some((l) => mailboxIdFromReply(l.reply) === id && addressesOf(l.recipients).includes(me))) return null;
  const mail = await getMailboxMessage(id);
  if (!mail || !addressesOf(mail.envelopeTo).includes(me)) return null;
  return mail;
}
