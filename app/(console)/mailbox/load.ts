import "server-only";
import { listMailbox, getMailboxMessage } from "@/lib/mailbox/store";
import { mailboxAddress } from "@/lib/mailbox/registry";
import { devMailboxMode } from "@/lib/outbox/target";
import { sendingSettings } from "@/lib/outbox/settings";
import type { MailboxScreenProps } from "@/components/mailbox/mailbox-screen";
import { clearMailboxAction, setSandboxAction } from "./actions";

/** What both Mailbox pages show: the list (searched by `q`) and the mail `current`, else the newest. */
export async function loadMailboxScreen({ current, q }: { current?: number; q?: string }): Promise<MailboxScreenProps> {
  const [{ rows, total }, settings] = await Promise.all([listMailbox({ q, take: 100 }), sendingSettings()]);
  const selected = current ?? rows[0]?.id;
  const mail = selected ? await getMailboxMessage(selected) : null;
  return {
    rows,
    total,
    selected,
    mail,
    port: mailboxAddress()?.port ?? null,
    mode: devMailboxMode(),
    sandbox: settings.sandbox,
    q,
    clear: clearMailboxAction,
    setSandbox: setSandboxAction,
  };
}
