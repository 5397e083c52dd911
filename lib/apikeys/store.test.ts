import { describe, it, expect, beforeEach, afterEach, vi } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections, failInserts, row as dbRow, rows } from "@/lib/testing/db";
import { authenticateKey, createApiKey, hashKey, listApiKeys, revokeApiKey } from "./store";
import { parseScopeList } from "./schema";

describe("API keys", () => {
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
  });
  afterEach(() => closeConnections());

  it("are shown once and stored only as a SHA-256 digest", async () => {
    const { key, view } = await createApiKey({ name: "CRM", scopes: ["send", "recipients", "send"] }, "ada@example.com");
    expect(key).toMatch(/^hrld_[A-Za-z0-9_-]{43}$/);
    expect(view).toMatchObject({ name: "CRM", scopes: ["recipients", "send"], prefix: key.slice(0, 13), createdBy: "ada@example.com", lastUsedAt: null });
    const row = (await dbRow(`SELECT * FROM "ApiKey"`))!;
    expect(JSON.stringify(row)).not.toContain(key.slice(13));
    expect(row.hash).toBe(hashKey(key));
  });

  it("authenticate: the right key works and is marked used; a wrong, malformed or revoked one does not", async () => {
    const { key, view } = await createApiKey({ name: "CRM", scopes: ["send"], rateLimit: 5 }, "t");
    expect(await authenticateKey(key)).toEqual({ id: view.id, name: "CRM", scopes: ["send"], rateLimit: 5 });
    expect(await authenticateKey(key.slice(0, -1) + (key.endsWith("A") ? "B" : "A"))).toBeNull();
    expect(await authenticateKey("not-a-key")).toBeNull();
    // The last use is recorded after the answer (it must not slow the request down).
    await vi.waitFor(async () => expect((await listApiKeys())[0]!.lastUsedAt).not.toBeNull(), { timeout: 5000, interval: 20 });
    await revokeApiKey(view.prefix, "t");
    expect(await authenticateKey(key)).toBeNull();
    expect((await listApiKeys())[0]).toMatchObject({ revokedBy: "t" });
    await expect(revokeApiKey("hrld_unknown", "t")).rejects.toThrow(/no API key/);
  });

  it("refuses a nameless key or unknown scopes, naming the field", async () => {
    await expect(createApiKey({ name: " ", scopes: [] }, "t")).rejects.toMatchObject({ fields: { name: expect.any(Array), scopes: expect.any(Array) } });
    expect(parseScopeList("send, bogus")).toEqual({ ok: false, error: "unknown scope bogus (choose from send, recipients, templates)" });
  });

  it("creating and revoking write their audit rows with the change, and only a real revocation is on record", async () => {
    const { view } = await createApiKey({ name: "CRM", scopes: ["send"] }, "ada@example.com");
    await revokeApiKey(view.id, "cli");
    await revokeApiKey(view.id, "cli"); // already revoked: nothing changes
    expect(await rows(`SELECT "action", "actor", "target", "detail" FROM "AuditEvent" ORDER BY "id"`)).toEqual([
      { action: "apikey.create", actor: "ada@example.com", target: view.prefix, detail: JSON.stringify({ name: "CRM", scopes: ["send"] }) },
      { action: "apikey.revoke", actor: "cli", target: view.prefix, detail: JSON.stringify({ name: "CRM" }) },
    ]);

    await failInserts("AuditEvent", "actor", "mallory");
    await expect(createApiKey({ name: "Unrecorded", scopes: ["send"] }, "mallory")).rejects.toThrow(/auditEvent\.create|simulated failure/);
    const { view: other } = await createApiKey({ name: "Other", scopes: ["send"] }, "ada@example.com");
    await expect(revokeApiKey(other.id, "mallory")).rejects.toThrow(/auditEvent\.create|simulated failure/);
    expect((await listApiKeys()).map((k) => [k.name, k.revokedAt === null])).toEqual([
      ["Other", true],
      ["CRM", false],
    ]);
  });
});
