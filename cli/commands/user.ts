import type { Command } from "commander";
import { createUser, listUsers } from "@/lib/db/users";
import { inviteSchema, passwordField, ROLES } from "@/lib/validations/user";
import { recordAudit } from "@/lib/db/audit";
import { CliError, readPassword, printTable } from "../support";

export function register(program: Command) {
  const user = program.command("user").description("manage console users");

  user
    .command("create")
    .description("create a user; the password is read from stdin when piped, otherwise prompted")
    .requiredOption("--email <email>", "email address (the sign-in name)")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .option("--name <name>", "display name (default: the part before @)")
    .option("--language <code>", "two-letter language code", "en")
    .action(async (opts: { email: string; role: string; name?: string; language: string }) => {
      const parsed = inviteSchema.safeParse({ email: opts.email, role: opts.role, name: opts.name ?? opts.email.split("@")[0], language: opts.language });
      if (!parsed.success) {
        const lines = parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`);
        throw new CliError(lines.join("\n"));
      }
      const password = await readPassword();
      const pw = passwordField.safeParse(password);
      if (!pw.success) throw new CliError(`password: ${pw.error.issues[0].message}`);
      try {
        const u = await createUser({ ...parsed.data, password });
        await recordAudit("user.create", "cli", u.email, { role: u.role });
        console.log(`created ${u.role} ${u.email}`);
      } catch (e) {
        throw new CliError(e instanceof Error ? e.message : String(e));
      }
    });

  user
    .command("list")
    .description("list users")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const users = await listUsers();
      if (opts.json) return console.log(JSON.stringify(users, null, 2));
      if (users.length === 0) return console.log("no users");
      printTable(users.map((u) => ({ email: u.email, name: u.name, role: u.role, language: u.language, created: u.createdAt.slice(0, 10) })));
    });
}
