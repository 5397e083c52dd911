import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections, failInserts, row, rows } from "@/lib/testing/db";
import { recipientSchema } from "./schema";
import { createRecipient, deleteRecipient, findSubscribers, getRecipient, listRecipients, patchRecipient, replaceRecipient } from "./store";
import { importRecipientsCsv } from "./import";

const add = (r: unknown) => createRecipient(recipientSchema.parse(r), "test");
const auditRows = () => rows<{ action: string; actor: string; target: string | null; detail: string | null }>(`SELECT "action", "actor", "target", "detail" FROM "AuditEvent" ORDER BY "id"`);

describe("recipient directory", () => {
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
  });
  afterEach(() => closeConnections());

  it("finds the subscribers of page paths through any ancestor, honouring event types", async () => {
    await add({ id: "root", email: "root@example.com", name: "Root", subscriptions: [{ kind: "page", path: "/" }] });
    await add({ id: "site", email: "site@example.com", name: "Site", subscriptions: [{ kind: "page", path: "/content/site", eventTypes: ["PageActivated"] }] });
    await add({ id: "en", email: "en@example.com", name: "En", subscriptions: [{ kind: "page", path: "/content/site/en" }, { kind: "page", path: "/content/site/de" }] });
    await add({ id: "siteb", email: "b@example.com", name: "B", subscriptions: [{ kind: "page", path: "/content/site-b" }] });
    await add({ id: "forum", email: "f@example.com", name: "F", subscriptions: [{ kind: "forum", path: "/content/site" }] });

    const modified = await findSubscribers("page", ["/content/site/en/a", "/content/site/de/b", "/content/site-b/c"], "PageModified");
    expect(modified.map((s) => [s.id, s.paths])).toEqual([
      ["en", ["/content/site/en/a", "/content/site/de/b"]],
      ["root", ["/content/site/en/a", "/content/site/de/b", "/content/site-b/c"]],
      ["siteb", ["/content/site-b/c"]],
    ]);
    const activated = await findSubscribers("page", ["/content/site"], "PageActivated");
    expect(activated.map((s) => s.id)).toEqual(["root", "site"]);
    expect((await findSubscribers("forum", ["/content/site/forum/topic"])).map((s) => s.id)).toEqual(["forum"]);
  });

  it("keeps emails unique, replaces subscriptions whole, and removes them with the recipient", async () => {
    await add({ id: "a", email: "a@example.com", name: "A", subscriptions: [{ kind: "page", path: "/x" }] });
    await expect(add({ id: "b", email: "A@EXAMPLE.com", name: "B" })).rejects.toMatchObject({ code: "conflict", fields: { email: [expect.stringContaining('"a"')] } });
    await expect(add({ id: "a", email: "other@example.com", name: "A2" })).rejects.toMatchObject({ code: "conflict", fields: { id: ["is already taken"] } });
    const r = await replaceRecipient(recipientSchema.parse({ id: "a", email: "a@example.com", name: "A", subscriptions: [{ kind: "forum", path: "/f" }] }), "test");
    expect(r.outcome).toBe("updated");
    expect(r.recipient.subscriptions).toEqual([{ kind: "forum", path: "/f" }]);
    expect((await replaceRecipient(recipientSchema.parse({ id: "a", email: "a@example.com", name: "A", subscriptions: [{ kind: "forum", path: "/f" }] }), "test")).outcome).toBe("unchanged");
    await deleteRecipient("a", "test");
    expect(await row(`SELECT COUNT(*) AS "n" FROM "Subscription"`)).toEqual({ n: 0 });
    await expect(deleteRecipient("a", "test")).rejects.toMatchObject({ code: "not_found" });
  });

  it("imports a CSV: valid rows in, a row whose email belongs to someone else rejected; a dry run changes nothing", async () => {
    await add({ id: "owner", email: "taken@example.com", name: "Owner" });
    const csv = "id,email,name,language\nn1,n1@example.com,N1,de\nn2,taken@example.com,N2,en\nowner,owner@example.com,Owner Renamed,en\n";
    const dry = await importRecipientsCsv(csv, { dryRun: true, actor: "cli", source: "people.csv" });
    expect(dry.counts).toEqual({ created: 1, updated: 1, unchanged: 0, rejected: 1 });
    expect((await listRecipients()).total).toBe(1);
    expect((await auditRows()).map((a) => a.action)).toEqual(["recipient.create"]);
    const real = await importRecipientsCsv(csv, { actor: "cli", source: "people.csv" });
    expect(real.counts).toEqual({ created: 1, updated: 1, unchanged: 0, rejected: 1 });
    expect(real.rows[1]).toMatchObject({ line: 3, outcome: "rejected", errors: [{ field: "email", message: expect.stringContaining('"owner"') }] });
    const list = await listRecipients({ q: "n" });
    expect(list.rows.map((r) => r.id).sort()).toEqual(["n1", "owner"]);
    expect((await listRecipients({ q: "Renamed" })).rows[0]!.name).toBe("Owner Renamed");
    expect((await auditRows()).at(-1)).toEqual({ action: "recipient.import", actor: "cli", target: "people.csv", detail: JSON.stringify(real.counts) });
  });

  it("writes each change's audit row with it, and only for a real change", async () => {
    await createRecipient(recipientSchema.parse({ id: "a", email: "a@example.com", name: "A" }), "ada@herald.test");
    await replaceRecipient(recipientSchema.parse({ id: "a", email: "a@example.com", name: "A" }), "ada@herald.test"); // unchanged
    await replaceRecipient(recipientSchema.parse({ id: "a", email: "a@example.com", name: "A2" }), "api:crm");
    await deleteRecipient("a", "cli");
    expect((await auditRows()).map((a) => [a.action, a.actor, a.target])).toEqual([
      ["recipient.create", "ada@herald.test", "a"],
      ["recipient.update", "api:crm", "a"],
      ["recipient.delete", "cli", "a"],
    ]);
  });

  it("keeps no change whose audit row could not be written, and no audit row of a change that failed", async () => {
    await add({ id: "a", email: "a@example.com", name: "A", subscriptions: [{ kind: "page", path: "/x" }] });
    await failInserts("AuditEvent", "target", "a");
    await expect(replaceRecipient(recipientSchema.parse({ id: "a", email: "a@example.com", name: "Changed" }), "test")).rejects.toThrow(/simulated failure/);
    await expect(deleteRecipient("a", "test")).rejects.toThrow(/simulated failure/);
    expect(await getRecipient("a")).toMatchObject({ name: "A", subscriptions: [{ kind: "page", path: "/x" }] });

    // An import's audit row is written after its rows: when the audit insert fails, no row stays.
    await failInserts("AuditEvent", "action", "recipient.import");
    await expect(importRecipientsCsv("id,email,name\nn1,n1@example.com,N1\n", { actor: "cli", source: "x.csv" })).rejects.toThrow(/simulated failure/);
    expect(await getRecipient("n1")).toBeNull();
    expect((await auditRows()).map((a) => a.action)).toEqual(["recipient.create"]);
  });

  it("patches the given fields over the stored recipient, audited, and names what a patch makes invalid", async () => {
    await add({ id: "a", email: "a@example.com", name: "A", familyName: "Alpha", language: "de", subscriptions: [{ kind: "forum", path: "/f" }] });
    const r = await patchRecipient("a", { name: "Anna" }, "api:crm");
    expect(r.outcome).toBe("updated");
    expect(r.recipient).toMatchObject({ name: "Anna", familyName: "Alpha", language: "de", email: "a@example.com", subscriptions: [{ kind: "forum", path: "/f" }] });
    expect((await patchRecipient("a", { name: "Anna" }, "api:crm")).outcome).toBe("unchanged");
    await expect(patchRecipient("a", { subscriptions: [{ kind: "forum", path: "/f" }, { kind: "forum", path: "/f" }] }, "api:crm")).rejects.toMatchObject({
      code: "validation",
      fields: { "subscriptions.1.path": [expect.stringContaining("listed twice")] },
    });
    await expect(patchRecipient("nobody", { name: "X" }, "api:crm")).rejects.toMatchObject({ code: "not_found" });
    expect((await auditRows()).map((a) => [a.action, a.actor])).toEqual([
      ["recipient.create", "test"],
      ["recipient.update", "api:crm"],
    ]);
  });

  it("searches ids, emails, names and family names whatever the case, on every engine", async () => {
    await add({ id: "CRM-Grace", email: "gh@example.com", name: "Grace", familyName: "Hopper" });
    await add({ id: "crm-ada", email: "Ada.Lovelace@Example.com", name: "Ada", familyName: "Lovelace" });
    const ids = async (q: string) => (await listRecipients({ q })).rows.map((r) => r.id).sort();
    expect(await ids("grace")).toEqual(["CRM-Grace"]); // id and name
    expect(await ids("HOPPER")).toEqual(["CRM-Grace"]); // family name
    expect(await ids("GH@EXAMPLE")).toEqual(["CRM-Grace"]); // email
    expect(await ids("ada.lovelace@example.COM")).toEqual(["crm-ada"]);
    expect(await ids("CRM-")).toEqual(["CRM-Grace", "crm-ada"]);
    expect((await listRecipients({ q: "lOvElAcE" })).total).toBe(1);
  });
});
