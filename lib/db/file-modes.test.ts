// Only Herald's account may read its files: the data folder 0700, the SQLite files 0600 — new and existing installations.
import { describe, it, expect, afterEach } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { migrate } from "./migrate";
import { closeConnections } from "@/lib/testing/db";
import { db } from "./client";
import { resetEnvCache } from "@/lib/env";
import { testEngine } from "@/lib/testing/temp-data";

const mode = (p: string) => (fs.statSync(p).mode & 0o777).toString(8);
const oldUmask = process.umask(0o022);
afterEach(async () => {
  await closeConnections();
  process.umask(oldUmask);
});

function widePlace(): string {
  // A world-readable parent, as an operator's /var/lib or a fresh checkout would be.
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "herald-modes-"));
  fs.chmodSync(parent, 0o755);
  return parent;
}

describe.runIf(testEngine() === "sqlite")("file modes", () => {
  it("a new installation: data folder 0700, database, -wal and -shm 0600", async () => {
    process.umask(0o022);
    const data = path.join(widePlace(), "data");
    process.env.HERALD_DATA_DIR = data;
    delete process.env.DATABASE_URL;
    resetEnvCache();
    await db().user.count(); // the console's first query: migrations, WAL, the Prisma connection
    const file = path.join(data, "herald.db");
    expect(mode(data)).toBe("700");
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe("600");
  });

  it("an existing installation is tightened at start", async () => {
    process.umask(0o022);
    const data = path.join(widePlace(), "data");
    fs.mkdirSync(data, { mode: 0o755 });
    fs.chmodSync(data, 0o755);
    const file = path.join(data, "herald.db");
    // As an older Herald left it: the umask's 0644 for the database and its WAL companions.
    const old = new Database(file);
    old.pragma("journal_mode = WAL");
    old.exec("CREATE TABLE t (x)");
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe("644");
    old.close();
    fs.writeFileSync(`${file}-wal`, "");
    fs.chmodSync(`${file}-wal`, 0o644);
    process.env.HERALD_DATA_DIR = data;
    delete process.env.DATABASE_URL;
    resetEnvCache();
    await db().user.count();
    expect(mode(data)).toBe("700");
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe("600");
  });

  it("the migrator alone (herald migrate) creates a private database", () => {
    process.umask(0o022);
    const file = path.join(widePlace(), "new", "herald.db");
    migrate(`file:${file}`);
    expect(mode(path.dirname(file))).toBe("700");
    expect(mode(file)).toBe("600");
  });
});
