// `herald backup <file>`, run as an operator would (`node bin/herald.mjs backup …` in a child
// process) against a real SQLite file that this process keeps writing to through Prisma.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { databaseUrl, resetEnvCache } from "@/lib/env";
import { db } from "@/lib/db/client";
import { sqlitePath } from "@/lib/db/migrate";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin/herald.mjs");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function herald(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Row counts of every table of an SQLite file, read on a connection of its own. */
function counts(file: string): Record<string, number> {
  const c = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const names = (c.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    return Object.fromEntries(names.map((n) => [n, (c.prepare(`SELECT COUNT(*) AS n FROM "${n}"`).get() as { n: number }).n]));
  } finally {
    c.close();
  }
}

let dataDir: string;
let outDir: string;

beforeEach(() => {
  dataDir = useFreshDataDir("herald-backup-");
  // The backup command is SQLite's; this suite runs on SQLite whatever engine the others use
  // (the PostgreSQL answer is tested below with a URL in the child's environment).
  delete process.env.DATABASE_URL;
  resetEnvCache();
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-backup-out-"));
});

afterEach(async () => {
  await db().$disconnect();
});

async function seed() {
  const client = db();
  await client.user.createMany({
    data: [
      { id: "u1", email: "admin@example.com", name: "Admin", passwordHash: "$2b$12$x", role: "admin" },
      { id: "u2", email: "author@example.com", name: "Author", passwordHash: "$2b$12$y", role: "author" },
    ],
  });
  // A few MB, so that the copy itself takes a moment while the writer below keeps committing.
  const detail = "x".repeat(1000);
  for (let i = 0; i < 5; i++) {
    await client.auditEvent.createMany({ data: Array.from({ length: 1000 }, (_, j) => ({ action: "seed", target: `t${i * 1000 + j}`, detail })) });
  }
  await client.configVersion.create({ data: { pid: "com.day.cq.mailer.DefaultMailService", version: 1, values: "{}", changes: "[]" } });
}

