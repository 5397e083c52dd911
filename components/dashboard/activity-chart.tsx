"use client";
// Messages queued / sent / failed attempts over the chosen range (Recharts), and the same numbers
// as a table (a view of its own, not only for screen readers). The range is a link
// (?range=1h|24h|7d), so it works before hydration and is bookmarkable.
import { useState } from "react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ActivityBucket, ActivityRange } from "@/lib/outbox/queries";

const RANGES = ["1h", "24h", "7d"] as const satisfies readonly ActivityRange[];
const RANGE_KEYS = {
  "1h": { label: "range1h", long: "long1h", period: "period1h" },
  "24h": { label: "range24h", long: "long24h", period: "period24h" },
  "7d": { label: "range7d", long: "long7d", period: "period7d" },
} as const;

export function ActivityChart({ range, data }: { range: ActivityRange; data: ActivityBucket[] }) {
  const t = useTranslations("activity");
  const format = useFormatter();
  const [view, setView] = useState<"chart" | "table">("chart");
  // A bucket's label: "14:35" within a day, "Dec 4" for days. The buckets are cut in UTC, so they
  // are labelled in UTC too (the caption says so).
  const label = (iso: string) => (range === "7d" ? format.dateTime(new Date(iso), { month: "short", day: "numeric", timeZone: "UTC" }) : iso.slice(11, 16));
  const rows = data.map((d) => ({ ...d, label: label(d.start) }));
  const empty = data.every((d) => d.sent + d.failed + d.queued === 0);
  const current = RANGE_KEYS[range];
  const caption = t("caption", { range: t(current.long) });
  const tab = (on: boolean) =>
    `rounded px-2 py-1 text-xs font-medium ${on ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`;
  return (
    <figure aria-label={caption} data-testid="activity-chart" data-range={range}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <nav aria-label={t("chartRange")} className="flex gap-1 rounded-md border border-slate-200 p-0.5 dark:border-slate-700">
          {RANGES.map((r) => (
            <Link key={r} href={`/?range=${r}`} scroll={false} aria-current={r === range ? "true" : undefined} className={tab(r === range)}>
              {t(RANGE_KEYS[r].label)}
              <span className="sr-only"> ({t(RANGE_KEYS[r].long)})</span>
            </Link>
          ))}
        </nav>
        <div role="group" aria-label={t("showAs")} className="flex gap-1 rounded-md border border-slate-200 p-0.5 dark:border-slate-700">
          <button type="button" className={tab(view === "chart")} aria-pressed={view === "chart"} onClick={() => setView("chart")}>
            {t("chart")}
          </button>
          <button type="button" className={tab(view === "table")} aria-pressed={view === "table"} onClick={() => setView("table")}>
            {t("table")}
          </button>
        </div>
      </div>
      {view === "chart" ? (
        // The picture is decoration for screen readers (the table below says the same), and has no
        // tab stop of its own (accessibilityLayer off), so nothing focusable hides in aria-hidden.
        <div className="h-64 w-full" aria-hidden="true" data-testid="chart-picture">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#cbd5e1" />
              <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={12} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={40} />
              <Tooltip labelFormatter={(l) => t("utc", { label: String(l) })} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="queued" name={t("legendQueued")} fill="#3b82f6" isAnimationActive={false} minPointSize={(v) => (Number(v) > 0 ? 3 : 0)} />
              <Bar dataKey="sent" name={t("legendSent")} fill="#16a34a" isAnimationActive={false} minPointSize={(v) => (Number(v) > 0 ? 3 : 0)} />
              <Bar dataKey="failed" name={t("legendFailed")} fill="#dc2626" isAnimationActive={false} minPointSize={(v) => (Number(v) > 0 ? 3 : 0)} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      ) : null}
      <figcaption className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {empty ? t("empty", { period: t(current.period) }) : t("summary", { caption })}
      </figcaption>
      <div className={view === "table" ? "mt-2 max-h-80 overflow-auto" : "sr-only"} data-testid="chart-table-wrap" tabIndex={view === "table" ? 0 : undefined} role={view === "table" ? "region" : undefined} aria-label={view === "table" ? caption : undefined}>
        <table className="w-full text-right text-sm tabular-nums" data-testid="chart-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th scope="col" className="py-1 text-left font-medium">
                {range === "7d" ? t("day") : t("from")}
              </th>
              <th scope="col" className="py-1 font-medium">{t("queued")}</th>
              <th scope="col" className="py-1 font-medium">{t("sent")}</th>
              <th scope="col" className="py-1 font-medium">{t("failed")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.start} className="border-b border-slate-100 dark:border-slate-800">
                <th scope="row" className="py-0.5 text-left font-normal">
                  {r.label}
                </th>
                <td>{r.queued}</td>
                <td>{r.sent}</td>
                <td>{r.failed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
