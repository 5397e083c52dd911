// Dates and durations the same on the server and in the browser (no locale, UTC), so the first
// render and hydration agree.

/** "2026-11-26 05:33:12 UTC" */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** "3 days", "5 h", "12 min", "40 s" */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h`;
  const d = Math.floor(s / 86_400);
  return `${d} day${d === 1 ? "" : "s"}`;
}
