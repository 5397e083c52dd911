// Helpers for lib/oauth's unit tests: configure Herald against a mock provider and run the
// Authorize round trip the way a browser would (follow the provider's redirect, come back with
// code and state).
import { saveServiceConfig, storedValues } from "@/lib/config/store";
import { MAIL_SERVICE_PID, OAUTH_PROVIDER_PID } from "@/lib/config/services";
import { beginAuthorization, completeAuthorization } from "../flow";
import type { MockProvider } from "./mock-provider";

export const ADMIN = { id: "admin-1", email: "ada@herald.test" };
export const REDIRECT = "http://127.0.0.1:3999/api/mailer/oauth2/token";

export async function configure(
  mock: MockProvider,
  opts: { scopes?: string[]; smtpPort?: number; smtpUser?: string; starttls?: boolean; tokenUrl?: string; clientSecret?: string } = {},
): Promise<void> {
  await saveServiceConfig(
    OAUTH_PROVIDER_PID,
    {
      authUrl: mock.authUrl,
      tokenUrl: opts.tokenUrl ?? mock.tokenUrl,
      scopes: opts.scopes ?? ["openid", "email", "offline_access", "https://mail.example/smtp"],
      clientId: mock.clientId,
      clientSecret: opts.clientSecret ?? mock.clientSecret,
      authCodeRedirectUrl: REDIRECT,
    },
    { actor: ADMIN.email },
  );
  await saveServiceConfig(
    MAIL_SERVICE_PID,
    {
      "smtp.host": "127.0.0.1",
      "smtp.port": opts.smtpPort ?? 2525,
      "smtp.user": opts.smtpUser ?? "mailer@herald.test",
      "from.address": "Herald <mailer@herald.test>",
      "smtp.starttls": opts.starttls ?? false,
      "oauth.flow": true,
    },
    { actor: ADMIN.email },
  );
}

/** The browser's part: open the authorization URL, read where the provider redirects. */
export async function visitProvider(authorizationUrl: string): Promise<URL> {
  const res = await fetch(authorizationUrl, { redirect: "manual" });
  const location = res.headers.get("location");
  if (!location) throw new Error(`the provider did not redirect (HTTP ${res.status})`);
  return new URL(location);
}

/** A whole Authorize round trip for `user`; returns the outcome and what was sent. */
export async function authorize(user = ADMIN) {
  const begin = await beginAuthorization(user);
  const back = await visitProvider(begin.url);
  const query = Object.fromEntries(back.searchParams);
  const done = await completeAuthorization(user, query, begin.binding);
  return { begin, back, query, ...done };
}

/** Changes some settings of a service and keeps the rest (secrets not named stay as stored). */
export async function patchService(pid: string, patch: Record<string, unknown>): Promise<void> {
  const stored = await storedValues(pid);
  const submitted: Record<string, unknown> = { ...stored };
  for (const [k, v] of Object.entries(stored)) if (typeof v === "string" && v.startsWith("enc:v1:")) submitted[k] = "";
  await saveServiceConfig(pid, { ...submitted, ...patch }, { actor: ADMIN.email });
}
