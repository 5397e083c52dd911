import type { ComponentProps } from "react";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("mailbox");
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={<ClearMailboxButton clear={clear} />}
      />
      {port !== null ? (
        <Alert tone="info">
          {t.rich("listening", { port: String(port), mode: mode === "on" ? "1" : mode, total, code: (chunks) => <code>{chunks}</code> })}
        </Alert>
      ) : (
        <Alert tone="warning">
          {t("notRunning", { off: mode === "off" ? "yes" : "no" })} {mode === "off" ? null : t("startsWhen")}
        </Alert>
      )}
      <SandboxSwitch on={sandbox} set={setSandbox} />
      <form role="search" className="max-w-md">
        <label htmlFor="mq" className="sr-only">{t("searchLabel")}</label>
        <Input id="mq" name="q" defaultValue={q ?? ""} placeholder={t("searchPlaceholder")} />
      </form>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[20rem_1fr]">
        <MailList rows={rows} current={selected} />
        {mail ? <MailView mail={mail} /> : null}
      </div>
    </div>
  );
}

