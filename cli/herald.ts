// Herald's operator CLI: `npm run herald -- <command>` or `npx herald <command>`.
// Each command is one file in cli/commands/ exporting `register(program)`; they are discovered
// at start, so adding a command is adding a file.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Command, CommanderError } from "commander";
import { CliError, EXIT_BAD_INPUT } from "./support";

async function main() {
  const program = new Command("herald")
    .description("Herald — email notification console: operator commands")
    .showHelpAfterError()
    .exitOverride();
  const dir = path.join(__dirname, "commands");
  const files = fs.readdirSync(dir).filter((f) => /\.ts$/.test(f) && !f.endsWith(".test.ts")).sort();
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { register?: (p: Command) => void };
    mod.register?.(program);
  }
  program.commands.forEach(function exitOverrideAll(c: Command) {
    c.exitOverride();
    c.commands.forEach(exitOverrideAll);
  });
  await program.parseAsync(process.argv);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    if (e instanceof CommanderError) {
      // --help and --version are not errors.
      if (e.code === "commander.helpDisplayed" || e.code === "commander.help" || e.code === "commander.version") process.exit(0);
      process.exit(EXIT_BAD_INPUT);
    }
    if (e instanceof CliError) {
      process.stderr.write(`herald: ${e.message}\n`);
      process.exit(e.exitCode);
    }
    process.stderr.write(`herald: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
