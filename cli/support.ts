// Shared helpers for CLI commands.
import readline from "node:readline";
import { Writable } from "node:stream";

export const EXIT_BAD_INPUT = 2;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = EXIT_BAD_INPUT,
  ) {
    super(message);
  }
}

/** Reads all of stdin (for piped passwords and files). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Asks for a secret on the terminal without echoing it. */
export async function promptHidden(question: string): Promise<string> {
  let muted = false;
  const out = new Writable({
    write(chunk, _enc, cb) {
      if (!muted) process.stderr.write(chunk);
      cb();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output: out, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write("\n");
      resolve(answer);
    });
    muted = true;
  });
}

/** A password from stdin when piped, else prompted twice on the terminal. */
export async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return (await readStdin()).replace(/\r?\n$/, "");
  const a = await promptHidden("Password: ");
  const b = await promptHidden("Repeat password: ");
  if (a !== b) throw new CliError("passwords do not match");
  return a;
}

export function printTable(rows: Record<string, string>[]) {
  const [first] = rows;
  if (!first) return;
  const cols = Object.keys(first);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: string[]) => cells.map((v, i) => v.padEnd(width[i] ?? 0)).join("  ").trimEnd();
  console.log(line(cols));
  for (const r of rows) console.log(line(cols.map((c) => r[c] ?? "")));
}
