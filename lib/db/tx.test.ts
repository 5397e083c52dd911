// consistentTx on SQLite while another process writes. Prisma's SQLite adapter opens a deferred
// transaction ("BEGIN"): the read at its start takes a snapshot, and when another connection
// commits before the first write, SQLite refuses the upgrade at once (SQLITE_BUSY_SNAPSHOT — the
// busy timeout does not apply), which Prisma reports as P1008 "Operation has timed out". Seen in
// e2e: `herald config import` failed while the console's worker was writing its heartbeat.
import { describe, it, expect, afterEach } from "vitest";
import Database from "better-sqlite3";
import { databaseUrl } from "@/lib/env";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections } from "@/lib/testing/db";
import { db } from "./client";
import { consistentTx } from "./tx";
import { currentEngine } from "./sql";

afterEach(async () => closeConnections());

describe.runIf(!process.env.HERALD_TEST_PG_URL)("consistentTx on SQLite", () => {
  it("re-runs a transaction whose snapshot another connection wrote past before its first write", async () => {
    useFreshDataDir();
    expect(currentEngine()).toBe("sqlite");
    await db().configVersion.count(); // opens and migrates the database
    const other = new Database(databaseUrl().replace(/^file:/, ""));
    let runs = 0;
    try {
      const version = await consistentTx(async (tx) => {
        runs++;
        const last = await tx.configVersion.findFirst({ where: { pid: "p" }, orderBy: { version: "desc" }, select: { version: true } });
        // Another process commits between this transaction's read and its write (once).
        if (runs === 1) other.prepare(`INSERT INTO "AuthFailure" ("key", "at") VALUES ('x', CURRENT_TIMESTAMP)`).run();
        const version = (last?.version ?? 0) + 1;
        await tx.configVersion.create({ data: { pid: "p", version, values: "{}", changes: "[]", actor: "test" } });
        return version;
      });
      expect(version).toBe(1);
      expect(runs).toBe(2);
      expect(await db().configVersion.count({ where: { pid: "p" } })).toBe(1);
    } finally {
      other.close();
    }
  });
});
