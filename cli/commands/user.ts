import type { Command } from "commander";
import { createUser, listUsers, findUserByEmail, setUserPassword, resetUserPassword } from "@/lib/auth/users";
import { emailField, inviteSchema, ROLES } from "@/lib/validations/user";
import { passwordProblem } from "@/lib/validations/password";
import { resetTotp } from "@/lib/auth/totp";
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
      const problem = await passwordProblem(password, parsed.data);
      if (problem) throw new CliError(`password: ${problem}`);
      try {
        const u = await createUser({ ...parsed.data, password }, { actor: "cli" });
        console.log(`created ${u.role} ${u.email}`);
      } catch (e) {
        throw new CliError(e instanceof Error ? e.message : String(e));
      }
    });

  user
    .command("passwd")
    .argument("<email>", "the user's email address")
    .description("set a user's password (read from stdin when piped, otherwise prompted); ends their sessions")
    .action(async (email: string) => {
      const u = await existingUser(email);
      const password = await readPassword();
      const problem = await passwordProblem(password, { email: u.email, name: u.name });
      if (problem) throw new CliError(`password: ${problem}`);
      const { sessionsEnded } = await setUserPassword(u.id, password, { mustChange: false, actor: "cli", action: "user.password" });
      console.log(`password of ${u.email} changed; ${sessionsEnded} session${sessionsEnded === 1 ? "" : "s"} ended`);
    });

  user
    .command("reset")
    .argument("<email>", "the user's email address")
    .description("give a user a new temporary password (printed once); they must change it at the next sign-in, and their sessions end")
    .action(async (email: string) => {
      const u = await existingUser(email);
      const { password } = await resetUserPassword(u.id, "cli");
      // The password alone on stdout (scripts capture it); the explanation on stderr.
      process.stderr.write(`temporary password of ${u.email} (shown only now; they must change it at the next sign-in):\n`);
      console.log(password);
    });

  user
    .command("2fa-reset")
    .argument("<email>", "the user's email address")
    .description("remove a user's two-factor codes (lost phone); audited, and their sessions end")
    .action(async (email: string) => {
      const u = await existingUser(email);
      const r = await resetTotp(u.id, "cli", "cli");
      console.log(
        `${r.wasEnabled ? "two-factor codes of" : "no two-factor codes were set up for"} ${u.email}${r.wasEnabled ? " removed" : ""}; ${r.sessionsEnded} session${r.sessionsEnded === 1 ? "" : "s"} ended`,
      );
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

async function existingUser(email: string) {
  const e = emailField.safeParse(email);
  if (!e.success) throw new CliError(`<email>: ${e.error.issues[0]?.message}`);
  const u = await findUserByEmail(e.data);
  if (!u) throw new CliError(`no user ${e.data}`);
  return u;
}
