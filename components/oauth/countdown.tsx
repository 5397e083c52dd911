"use client";
import { useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { leftParts } from "./format";

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

/** "in 4:05 min", "in 1 h 02 min", "expired 12 s ago" — the time left until an ISO instant. */
export function useFormatLeft(): (ms: number) => string {
  const t = useTranslations("oauth.left");
  return (ms) => {
    const p = leftParts(ms);
    const time = p.h > 0 ? t("hours", { h: p.h, mm: p.mm }) : p.m > 0 ? t("minutes", { m: p.m, ss: p.ss }) : t("seconds", { s: p.s });
    return t("text", { past: p.past ? "yes" : "no", time });
  };
}

/** Counts down to `to` every second. Renders the absolute time on the server (no clock there). */
export function Countdown({ to, testId }: { to: string; testId?: string }) {
  const current = useSyncExternalStore(subscribe, () => now, () => null);
  const formatLeft = useFormatLeft();
  const target = Date.parse(to);
  return (
    <time dateTime={to} data-testid={testId} data-expired={current !== null && target <= current ? "true" : "false"}>
      {current === null ? to : formatLeft(target - current)}
    </time>
  );
}