describe("herald backup (SQLite)", () => {
  it("takes a consistent copy while another connection keeps writing, checks it and prints the row counts", async () => {
    await seed();
    const source = sqlitePath(databaseUrl());
    const client = db();

    // The writer: pairs of rows, each pair in one transaction. A consistent snapshot holds whole pairs only.
    let stop = false;
    let pairs = 0;
    const errors: unknown[] = [];
    const writer = (async () => {
      while (!stop) {
        try {
          await client.$transaction([
            client.auditEvent.create({ data: { action: "pair.first", target: String(pairs) } }),
            client.auditEvent.create({ data: { action: "pair.second", target: String(pairs) } }),
          ]);
          pairs++;
        } catch (e) {
          errors.push(e);
          return;
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    while (pairs < 5) await new Promise((r) => setTimeout(r, 5));

    const target = path.join(outDir, "herald-backup.db");
    const pairsBefore = pairs;
    const r = await herald(["backup", target]);
    const pairsAfter = pairs;
    stop = true;
    await writer;

    expect(r.stderr).not.toMatch(/^herald:/m);
    expect(r.code).toBe(0);
    expect(errors).toEqual([]); // the writer was never blocked or refused
    expect(pairsAfter).toBeGreaterThan(pairsBefore); // it really kept writing while the command ran

    // The copy is one self-contained file, sound, with whole transactions only.
    expect(fs.readdirSync(outDir)).toEqual(["herald-backup.db"]);
    const copy = new Database(target, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
      const first = (copy.prepare(`SELECT COUNT(*) AS n FROM AuditEvent WHERE action = 'pair.first'`).get() as { n: number }).n;
      const second = (copy.prepare(`SELECT COUNT(*) AS n FROM AuditEvent WHERE action = 'pair.second'`).get() as { n: number }).n;
      expect(first).toBe(second);
      expect(first).toBeGreaterThanOrEqual(pairsBefore);
      expect(first).toBeLessThanOrEqual(pairsAfter);
      const ids = copy.prepare(`SELECT MIN(id) AS lo, MAX(id) AS hi, COUNT(*) AS n FROM AuditEvent`).get() as { lo: number; hi: number; n: number };
      expect(ids).toEqual({ lo: 1, hi: ids.n, n: 5000 + 2 * first }); // a prefix of what was written, no gaps
    } finally {
      copy.close();
    }
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);

    // Every table other than the one being written to has the source's row count.
    const got = counts(target);
    const live = counts(source);
    expect(Object.keys(got)).toEqual(Object.keys(live));
    for (const [table, n] of Object.entries(live)) if (table !== "AuditEvent") expect(got[table], table).toBe(n);
    expect(got.User).toBe(2);
    expect(got.ConfigVersion).toBe(1);

    // The report: integrity, one line per table with the copy's counts, size, and the key warning.
    expect(r.stdout).toContain(`backup of ${source}`);
    expect(r.stdout).toContain("integrity_check: ok");
    for (const [table, n] of Object.entries(got)) expect(r.stdout).toMatch(new RegExp(`^${table}\\s+${n}$`, "m"));
    expect(r.stdout).toMatch(new RegExp(`^${Object.keys(got).length} tables, \\d+ rows, .*\\(${fs.statSync(target).size} bytes\\), schema \\d{14}_\\w+`, "m"));
    expect(r.stderr).toContain("warning: the backup does not contain Herald's keys");
    expect(r.stderr).toContain(path.join(dataDir, "secret.key"));
    expect(r.stderr).toContain(path.join(dataDir, "nextauth-secret"));
  }, 60_000);

  it("refuses to replace an existing file unless --force, and leaves no temporary file behind", async () => {
    await seed();
    const target = path.join(outDir, "daily.db");
    fs.writeFileSync(target, "yesterday");

    const refused = await herald(["backup", target]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`herald: ${target} exists; use --force to replace it`);
    expect(fs.readFileSync(target, "utf8")).toBe("yesterday");
    expect(fs.readdirSync(outDir)).toEqual(["daily.db"]);

    const forced = await herald(["backup", target, "--force"]);
    expect(forced.code).toBe(0);
    expect(counts(target).User).toBe(2);
    expect(fs.readdirSync(outDir)).toEqual(["daily.db"]);
  }, 60_000);

  it("names the key from the environment without printing it", async () => {
    await seed();
    const key = "ab".repeat(32);
    const r = await herald(["backup", path.join(outDir, "b.db")], { HERALD_SECRET_KEY: key });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("HERALD_SECRET_KEY (set in the environment)");
    expect(r.stderr + r.stdout).not.toContain(key);
  }, 60_000);

  it("exits 2 with a clear message on bad input", async () => {
    const missingArg = await herald(["backup"]);
    expect(missingArg.code).toBe(2);
    expect(missingArg.stderr).toContain("missing required argument 'file'");

    const noDb = await herald(["backup", path.join(outDir, "a.db")]);
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toContain(`herald: no SQLite database at ${path.join(dataDir, "herald.db")}`);

    await seed();
    const noFolder = await herald(["backup", path.join(outDir, "missing", "a.db")]);
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toContain(`herald: folder ${path.join(outDir, "missing")} does not exist`);

    fs.writeFileSync(path.join(outDir, "plain-file"), "");
    const notFolder = await herald(["backup", path.join(outDir, "plain-file", "a.db")]);
    expect(notFolder.code).toBe(2);
    expect(notFolder.stderr).toContain(`herald: ${path.join(outDir, "plain-file")} is not a folder`);

    const isFolder = await herald(["backup", outDir]);
    expect(isFolder.code).toBe(2);
    expect(isFolder.stderr).toContain(`herald: ${outDir} is a folder; give a file name`);

    const live = await herald(["backup", path.join(dataDir, "herald.db"), "--force"]);
    expect(live.code).toBe(2);
    expect(live.stderr).toContain("is the live database");
    expect(counts(path.join(dataDir, "herald.db")).User).toBe(2);
    expect(fs.readdirSync(outDir)).toEqual(["plain-file"]);
  }, 60_000);

  it("points a PostgreSQL installation to pg_dump and pg_restore, never printing the password", async () => {
    const url = "postgresql://herald:s3cr3t-Pa55@db.example.com:5432/herald?schema=herald&sslmode=require";
    const file = path.join(outDir, "herald.dump");
    const r = await herald(["backup", file], { DATABASE_URL: url });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).not.toContain("s3cr3t-Pa55");
    expect(r.stderr).toContain(`pg_dump --format=custom --schema=herald --file ${file} "postgresql://herald@db.example.com:5432/herald?sslmode=require"`);
    expect(r.stderr).toContain(`pg_restore --clean --if-exists --no-owner --dbname "postgresql://herald@db.example.com:5432/herald?sslmode=require" ${file}`);
    expect(r.stderr).toContain("PGPASSWORD");
    expect(fs.existsSync(file)).toBe(false);

    const plain = await herald(["backup", file], { DATABASE_URL: "postgres://app:pw@localhost/herald" });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain(`pg_dump --format=custom --file ${file} "postgres://app@localhost/herald"`);
    expect(plain.stderr).not.toContain(":pw@");
  }, 60_000);
});
