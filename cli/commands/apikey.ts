import type { Command } from "commander";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/apikeys/store";
import { API_SCOPES, parseScopeList } from "@/lib/apikeys/schema";
import { AppError } from "@/lib/errors";
import { CliError, printTable } from "../support";

export function register(program: Command) {
  const apikey = program.command("apikey").description("manage API keys of calling systems");

  apikey
    .command("create")
    .description("create an API key and print it once (only its hash is stored)")
    .requiredOption("--name <name>", "what the key is for, e.g. the calling system")
    .requiredOption("--scopes <list>", `comma-separated: ${API_SCOPES.join(", ")}`)
    .option("--rate-limit <n>", "requests per minute (default HERALD_API_RATE_LIMIT)")
    .option("--json", "print JSON ({key, id, prefix, scopes, rateLimit})")
    .action(async (opts: { name: string; scopes: string; rateLimit?: string; json?: boolean }) => {
      const scopes = parseScopeList(opts.scopes);
      if (!scopes.ok) throw new CliError(`--scopes: ${scopes.error}`);
      let rateLimit: number | undefined;
      if (opts.rateLimit !== undefined) {
        rateLimit = Number(opts.rateLimit);
        if (!Number.isInteger(rateLimit) || rateLimit < 1) throw new CliError("--rate-limit: a whole number of requests per minute, at least 1");
      }
      try {
        const { key, view } = await createApiKey({ name: opts.name, scopes: scopes.scopes, rateLimit }, "cli");
        if (opts.json) return console.log(JSON.stringify({ key, id: view.id, prefix: view.prefix, scopes: view.scopes, rateLimit: view.rateLimit }));
        console.error(`created API key "${view.name}" (${view.prefix}…, scopes ${view.scopes.join(", ")}, ${view.rateLimit} requests/minute)`);
        console.error("this is the only time the key is shown; store it now:");
        console.log(key);
      } catch (e) {
        if (e instanceof AppError) throw new CliError([e.message, ...Object.entries(e.fields ?? {}).map(([k, v]) => `--${k}: ${v.join(" ")}`)].join("\n"));
        throw e;
      }
    });

  apikey
    .command("list")
    .description("list API keys (never the keys themselves)")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const keys = await listApiKeys();
      if (opts.json) return console.log(JSON.stringify(keys, null, 2));
      if (!keys.length) return console.log("no API keys");
      printTable(
        keys.map((k) => ({
          prefix: k.prefix,
          name: k.name,
          scopes: k.scopes.join(","),
          "per minute": String(k.rateLimit),
          created: k.createdAt.slice(0, 10),
          "last used": k.lastUsedAt ? k.lastUsedAt.replace("T", " ").slice(0, 16) : "never",
          state: k.revokedAt ? `revoked ${k.revokedAt.slice(0, 10)}` : "active",
        })),
      );
    });

  apikey
    .command("revoke")
    .description("revoke a key (by its id or displayed prefix); it stops working at once")
    .argument("<key>", "key id (key_…) or prefix (hrld_…)")
    .action(async (idOrPrefix: string) => {
      try {
        const k = await revokeApiKey(idOrPrefix, "cli");
        console.log(`revoked ${k.prefix}… (${k.name})`);
      } catch (e) {
        if (e instanceof AppError) throw new CliError(e.message);
        throw e;
      }
    });
}
