// `herald db copy`: a populated SQLite installation moved to PostgreSQL (and back) arrives whole —
// same rows, same values (timestamps, booleans, bytes, nullable fields), sequences past the copied
// ids — and an occupied target is refused without a change.
import { describe, it, expect, afterEach } from "vitest";
import path from "node:path";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { startTestPostgres } from "@/lib/testing/pg";
import { closeConnections } from "@/lib/testing/db";
import { resetEnvCache } from "@/lib/env";
import { db } from "./client";
import { copyDatabase, copyOrder, CopyError } from "./copy";
import { enqueue } from "@/lib/outbox/enqueue";
import { testMessage } from "@/lib/outbox/testing";

const pgUrl = startTestPostgres("copy");

function useDatabase(url: string) {
  process.env.DATABASE_URL = url;
  resetEnvCache();
}

async function populate() {
  const c = db();
  await c.user.create({ data: { id: "u1", email: "a@example.com", name: "Ada", passwordHash: "x", role: "admin", mustChangePassword: true } });
  await c.user.create({ data: { id: "u2", email: "b@example.com", name: "Bo", passwordHash: "y", role: "author" } });
  await c.recipient.create({
    data: {
      id: "r1",
      email: "r1@example.com",
      name: "Rita",
      language: "de",
      subscriptions: { create: [{ kind: "page", path: "/content/a", eventTypes: "PageModified" }, { kind: "forum", path: "/content/f" }] },
    },
  });
  for (let i = 0; i < 7; i++) await c.auditEvent.create({ data: { action: `act${i}`, actor: i % 2 ? null : "u1", detail: "d" } });
  await c.mailboxMessage.create({
    data: { envelopeFrom: "a@x", envelopeTo: "b@x", headers: "[]", raw: new Uint8Array([0, 1, 2, 255, 10]), size: 5 },
  });
  await c.oAuthConnection.create({
    data: {
      id: "mail",
      status: "connected",
      source: "authorize",
      providerKind: "google",
      issuerKey: "k",
      requestedScopes: "s",
      authorizedAt: new Date("2026-01-02T03:04:05.678Z"),
      lastRefreshOk: false,
      accessTokenExpiresAt: null,
    },
  });
  await enqueue(null, Array.from({ length: 1203 }, (_, i) => testMessage(i)), { source: "test" });
}

async function snapshot() {
  const c = db();
  return {
    users: await c.user.findMany({ orderBy: { id: "asc" } }),
    recipients: await c.recipient.findMany({ include: { subscriptions: { orderBy: { id: "asc" } } }, orderBy: { id: "asc" } }),
    audit: await c.auditEvent.findMany({ orderBy: { id: "asc" } }),
    mailbox: (await c.mailboxMessage.findMany()).map((m) => ({ ...m, raw: [...m.raw] })),
    oauth: await c.oAuthConnection.findMany(),
    outbox: await c.outboxMessage.findMany({ orderBy: { id: "asc" } }),
  };
}

afterEach(async () => {
  await db().$disconnect();
  await closeConnections();
});

describe("db copy", () => {
  it("orders parents before children", () => {
    expect(copyOrder(["Subscription", "AuditEvent", "Recipient"], [["Subscription", "Recipient"]])).toEqual(["AuditEvent", "Recipient", "Subscription"]);
  });

  it("moves a SQLite installation to PostgreSQL and back with every row and value intact", async () => {
    const dir = useFreshDataDir();
    const sqliteUrl = `file:${path.join(dir, "source.db")}`;
    useDatabase(sqliteUrl);
    await populate();
    const before = await snapshot();
    await db().$disconnect();

    const target = pgUrl();
    const result = await copyDatabase(sqliteUrl, target, { batch: 250 });
    expect(result.tables.every((t) => t.source === t.target)).toBe(true);
    expect(result.tables.find((t) => t.table === "OutboxMessage")).toEqual({ table: "OutboxMessage", source: 1203, target: 1203 });
    expect(result.tables.find((t) => t.table === "Subscription")?.target).toBe(2);

    useDatabase(target);
    const after = await snapshot();
    expect(after).toEqual(before);
    expect(after.users[0]!.mustChangePassword).toBe(true);
    expect(after.oauth[0]!.authorizedAt.toISOString()).toBe("2026-01-02T03:04:05.678Z");
    // The id sequence continues after the copied ids.
    const next = await db().auditEvent.create({ data: { action: "after-copy" } });
    expect(next.id).toBe(Math.max(...before.audit.map((a) => a.id)) + 1);
    await db().$disconnect();

    // And back into a new SQLite file.
    const back = `file:${path.join(dir, "back.db")}`;
    await copyDatabase(target, back);
    useDatabase(back);
    const roundTrip = await snapshot();
    expect(roundTrip.users).toEqual(before.users);
    expect(roundTrip.outbox).toEqual(before.outbox);
    expect(roundTrip.mailbox).toEqual(before.mailbox);
    expect(roundTrip.audit).toHaveLength(before.audit.length + 1);
  });

  it("refuses a target that already has rows, and changes nothing", async () => {
    const dir = useFreshDataDir();
    const sqliteUrl = `file:${path.join(dir, "source.db")}`;
    useDatabase(sqliteUrl);
    await db().auditEvent.create({ data: { action: "one" } });
    await db().$disconnect();
    const target = pgUrl();
    useDatabase(target);
    await db().user.create({ data: { id: "x", email: "x@example.com", name: "X", passwordHash: "h", role: "admin" } });
    await db().$disconnect();
    await expect(copyDatabase(sqliteUrl, target)).rejects.toThrow(CopyError);
    await expect(copyDatabase(sqliteUrl, target)).rejects.toThrow(/is not empty \(table User has rows\)/);
    expect(await db().auditEvent.count()).toBe(0);
    expect(await db().user.count()).toBe(1);
  });

  it("refuses a missing source file", async () => {
    const dir = useFreshDataDir();
    await expect(copyDatabase(`file:${path.join(dir, "nope.db")}`, pgUrl())).rejects.toThrow(/does not exist|not at the current schema/);
  });
});
