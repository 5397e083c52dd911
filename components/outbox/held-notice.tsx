// Why waiting mail is not moving (lib/outbox/held.ts): reason, since when, last error.
import type { Hold } from "@/lib/outbox/held";

const time = (iso: string | null) => (iso ? `${iso.replace("T", " ").slice(0, 19)} UTC` : null);

export function HeldNotice({ hold, count }: { hold: Hold; count?: number }) {
  const since = time(hold.since);
  return (
    <div role="status" data-testid="held-notice" data-reason={hold.reason} className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-medium">
        {count === undefined ? "Held" : `${count} waiting message${count === 1 ? " is" : "s are"} held`}
        {since ? ` since ${since}` : ""}: {hold.message}
      </p>
      {hold.lastError && hold.lastError !== hold.message ? (
        <p className="mt-1 break-words">
          Last error: <span data-testid="held-last-error">{hold.lastError}</span>
        </p>
      ) : null}
    </div>
  );
}
