import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import type { Command } from "commander";
import Database from "better-sqlite3";
import { databaseUrl, dataDir, env } from "@/lib/env";
import { isPostgresUrl, pgTarget } from "@/lib/db/engine";
import { MIGRATIONS_TABLE, sqlitePath } from "@/lib/db/migrate";
import { CliError, printTable } from "../support";

// `herald backup <file>`: an online backup of the SQLite database, taken while the console and
// workers keep writing. The copy lands in a temporary file next to the target, is checked
// (integrity_check, row counts) and only then gets its final name, so a half-written or broken
// backup never sits under the name an operator will later restore from.

/** Files in the data folder that the database is useless without (lib/config/secrets-key.ts, lib/auth/secret.ts). */
const KEY_FILES = [
  { file: "secret.key", variable: "HERALD_SECRET_KEY", loss: "the sealed SMTP password, client secret and OAuth2 tokens in the backup cannot be opened" },
  { file: "nextauth-secret", variable: "NEXTAUTH_SECRET", loss: "sessions end and everybody signs in again" },
] as const;

export function register(program: Command) {
  program
    .command("backup")
    .description("online backup of the SQLite database into <file>, checked before it gets its name (PostgreSQL: use pg_dump)")
    .argument("<file>", "where to write the backup (its folder must exist)")
    .option("--force", "replace <file> if it exists")
    .action(async (file: string, opts: { force?: boolean }) => {
      const url = databaseUrl();
      if (isPostgresUrl(url)) throw new CliError(postgresAdvice(url, file));
      await backupSqlite(sqlitePath(url), file, { force: opts.force === true });
    });
}

/** pg_dump / pg_restore command lines for a PostgreSQL installation, without the password. */
export function postgresAdvice(url: string, file: string): string {
  const { connectionString, schema } = pgTarget(url);
  const u = new URL(connectionString);
  u.password = "";
  const conn = u.toString();
  const schemaArg = schema === "public" ? "" : ` --schema=${schema}`;
  return [
    `DATABASE_URL is a PostgreSQL database; back it up with PostgreSQL's own tools (consistent while Herald runs):`,
    `  pg_dump --format=custom${schemaArg} --file ${shellArg(file)} "${conn}"`,
    `restore it (console and workers stopped) with:`,
    `  pg_restore --clean --if-exists --no-owner --dbname "${conn}" ${shellArg(file)}`,
    `The password is left out: give it through PGPASSWORD or ~/.pgpass. Back up HERALD_SECRET_KEY (or <data>/secret.key) separately: the sealed secrets in the dump cannot be opened without it.`,
  ].join("\n");
}

