/** "2026-03-14 09:26 UTC": the same on the server and in every browser (no hydration mismatch). */
export function formatTime(iso: string): string {
  return iso.slice(0, 16).replace("T", " ") + " UTC";
}
