// Why waiting mail is not moving (lib/outbox/held.ts): reason, since when, last error. The reason
// is translated by its key; the last error (an SMTP or OAuth2 answer) is shown as it came.
import { useFormatter, useTranslations } from "next-intl";
import { STAMP } from "@/lib/i18n/formats";
import type { Hold } from "@/lib/outbox/held";

export function HeldNotice({ hold, count }: { hold: Hold; count?: number }) {
  const t = useTranslations("outbox");
  const format = useFormatter();
  const stamp = (iso: string) => format.dateTime(new Date(iso), STAMP);
  const values = hold.values.until ? { ...hold.values, until: stamp(hold.values.until) } : hold.values;
  const reason = t(`held.${hold.key}`, values as never);
  return (
    <div role="status" data-testid="held-notice" data-reason={hold.reason} className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-medium">
        {t("heldLine", { head: count === undefined ? t("heldTitle") : t("heldCount", { count }), since: hold.since ? stamp(hold.since) : "none", reason })}
      </p>
      {hold.lastError && hold.lastError !== hold.message ? (
        <p className="mt-1 break-words">
          {t.rich("lastError", {
            error: hold.lastError,
            e: (chunks) => (
              <span data-testid="held-last-error" translate="no">
                {chunks}
              </span>
            ),
          })}
        </p>
      ) : null}
    </div>
  );
}
