import { useFormatter, useTranslations } from "next-intl";
import { STAMP } from "@/lib/i18n/formats";
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
  const t = useTranslations("mailbox");
  const format = useFormatter();
  return (
    <div className="space-y-4" data-testid="mailbox-message">
      <Card title={mail.subject ?? t("noSubject")}>
        <dl className="grid gap-x-4 gap-y-1 text-sm md:grid-cols-[7rem_1fr]">
          <dt className="font-medium text-slate-600 dark:text-slate-400">{t("from")}</dt>
          <dd data-testid="mail-from">{mail.from ?? mail.envelopeFrom}</dd>
          <dt className="font-medium text-slate-600 dark:text-slate-400">{t("to")}</dt>
          <dd data-testid="mail-to">{mail.to ?? mail.envelopeTo}</dd>
          <dt className="font-medium text-slate-600 dark:text-slate-400">{t("received")}</dt>
          <dd>{t("receivedLine", { at: format.dateTime(new Date(mail.receivedAt), STAMP), size: format.number(mail.size / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })}</dd>
          {mail.envelopeTo !== (mail.to ?? "") ? (
            <>
              <dt className="font-medium text-slate-600 dark:text-slate-400">{t("envelope")}</dt>
              <dd className="text-xs" translate="no">{t("envelopeLine", { from: mail.envelopeFrom || "<>", to: mail.envelopeTo })}</dd>
            </>
          ) : null}
        </dl>
        {rawHref ? (
          <p className="mt-3 text-sm">
            <a className="underline" href={rawHref} download>
              {t("download")}
            </a>
          </p>
        ) : null}
      </Card>
      <Card title={t("body")}>
        <MailParts text={mail.text} html={mail.html} initialPart={initialPart} />
      </Card>
      <details className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800">
        <summary className="cursor-pointer font-medium">{t("allHeaders", { count: mail.headers.length })}</summary>
        <table translate="no" className="mt-2 w-full font-mono text-xs">
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
