// "Can mail go out?" as one answer for people: the dashboard's single sending status, derived
// from the send target, the OAuth2 authorization and the workers' heartbeats together, so the
// Sending and OAuth2 cards can never disagree. Pure (plain data in, plain data out).
import type { SendingStatus } from "./status";

export type VerdictLevel = "ok" | "warning" | "error";

export interface VerdictReason {
  level: VerdictLevel;
  text: string;
  /** Where the admin fixes it. */
  link?: { href: string; label: string };
}

export interface SendingVerdict {
  level: VerdictLevel;
  headline: string;
  reasons: VerdictReason[];
}

const HEADLINE: Record<VerdictLevel, string> = {
  ok: "Mail can go out",
  warning: "Mail goes out, with problems",
  error: "Mail cannot go out",
};

/**
 * Drops a repeated lead-in: "Re-authorization needed: Re-authorization needed: x" → the last one,
 * "Connection refused: Connection refused" → "Connection refused", and a prefix equal to what the
 * caller already says (e.g. the reason's own title).
 */
export function sayOnce(text: string, alreadySaid: string[] = []): string {
  let t = text.replace(/\s+/g, " ").trim();
  for (;;) {
    const m = /^([^:]{1,80}):\s+(.*)$/s.exec(t);
    if (!m) break;
    const head = (m[1] ?? "").trim().toLowerCase();
    const rest = (m[2] ?? "").trim();
    if (rest.toLowerCase() === head || rest.toLowerCase().startsWith(head + ":") || alreadySaid.some((s) => s.trim().toLowerCase() === head)) t = rest;
    else break;
  }
  return t;
}

const at = (iso: string) => `${iso.replace("T", " ").slice(0, 19)} UTC`;
const sentence = (s: string) => (/[.!?)]$/.test(s) ? s : `${s}.`);

/** The single sending status: level, headline and each reason once, in the order to act on them. */
export function sendingVerdict(s: SendingStatus): SendingVerdict {
  const reasons: VerdictReason[] = [];
  const add = (r: VerdictReason) => {
    const key = r.text.toLowerCase();
    if (!reasons.some((x) => x.text.toLowerCase() === key)) reasons.push(r);
  };
  const alive = s.workers.filter((w) => w.alive);
  const oauthLink = { href: "/configuration/oauth", label: "Re-authorize on the OAuth2 page" };
  const mailLink = { href: "/configuration/com.day.cq.mailer.DefaultMailService", label: "Open the Mail Service" };

  if (s.target.kind === "unavailable") add({ level: "error", text: sentence(sayOnce(s.target.reason ?? "No SMTP server can be used.")), link: mailLink });

  // OAuth2: the stored authorization (OAuth2 page) and what the worker met when it asked for a token.
  const tokenStates = alive.map((w) => w.token?.state).filter(Boolean);
  const reauth = s.oauth.used && (s.oauth.status === "reauth_needed" || tokenStates.includes("reauthorization-needed"));
  if (reauth) {
    const why = s.oauth.reason ?? alive.find((w) => w.token?.state === "reauthorization-needed")?.token?.message ?? null;
    add({
      level: "error",
      text: `The mailbox's OAuth2 authorization no longer works${why ? `: ${sentence(sayOnce(why, ["Re-authorization needed"]))}` : "."} Messages stay queued until an admin authorizes again.`,
      link: oauthLink,
    });
  } else if (s.oauth.used && s.oauth.status === "not_connected") {
    add({ level: "error", text: "OAuth flow is on, but no mailbox is connected yet: nothing can be sent until an admin clicks Authorize.", link: { href: "/configuration/oauth", label: "Open the OAuth2 page" } });
  } else if (s.oauth.used && s.oauth.status === "not_configured") {
    add({ level: "error", text: "OAuth flow is on, but the OAuth2 provider is not configured.", link: { href: "/configuration/oauth", label: "Open the OAuth2 page" } });
  } else if (s.oauth.used && tokenStates.includes("error")) {
    const msg = alive.find((w) => w.token?.state === "error")?.token?.message;
    add({ level: "warning", text: `Herald could not get an OAuth2 access token${msg ? `: ${sentence(sayOnce(msg))}` : "."} It tries again.`, link: { href: "/configuration/oauth", label: "Open the OAuth2 page" } });
  } else if (s.oauth.used && s.oauth.status === "attention") {
    add({ level: "warning", text: sentence(sayOnce(s.oauth.headline ?? "The OAuth2 connection needs attention")), link: { href: "/configuration/oauth", label: "Open the OAuth2 page" } });
  }

  if (!alive.length) {
    add({ level: "error", text: "No worker is running, so queued messages are not sent. Start Herald (the worker runs inside it) or a separate worker process." });
  } else {
    // The SMTP server as the worker last saw it (heartbeat `transport`, when the worker reports it).
    const down = alive.find((w) => w.transport?.state === "down");
    const probing = alive.find((w) => w.transport?.state === "probing");
    if (down?.transport) {
      add({
        level: "error",
        text: `The SMTP server does not accept mail${down.transport.since ? ` since ${at(down.transport.since)}` : ""}${down.transport.lastError ? `: ${sentence(sayOnce(down.transport.lastError))}` : "."} Messages wait and are retried.`,
        link: mailLink,
      });
    } else if (probing?.transport) {
      add({ level: "warning", text: "Herald is checking whether the SMTP server accepts mail again.", link: mailLink });
    }
    const paused = alive.find((w) => w.paused);
    // A pause caused by the token or the transport is already said above; other pauses are not.
    if (paused && !reauth && !down) {
      add({ level: "warning", text: `Sending is paused until ${at(paused.pausedUntil!)}${paused.unavailableReason ? `: ${sentence(sayOnce(paused.unavailableReason))}` : "."}` });
    }
  }

  if (s.counts.dead > 0) add({ level: "warning", text: `${s.counts.dead} message${s.counts.dead === 1 ? "" : "s"} gave up after the last retry.`, link: { href: "/outbox?status=dead", label: "See them in the Outbox" } });
  if (s.counts.failed > 0 && !reasons.some((r) => r.level === "error")) {
    add({ level: "warning", text: `${s.counts.failed} message${s.counts.failed === 1 ? " waits" : "s wait"} for a retry after a failed attempt.`, link: { href: "/outbox?status=failed", label: "See them in the Outbox" } });
  }

  const level: VerdictLevel = reasons.some((r) => r.level === "error") ? "error" : reasons.some((r) => r.level === "warning") ? "warning" : "ok";
  return { level, headline: HEADLINE[level], reasons };
}
