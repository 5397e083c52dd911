import type { ComponentProps } from "react";
import type { MailboxMessageView, MailboxSummary } from "@/lib/mailbox/store";
import { Alert, PageHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { SandboxSwitch, ClearMailboxButton } from "@/components/mailbox/sandbox-switch";
import { MailView } from "@/components/mailbox/mail-view";
import { MailList } from "./mail-list";

export interface MailboxScreenProps {
  rows: MailboxSummary[];
  total: number;
  /** The mail shown on the right, and marked in the list. */
  selected?: number;
  mail: MailboxMessageView | null;
  /** The port the built-in mailbox listens on, or null when it is not running. */
  port: number | null;
  mode: "on" | "auto" | "off";
  sandbox: boolean;
  q?: string;
  clear: ComponentProps<typeof ClearMailboxButton>["clear"];
  setSandbox: ComponentProps<typeof SandboxSwitch>["set"];
}

/** The Mailbox pages (list, and list + one mail): the page reads the data and passes it in. */
export function MailboxScreen({ rows, total, selected, mail, port, mode, sandbox, q, clear, setSandbox }: MailboxScreenProps) {
  return (
    <div className="space-y-4">
      <PageHeader
        title="Mailbox"
        description="Herald's built-in mail catcher: an SMTP server on this machine that keeps what it receives and delivers nothing. While no SMTP server is configured — or while the sandbox is on — every notification lands here."
        actions={<ClearMailboxButton clear={clear} />}
      />
      {port !== null ? (
        <Alert tone="info">
          Listening on <code>127.0.0.1:{port}</code> (HERALD_DEV_SMTP={mode === "on" ? "1" : mode}). {total} mail{total === 1 ? "" : "s"} kept.
        </Alert>
      ) : (
        <Alert tone="warning">
          The built-in mailbox is not running{mode === "off" ? " (HERALD_DEV_SMTP=0)" : ""}. {mode === "off" ? "" : "It starts with the console while no SMTP server is configured, or when you turn the sandbox on."}
        </Alert>
      )}
      <SandboxSwitch on={sandbox} set={setSandbox} />
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

