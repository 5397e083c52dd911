import "server-only";
// Sending at console start-up: the built-in mailbox (when it may and should run) and the
// in-server outbox worker. Failures are logged, never fatal: the console stays usable.
import { startDevMailbox } from "@/lib/mailbox/server";
import { sendingSettings } from "./settings";
import { devMailboxMode, resolveTarget } from "./target";
import { startInServerWorker } from "./runtime";
import { logger } from "@/lib/log";

/** Whether the mailbox should run now: HERALD_DEV_SMTP=1, or auto while no SMTP host is set or the sandbox is on. */
export async function mailboxWanted(): Promise<boolean> {
  const mode = devMailboxMode();
  if (mode === "off") return false;
  if (mode === "on") return true;
  if ((await sendingSettings()).sandbox) return true;
  const t = await resolveTarget();
  return t.kind !== "smtp" && !(t.kind === "unavailable" && t.key.startsWith("unavailable:config"));
}

export async function startSending() {
  try {
    if (await mailboxWanted()) await startDevMailbox();
  } catch (e) {
    logger().error({ err: e, component: "mailbox" }, `herald: the built-in mailbox did not start: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    startInServerWorker();
  } catch (e) {
    logger().error({ err: e, component: "worker" }, `herald: the outbox worker did not start: ${e instanceof Error ? e.message : String(e)}`);
  }
  // Every console evaluates alerts, with or without its in-server worker (the database makes
  // sure each alert goes out once); so does every `npm run worker` (runtime.ts).
  try {
    (await import("@/lib/alerts")).startProcessAlertEvaluator();
  } catch (e) {
    logger().error({ err: e, component: "alerts" }, `herald: alerts did not start: ${e instanceof Error ? e.message : String(e)}`);
  }
}
