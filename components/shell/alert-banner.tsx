import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { STAMP } from "@/lib/i18n/formats";

export interface BannerIncident {
  id: number;
  title: string;
  summary: string;
  link: string;
  openedAt: string;
}

// Open alert incidents, on every console page for admins: what is wrong, since when, and a link
// to where it is fixed. Plain data in (lib/alerts' IncidentView without its detail). A labelled
// region, not role="alert": it is there on every page load, and pages keep role="alert" for
// their own form errors. Titles and summaries come from lib/alerts as they are stored.
export function AlertBanner({ incidents }: { incidents: BannerIncident[] }) {
  const t = useTranslations("banner");
  const format = useFormatter();
  if (!incidents.length) return null;
  return (
    <section
      aria-label={t("label")}
      data-testid="alert-banner"
      className="border-b border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      <ul className="mx-auto flex max-w-7xl flex-col gap-1 px-4 py-2 text-sm">
        {incidents.map((i) => (
          <li key={i.id} data-testid="alert-incident" className="flex flex-wrap items-baseline gap-x-2 [overflow-wrap:anywhere]">
            <span className="font-semibold">{i.title}</span>
            <span className="text-xs opacity-80">
              {t.rich("since", { at: format.dateTime(new Date(i.openedAt), STAMP), time: (chunks) => <time dateTime={i.openedAt}>{chunks}</time> })}
            </span>
            <span className="min-w-0 flex-1 basis-full sm:basis-auto">{i.summary}</span>
            <Link href={i.link} className="font-medium underline underline-offset-2">
              {t("fixIt")}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
