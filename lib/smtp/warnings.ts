// What an SMTP session that worked still did wrong: the one check behind the warnings of the Mail
// Service page's "Send test email", the template preview mail and the OAuth page's Test — the
// credentials were never used (the server offered no AUTH), the connection was not encrypted
// (StartTLS asked for but not offered, or not asked for at all). Pure.
import { authMode, type MailSettings } from "@/lib/mail/settings";
import type { TranscriptLine } from "@/lib/mail/transcript";

/** What the session showed: read from the transcript (sends) or tracked step by step (probe). */
export interface SessionFacts {
  /** SSL on connect. */
  ssl: boolean;
  /** Upgraded with STARTTLS. */
  upgraded: boolean;
  /** The first EHLO reply offered STARTTLS. */
  offeredStarttls: boolean;
  /** SASL mechanisms of the final EHLO reply. */
  authMethods: string[];
}

/**
 * The warnings' English, by key: what the API, the mail log and the CLI say, and the key under
 * "smtpCheck.warning" in the catalogs (the catalog test holds the English catalog to these).
 */
export const SESSION_WARNING_TEXTS = {
  starttlsOff: "The server offers STARTTLS but StartTLS is off: the password and mail travel unencrypted. Turn on StartTLS.",
  starttlsNotOffered: "StartTLS is on, but the server did not offer STARTTLS: the connection is not encrypted.",
  notEncrypted: "The connection is not encrypted.",
  noAuthBeforeStarttls: "The server did not offer AUTH, so the configured credentials are not used. Many servers offer AUTH only after STARTTLS: turn on StartTLS.",
  noAuth: "The server did not offer AUTH, so the configured credentials are not used: Herald sent without logging in.",
  credentialsNotUsed: "The configured credentials are not used on this server.",
} as const;
export type SessionWarningKey = keyof typeof SESSION_WARNING_TEXTS;
const W = SESSION_WARNING_TEXTS;

export type SessionWarningCode = "not_encrypted" | "starttls_not_used" | "credentials_not_used";

export interface SessionWarning {
  code: SessionWarningCode;
  /** Where it belongs in the step-by-step view. */
  step: "ehlo" | "auth";
  text: string;
}

export function sessionWarnings(settings: Pick<MailSettings, "smtp.user" | "oauth.flow" | "smtp.starttls" | "smtp.requiretls">, f: SessionFacts): SessionWarning[] {
  const out: SessionWarning[] = [];
  const encrypted = f.ssl || f.upgraded;
  if (!encrypted) {
    if (f.offeredStarttls) {
      out.push({ code: "starttls_not_used", step: "ehlo", text: W.starttlsOff });
    } else if (settings["smtp.starttls"] || settings["smtp.requiretls"]) {
      out.push({ code: "not_encrypted", step: "ehlo", text: W.starttlsNotOffered });
    } else {
      out.push({ code: "not_encrypted", step: "ehlo", text: W.notEncrypted });
    }
  }
  if (authMode(settings) !== "none" && f.authMethods.length === 0) {
    out.push({
      code: "credentials_not_used",
      step: "auth",
      text:
        f.offeredStarttls && !encrypted
          ? W.noAuthBeforeStarttls
          : W.noAuth,
    });
  }
  return out;
}

/** Parses an EHLO reply (its S lines): SASL mechanisms and the other keywords. */
export function parseEhlo(lines: string[] | undefined) {
  const keywords = (lines ?? []).slice(1).map((l) => l.replace(/^\d{3}[ -]?/, "").trim()).filter(Boolean);
  const authMethods: string[] = [];
  const extensions: string[] = [];
  for (const k of keywords) {
    const m = /^AUTH[ =](.*)$/i.exec(k);
    if (m) {
      for (const mech of (m[1] ?? "").split(/[\s=]+/)) if (mech && !authMethods.includes(mech.toUpperCase())) authMethods.push(mech.toUpperCase());
    } else {
      extensions.push(k);
    }
  }
  return { authMethods, extensions };
}

/** The facts of a session from its transcript (nodemailer's logger lines). */
export function factsFromTranscript(ssl: boolean, lines: TranscriptLine[]): SessionFacts | null {
  const ehloReplies: string[][] = [];
  let lastClient = "";
  let upgraded = false;
  for (const l of lines) {
    if (l.dir === "C") {
      lastClient = l.text;
      if (/^(EHLO|HELO|LHLO)\b/i.test(l.text)) ehloReplies.push([]);
    } else if (l.dir === "S") {
      if (/^(EHLO|HELO|LHLO)\b/i.test(lastClient)) ehloReplies[ehloReplies.length - 1]?.push(l.text);
    } else if (/^Connection upgraded with STARTTLS/.test(l.text)) {
      upgraded = true;
    }
  }
  if (!ehloReplies.length) return null;
  const first = parseEhlo(ehloReplies[0]);
  const final = parseEhlo(ehloReplies[ehloReplies.length - 1]);
  return { ssl, upgraded, offeredStarttls: first.extensions.some((e) => /^STARTTLS\b/i.test(e)), authMethods: final.authMethods };
}
