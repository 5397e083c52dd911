import "server-only";
// AEM defaults that break real mail (acme.com senders, http://localhost:4502 links). Harmless
// while mail goes to the built-in mailbox; once a real SMTP server is configured, each such
// value still at its default is pointed out with a link to the very field.
import { MAIL_SERVICE_PID, SERVICES } from "./services";
import { serviceState, storedValues } from "./store";

export interface RiskyDefault {
  pid: string;
  service: string;
  key: string;
  label: string;
  value: string;
  why: string;
  /** The service's form, scrolled to and focused on the field. */
  href: string;
}

/** Field ids as the service form writes them (components/config/service-form.tsx). */
export const fieldAnchor = (key: string) => `f-${key.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

/** A real SMTP server: the Mail Service has a host (mail no longer only lands in the built-in mailbox). */
export async function realSmtpConfigured(): Promise<boolean> {
  const mail = await serviceState(MAIL_SERVICE_PID);
  const host = mail.values["smtp.host"];
  return mail.configured && typeof host === "string" && host.trim() !== "";
}

/** The fields whose AEM default breaks real mail and that still hold it; [] without a real server. */
export async function riskyDefaults(): Promise<RiskyDefault[]> {
  if (!(await realSmtpConfigured())) return [];
  const out: RiskyDefault[] = [];
  for (const def of SERVICES) {
    const risky = def.fields.filter((f) => f.defaultBreaksRealMail);
    if (!risky.length) continue;
    const values = await storedValues(def.pid);
    for (const f of risky) {
      const v = values[f.key] ?? f.default;
      if (typeof v !== "string" || v.trim() !== String(f.default)) continue;
      out.push({ pid: def.pid, service: def.name, key: f.key, label: f.label, value: v, why: f.defaultBreaksRealMail!, href: `/configuration/${def.pid}#${fieldAnchor(f.key)}` });
    }
  }
  return out;
}