function shellArg(s: string): string {
  return /^[\w./@:+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

interface TableCount {
  table: string;
  rows: number;
}

export async function backupSqlite(source: string, target: string, opts: { force: boolean }) {
  const started = Date.now();
  const dest = path.resolve(target);
  const dir = path.dirname(dest);
  checkTarget(source, dest, dir, opts.force);
  if (!fs.existsSync(source)) {
    throw new CliError(`no SQLite database at ${source} — check DATABASE_URL / HERALD_DATA_DIR (a new installation has one after \`herald migrate\` or the first start)`);
  }

  const temp = path.join(dir, `.${path.basename(dest)}.${process.pid}-${crypto.randomBytes(4).toString("hex")}.tmp`);
  try {
    // Created first with mode 0600: the backup holds password hashes and sealed secrets.
    try {
      fs.closeSync(fs.openSync(temp, "wx", 0o600));
    } catch (e) {
      throw new CliError(`cannot write into ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }

    const src = new Database(source, { fileMustExist: true, timeout: 5000 });
    try {
      // Everything in one step: one read transaction, hence one consistent snapshot. In WAL mode
      // (Herald's) readers never block writers, so the console and workers keep writing. Copying
      // in small steps would restart from scratch whenever another process commits in between.
      await src.backup(temp, { progress: () => 0x7fffffff });
    } finally {
      src.close();
    }

    const { integrity, tables, schema } = verifyCopy(temp);
    if (integrity !== "ok") {
      throw new CliError(`the copy failed its integrity check, nothing was written to ${dest}:\n${integrity}`, 1);
    }
    const fd = fs.openSync(temp, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    publish(temp, dest, opts.force);
    fsyncDir(dir);

    const size = fs.statSync(dest).size;
    const rows = tables.reduce((n, t) => n + t.rows, 0);
    console.log(`backup of ${source}`);
    console.log(`     to ${dest}`);
    console.log(`integrity_check: ok`);
    printTable(tables.map((t) => ({ table: t.table, rows: String(t.rows) })));
    console.log(`${tables.length} tables, ${rows} rows, ${formatSize(size)}, schema ${schema ?? "(no migrations)"}, ${Date.now() - started} ms`);
    warnAboutKeys();
  } finally {
    for (const f of [temp, `${temp}-wal`, `${temp}-shm`, `${temp}-journal`]) fs.rmSync(f, { force: true });
  }
}

function checkTarget(source: string, dest: string, dir: string, force: boolean) {
  let dirStat: fs.Stats;
  try {
    dirStat = fs.statSync(dir);
  } catch {
    throw new CliError(`folder ${dir} does not exist (create it first)`);
  }
  if (!dirStat.isDirectory()) throw new CliError(`${dir} is not a folder`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new CliError(`folder ${dir} is not writable`);
  }
  const src = path.resolve(source);
  if ([src, `${src}-wal`, `${src}-shm`, `${src}-journal`].includes(dest)) {
    throw new CliError(`${dest} is the live database; write the backup somewhere else`);
  }
  const existing = fs.statSync(dest, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new CliError(`${dest} is a folder; give a file name`);
  if (existing && !force) throw new CliError(`${dest} exists; use --force to replace it`);
}

/** Opens the copy on its own, makes it a single self-contained file, checks it and counts rows. */
function verifyCopy(file: string): { integrity: string; tables: TableCount[]; schema: string | null } {
  const copy = new Database(file, { fileMustExist: true });
  try {
    // The copy carries the source's WAL flag; a backup should be one file with no -wal beside it.
    copy.pragma("journal_mode = DELETE");
    const integrity = (copy.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("\n");
    const names = (
      copy.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`).all() as { name: string }[]
    ).map((r) => r.name);
    const tables = names.map((table) => ({
      table,
      rows: (copy.prepare(`SELECT COUNT(*) AS n FROM "${table.replace(/"/g, '""')}"`).get() as { n: number }).n,
    }));
    const schema = names.includes(MIGRATIONS_TABLE)
      ? ((copy.prepare(`SELECT MAX(name) AS name FROM "${MIGRATIONS_TABLE}"`).get() as { name: string | null }).name ?? null)
      : null;
    return { integrity, tables, schema };
  } finally {
    copy.close();
  }
}

/** Gives the checked copy its final name; without --force an existing file (even one created meanwhile) is kept. */
function publish(temp: string, dest: string, force: boolean) {
  if (force) {
    fs.renameSync(temp, dest);
    return;
  }
  try {
    fs.linkSync(temp, dest); // fails with EEXIST instead of replacing
    fs.rmSync(temp);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new CliError(`${dest} exists; use --force to replace it`);
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw e;
    // A filesystem without hard links.
    if (fs.existsSync(dest)) throw new CliError(`${dest} exists; use --force to replace it`);
    fs.renameSync(temp, dest);
  }
}

function fsyncDir(dir: string) {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* not supported on this platform / filesystem */
  }
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = bytes;
  let u = -1;
  do {
    v /= 1024;
    u++;
  } while (v >= 1024 && u < units.length - 1);
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]} (${bytes} bytes)`;
}

/** The database is useless without the secrets key, and the key is deliberately not in the backup. */
function warnAboutKeys() {
  const e = env();
  const lines = KEY_FILES.map((k) => {
    const fromEnv = k.variable === "HERALD_SECRET_KEY" ? e.HERALD_SECRET_KEY : e.NEXTAUTH_SECRET;
    if (fromEnv) return `  ${k.variable} (set in the environment) — keep its value; without it ${k.loss}`;
    const p = path.join(dataDir(), k.file);
    const note = fs.existsSync(p) ? "" : " (not created yet)";
    return `  ${p}${note} — without it ${k.loss}`;
  });
  process.stderr.write(
    [
      "warning: the backup does not contain Herald's keys. Back these up separately, and keep them apart from the database backup:",
      ...lines,
      "",
    ].join("\n"),
  );
}
