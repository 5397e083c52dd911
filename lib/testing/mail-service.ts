// Points the Day CQ Mail Service at a test SMTP server on 127.0.0.1 (as an admin would save it).
import { saveServiceConfig } from "@/lib/config/store";
import { MAIL_SERVICE_PID } from "@/lib/config/services";

export async function pointMailServiceAt(port: number, extra: Record<string, unknown> = {}) {
  await saveServiceConfig(MAIL_SERVICE_PID, { "smtp.host": "127.0.0.1", "smtp.port": port, "from.address": "herald@example.com", ...extra }, { actor: "test" });
}
