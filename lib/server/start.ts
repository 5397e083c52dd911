import "server-only";
import { env, databaseUrl } from "@/lib/env";
import { migrateUrl } from "@/lib/db/migrations";
import { ensureBootstrapAdmin } from "@/lib/auth/bootstrap";
import { logger } from "@/lib/log";

/** Start-up of the console process. Exits the process with a clear message when it cannot start. */
export async function startServer() {
  try {
    env();
    const { applied } = await migrateUrl(databaseUrl());
    if (applied.length) logger().info({ migrations: applied }, `herald: applied migrations ${applied.join(", ")}`);
    const admin = await ensureBootstrapAdmin();
    if (admin === "created") logger().info({ email: env().HERALD_ADMIN_EMAIL }, `herald: created admin ${env().HERALD_ADMIN_EMAIL} from the environment`);
  } catch (e) {
    logger().fatal(`herald: cannot start.\n${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  // The built-in mailbox and the outbox worker; neither can stop the console starting.
  const { startSending } = await import("@/lib/outbox/boot");
  await startSending();
}

