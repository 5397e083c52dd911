// Shared set-up for the sending specs: point the Mail Service at a test SMTP server (through the
// operator CLI's config import, as an operator would), API keys from the CLI, API calls.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { herald } from "../fixtures/env";

export const MAIL_SERVICE = "com.day.cq.mailer.DefaultMailService";
export const EMAIL_CHANNEL = "com.day.cq.wcm.notification.email.impl.EmailChannel";

export function importConfig(pid: string, values: Record<string, unknown>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-sending-"));
  const file = path.join(dir, `${pid}.cfg.json`);
  fs.writeFileSync(file, JSON.stringify(values));
  return herald(["config", "import", file]);
}

/** A plain, password-less Mail Service on 127.0.0.1:port (whatever earlier specs left there). */
export function pointMailServiceAt(port: number) {
  return importConfig(MAIL_SERVICE, {
    "smtp.host": "127.0.0.1",
    "smtp.port": port,
    "smtp.user": "",
    "from.address": "Herald <herald@example.com>",
    "smtp.ssl": false,
    "smtp.starttls": false,
    "smtp.requiretls": false,
    "debug.email": false,
    "oauth.flow": false,
  });
}

export function createKey(name: string, scopes: string, rateLimit?: number): string {
  const out = herald(["apikey", "create", "--name", name, "--scopes", scopes, "--json", ...(rateLimit ? ["--rate-limit", String(rateLimit)] : [])]);
  return (JSON.parse(out) as { key: string }).key;
}

export function bearer(key: string) {
  return { authorization: `Bearer ${key}` };
}

export async function messageStatus(request: APIRequestContext, key: string, id: string) {
  const r = await request.get(`/api/v1/messages/${id}`, { headers: bearer(key) });
  return (await r.json()) as {
    status: string;
    attempts: number;
    smtpReply: string | null;
    lastError: string | null;
    held: { reason: string; lastError: string | null } | null;
  };
}
