import Link from "next/link";
import { useTranslations } from "next-intl";
import type { RiskyDefault } from "@/lib/config/risky-defaults";
import { Alert } from "@/components/ui/card";

/**
 * "These AEM defaults will break real mail", each with a one-click link to its field. The service
 * name and property key are AEM's and stay as they are; `why` and `label` come from the service
 * definitions (lib/config/services, still English).
 */
export function RiskyDefaultsAlert({ items }: { items: RiskyDefault[] }) {
  const t = useTranslations("risky");
  if (!items.length) return null;
  return (
    <div data-testid="risky-defaults">
      <Alert tone="warning" title={t("title", { count: items.length })}>
        <ul className="mt-1 space-y-1">
          {items.map((r) => (
            <li key={`${r.pid}/${r.key}`} className="break-words" data-testid="risky-default" data-key={r.key}>
              {t.rich("line", {
                service: r.service,
                key: r.key,
                value: r.value,
                svc: (chunks) => <span className="font-medium">{chunks}</span>,
                k: (chunks) => <code className="font-mono">{chunks}</code>,
                v: (chunks) => <code className="break-all font-mono">{chunks}</code>,
                why: r.why,
                label: r.label.toLowerCase(),
                link: (chunks) => (
                  <Link className="font-medium underline" href={r.href}>
                    {chunks}
                  </Link>
                ),
              })}
            </li>
          ))}
        </ul>
      </Alert>
    </div>
  );
}
