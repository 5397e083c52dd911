import Link from "next/link";
import type { RiskyDefault } from "@/lib/config/risky-defaults";
import { Alert } from "@/components/ui/card";

/** "These AEM defaults will break real mail", each with a one-click link to its field. */
export function RiskyDefaultsAlert({ items }: { items: RiskyDefault[] }) {
  if (!items.length) return null;
  return (
    <div data-testid="risky-defaults">
      <Alert tone="warning" title={`${items.length === 1 ? "An AEM default" : `${items.length} AEM defaults`} will break real mail`}>
        <ul className="mt-1 space-y-1">
          {items.map((r) => (
            <li key={`${r.pid}/${r.key}`} className="break-words" data-testid="risky-default" data-key={r.key}>
              <span className="font-medium">{r.service}</span> · <code className="font-mono">{r.key}</code> is still <code className="break-all font-mono">{r.value}</code>. {r.why}{" "}
              <Link className="font-medium underline" href={r.href}>
                Change {r.label.toLowerCase()}
              </Link>
            </li>
          ))}
        </ul>
      </Alert>
    </div>
  );
}
