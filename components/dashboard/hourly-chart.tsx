"use client";
// Sent / failed / queued per hour over the last 24 hours (Recharts), with the same numbers as a
// table for screen readers.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { HourBucket } from "@/lib/outbox/queries";

export function HourlyChart({ data }: { data: HourBucket[] }) {
  const rows = data.map((d) => ({ ...d, label: `${d.hour.slice(11, 13)}:00` }));
  const empty = data.every((d) => d.sent + d.failed + d.queued === 0);
  return (
    <figure aria-label="Messages per hour, last 24 hours" data-testid="hourly-chart">
      <div className="h-64 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#cbd5e1" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={2} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip labelFormatter={(l) => `${l} UTC`} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="queued" name="queued" fill="#60a5fa" isAnimationActive={false} />
            <Bar dataKey="sent" name="sent" fill="#16a34a" isAnimationActive={false} />
            <Bar dataKey="failed" name="failed attempts" fill="#dc2626" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-slate-500">{empty ? "Nothing sent in the last 24 hours." : "Per hour (UTC): messages queued, sent, and failed delivery attempts."}</figcaption>
      <table className="sr-only">
        <caption>Messages per hour, last 24 hours (UTC)</caption>
        <thead>
          <tr>
            <th>Hour</th>
            <th>Queued</th>
            <th>Sent</th>
            <th>Failed attempts</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.hour}>
              <td>{r.label}</td>
              <td>{r.queued}</td>
              <td>{r.sent}</td>
              <td>{r.failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
