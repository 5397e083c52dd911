import type { MailboxMessageView } from "@/lib/mailbox/store";
import { Card } from "@/components/ui/card";
import { MailParts } from "./mail-parts";

/** One captured mail as the recipient sees it: headers, the text part and the HTML part (sandboxed). */
export function MailView({
  mail,
  rawHref = `/mailbox/${mail.id}/raw`,
  initialPart,
}: {
  mail: MailboxMessageView;
  rawHref?: string | null;
  initialPart?: "text";
}) {
  return (
    <div className="space-y-4" data-testid="mailbox-message">
      <Card title={mail.subject ?? "(no subject)"}>
        <dl className="grid gap-x-4 gap-y-1 text-sm md:grid-cols-[7rem_1fr]">
          <dt className="font-medium text-slate-600 dark:text-slate-400">From</dt>
          <dd data-testid="mail-from">{mail.from ?? mail.envelopeFrom}</dd>
          <dt className="font-medium text-slate-600 dark:text-slate-400">To</dt>
          <dd data-testid="mail-to">{mail.to ?? mail.envelopeTo}</dd>
          <dt className="font-medium text-slate-600 dark:text-slate-400">Received</dt>
          <dd>{mail.receivedAt.replace("T", " ").slice(0, 19)} UTC · {(mail.size / 1024).toFixed(1)} KB</dd>
          {mail.envelopeTo !== (mail.to ?? "") ? (
            <>
              <dt className="font-medium text-slate-600 dark:text-slate-400">Envelope</dt>
              <dd className="text-xs">MAIL FROM {mail.envelopeFrom || "<>"} · RCPT TO {mail.envelopeTo}</dd>
            </>
          ) : null}
        </dl>
        {rawHref ? (
          <p className="mt-3 text-sm">
            <a className="underline" href={rawHref} download>
              Download source (.eml)
            </a>
          </p>
        ) : null}
      </Card>
      <Card title="Body">
        <MailParts text={mail.text} html={mail.html} initialPart={initialPart} />
      </Card>
      <details className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800">
        <summary className="cursor-pointer font-medium">All headers ({mail.headers.length})</summary>
        <table className="mt-2 w-full font-mono text-xs">
          <tbody>
            {mail.headers.map(([k, v], i) => (
              <tr key={i} className="align-top">
                <td className="pr-3 text-slate-600 dark:text-slate-400">{k}</td>
                <td className="break-all">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
