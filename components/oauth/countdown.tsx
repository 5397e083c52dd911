"use client";
import { useSyncExternalStore } from "react";

// One shared one-second clock for every countdown on the page.
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
let now = Date.now();
function subscribe(cb: () => void) {
  now = Date.now();
  listeners.add(cb);
  if (!timer) {
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, 1000);
  }
  return () => {
    listeners.delete(cb);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** "in 4:05", "in 1 h 02 min", "expired 12 s ago" — the time left until an ISO instant. */
export function formatLeft(ms: number): string {
  const past = ms < 0;
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const text = h > 0 ? `${h} h ${String(m).padStart(2, "0")} min` : m > 0 ? `${m}:${String(sec).padStart(2, "0")} min` : `${sec} s`;
  return past ? `expired ${text} ago` : `in ${text}`;
}

/** Counts down to `to` every second. Renders the absolute time on the server (no clock there). */
export function Countdown({ to, testId }: { to: string; testId?: string }) {
  const current = useSyncExternalStore(subscribe, () => now, () => null);
  const target = Date.parse(to);
  return (
    <time dateTime={to} data-testid={testId} data-expired={current !== null && target <= current ? "true" : "false"}>
      {current === null ? to : formatLeft(target - current)}
    </time>
  );
}
