import "server-only";
import { env } from "@/lib/env";
import { readOrCreateDataFile, randomSecret } from "@/lib/data-files";

/** NEXTAUTH_SECRET, or one generated into the data folder on first start (stable across restarts). */
export function authSecret(): string {
  return env().NEXTAUTH_SECRET ?? readOrCreateDataFile("nextauth-secret", () => randomSecret(48));
}
