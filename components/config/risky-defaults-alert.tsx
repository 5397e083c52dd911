import Link from "next/link";
import { useTranslations } from "next-intl";
import type { RiskyDefault } from "@/lib/config/risky-defaults";
import { fieldKey, serviceKey } from "@/lib/config/services/catalog";
import { Alert } from "@/components/ui/card";

/**
 * "These AEM defaults will break real mail", each with a one-click link to its field. The service
 * name and property key are AEM's and stay as they are; `why` and `label` are the definitions'
 * texts, read from the "services" catalog (lib/config/services/catalog.ts).
 */
export function RiskyDefaultsAlert({ items }: { items: RiskyDefault[] }) {
  const t = useTranslations("risky");
  const ts = useTranslations("services");
  if (!items.length) return null;
  return (
    <div data-testid="risky-defaults">
      <Alert tone="warning" title={t("title", { count: items.length })}>
        <ul className="mt-1 space-y-1">
          {items.map((r) => {
            const field = `${serviceKey(r.pid)}.fields.${fieldKey(r.key)}`;
            return (
              <li key={`${r.pid}/${r.key}`} className="break-words" data-testid="risky-default" data-key={r.key}>
                {t.rich("line", {
                  service: r.service,
                  key: r.key,
                  value: r.value,
                  svc: (chunks) => <span translate="no" className="font-medium">{chunks}</span>,
                  k: (chunks) => <code className="font-mono">{chunks}</code>,
                  v: (chunks) => <code className="break-all font-mono">{chunks}</code>,
                  why: ts(`${field}.breaks` as never),
                  // Inside a sentence ("Change sender address"): only an English capital that starts a word is lowered.
                  label: ts(`${field}.label` as never).replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase()),
                  link: (chunks) => (
                    <Link className="font-medium underline" href={r.href}>
                      {chunks}
                    </Link>
                  ),
                })}
              </li>
            );
          })}
        </ul>
      </Alert>
    </div>
  );
}
