import { listMailbox, getMailboxMessage } from "@/lib/mailbox/store";
import { mailboxAddress } from "@/lib/mailbox/registry";
import { devMailboxMode } from "@/lib/outbox/target";
import { sendingSettings } from "@/lib/outbox/settings";
import { Alert, PageHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { SandboxSwitch, ClearMailboxButton } from "@/components/mailbox/sandbox-switch";
import { MailView } from "@/components/mailbox/mail-view";
import { MailList } from "./layout-parts";
import { clearMailboxAction, setSandboxAction } from "./actions";

export async function MailboxScreen({ current, q }: { current?: number; q?: string }) {
  const [{ rows, total }, settings] = await Promise.all([listMailbox({ q, take: 100 }), sendingSettings()]);
  const addr = mailboxAddress();
  const mode = devMailboxMode();
  const selected = current ?? rows[0]?.id;
  const mail = selected ? await getMailboxMessage(selected) : null;
  return (
    <div className="space-y-4">
      <PageHeader
        title="Mailbox"
        description="Herald's built-in mail catcher: an SMTP server on this machine that keeps what it receives and delivers nothing. While no SMTP server is configured — or while the sandbox is on — every notification lands here."
        actions={<ClearMailboxButton clear={clearMailboxAction} />}
      />
      {addr ? (
        <Alert tone="info">
          Listening on <code>127.0.0.1:{addr.port}</code> (HERALD_DEV_SMTP={mode === "on" ? "1" : mode}). {total} mail{total === 1 ? "" : "s"} kept.
        </Alert>
      ) : (
        <Alert tone="warning">
          The built-in mailbox is not running{mode === "off" ? " (HERALD_DEV_SMTP=0)" : ""}. {mode === "off" ? "" : "It starts with the console while no SMTP server is configured, or when you turn the sandbox on."}
        </Alert>
      )}
      <SandboxSwitch on={settings.sandbox} set={setSandboxAction} />
      <form role="search" className="max-w-md">
        <label htmlFor="mq" className="sr-only">Search mail</label>
        <Input id="mq" name="q" defaultValue={q ?? ""} placeholder="Search subject or address" />
      </form>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[20rem_1fr]">
        <MailList rows={rows} current={selected} />
        {mail ? <MailView mail={mail} /> : null}
      </div>
    </div>
  );
}

